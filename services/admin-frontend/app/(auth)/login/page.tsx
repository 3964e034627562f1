import type { Metadata } from 'next';
import { microsoftSignInErrorMessage } from '@aerostic/shared';
import { Notice } from '@/components/ui/notice';
import { apiFetch } from '@/lib/api';
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
  // Set by the API's Microsoft callback when it refused the sign-in.
  const refusal = microsoftSignInErrorMessage(param(query, 'microsoft_error'));
  const microsoft = await apiFetch<{ available: boolean }>('/admin/auth/microsoft/available', { token: null });
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to the admin panel</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        Use your platform admin account. Enrolled admins are asked for a code from their authenticator app.
      </p>
      <Notice tone="error" className="mb-4">
        {refusal}
      </Notice>
      <SignInForm next={param(query, 'next')} notice={reason ? NOTICES[reason] : undefined} />
      {microsoft.ok && microsoft.data.available && (
        <a
          href="/api/auth/microsoft"
          className="mt-4 flex w-full items-center justify-center rounded-md border border-line bg-surface px-4 py-2 text-sm font-medium text-ink hover:bg-canvas"
        >
          Sign in with Microsoft
        </a>
      )}
    </>
  );
}
