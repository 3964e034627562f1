import type { Metadata } from 'next';
import Link from 'next/link';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Log in' };

const NOTICES: Record<string, string> = {
  'session-ended': 'Your session has ended. Log in again to continue.',
  'logged-out': 'You have logged out.',
  'password-reset': 'Your password was changed. Log in with the new one.',
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { next, reason } = await searchParams;
  const notice = typeof reason === 'string' ? NOTICES[reason] : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Log in to Aerostic</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        Welcome back. Use the email you signed up or were invited with.
      </p>
      <LoginForm next={typeof next === 'string' ? next : undefined} notice={notice} />
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-6 text-center text-sm text-ink-muted">
        New to Aerostic?{' '}
        <Link href="/register" className="font-medium text-brand-700 hover:underline">
          Create a workspace
        </Link>
      </p>
    </>
  );
}
