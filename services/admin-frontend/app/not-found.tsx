import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-ink-muted">The address may be mistyped, or the page has moved.</p>
      <Link href="/dashboard" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        Go to the Control Tower
      </Link>
    </main>
  );
}
