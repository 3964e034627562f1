import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { signOutAction } from '@/lib/session/session-actions';
import { getSession } from '@/lib/session/session';
import { EnrolSteps } from './enrol-steps';

export const metadata: Metadata = { title: 'Set up two-step sign-in' };

/** The middleware lets only signed-in admins who have not enrolled yet reach this page. */
export default async function EnrolPage() {
  const me = await getSession();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Set up two-step sign-in</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        {me.totpEnrolmentRequired
          ? 'Every platform admin signs in with a one-time code. Add this account to an authenticator app before you continue.'
          : 'Protect this account with a one-time code from an authenticator app. Once it is on, every sign-in asks for a code.'}
      </p>
      <EnrolSteps />
      <div className="mt-6 flex items-center justify-between gap-3 border-t border-line pt-4 text-sm">
        <p className="text-ink-muted">
          Signed in as <span className="font-medium text-ink">{me.admin.email}</span>
        </p>
        {me.totpEnrolmentRequired ? (
          <form action={signOutAction}>
            <Button type="submit" look="quiet">
              Sign out
            </Button>
          </form>
        ) : (
          <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
            Later
          </Link>
        )}
      </div>
    </>
  );
}
