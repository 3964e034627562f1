import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { MeResponse } from '@aerostic/shared';
import { BrandMark } from '@/components/brand-mark';
import { LogoutButton } from '@/components/logout-button';
import { apiFetch } from '@/lib/api';
import { ApiRequestError } from '@aerostic/shared/web';
import { CLEAR_SESSION_PATH, readSessionToken } from '@/lib/session/session';

export const metadata: Metadata = { title: 'Workspace unavailable' };

/** Where the dashboard sends people whose workspace the API refuses, with the API's own explanation. */
export default async function SuspendedPage() {
  const token = await readSessionToken();
  if (!token) redirect('/login');
  const me = await apiFetch<MeResponse>('/auth/me', { token });
  if (me.ok) redirect('/dashboard');
  if (me.status === 401) redirect(CLEAR_SESSION_PATH);
  if (me.status !== 403) throw new ApiRequestError(me.status, me.error);

  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <BrandMark className="mb-8 text-lg" />
      <main className="w-full max-w-lg rounded-(--radius-card) border border-line bg-surface p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">This workspace is unavailable</h1>
        <p role="alert" className="mt-3 text-sm text-ink-muted">
          {me.error.message}
        </p>
        <div className="mt-6">
          <LogoutButton />
        </div>
      </main>
    </div>
  );
}
