import type { Metadata } from 'next';
import Link from 'next/link';
import { microsoftSignInErrorMessage } from '@aerostic/shared';
import { FormAlert } from '@/components/form-alert';
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
  const { next, reason, microsoft_error: microsoftError } = await searchParams;
  // Set by the API's Microsoft callback when it refused the sign-in: says which refusal it was.
  const refusal = microsoftSignInErrorMessage(typeof microsoftError === 'string' ? microsoftError : null);
  const notice = typeof reason === 'string' ? NOTICES[reason] : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Log in to Aerostic</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        Welcome back. Use the email you signed up or were invited with.
      </p>
      {refusal && <FormAlert message={refusal} className="mb-4" />}
      <LoginForm next={typeof next === 'string' ? next : undefined} notice={notice} />
      <a
        href="/api/auth/microsoft"
        className="mt-4 flex w-full items-center justify-center rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium text-ink hover:bg-canvas"
      >
        Sign in with Microsoft
      </a>
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
