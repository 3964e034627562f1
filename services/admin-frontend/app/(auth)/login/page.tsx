import type { Metadata } from 'next';
import { param, type SearchParams } from '@/lib/search-params';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

const NOTICES: Record<string, string> = {
  'session-ended': 'Your session has ended. Sign in again to continue.',
  'signed-out': 'You have signed out.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = await searchParams;
  const reason = param(query, 'reason');
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to the admin panel</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        Use your platform admin account. Enrolled admins are asked for a code from their authenticator app.
      </p>
      <SignInForm next={param(query, 'next')} notice={reason ? NOTICES[reason] : undefined} />
    </>
  );
}
