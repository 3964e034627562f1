import type { AdminMeResponse } from '@aerostic/shared';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ADMIN_ROLE_LABELS } from '@/lib/labels';
import { signOutAction } from '@/lib/session/session-actions';

/** Who is signed in, and the way out (a plain form: it works before the page's scripts load). */
export function AdminBar({ me }: { me: AdminMeResponse }) {
  const { admin } = me;
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-line bg-surface px-4 py-2.5 md:px-8">
      <p className="text-sm font-semibold">Platform administration</p>
      <div className="flex items-center gap-3">
        <p className="text-right text-sm leading-tight">
          <span className="sr-only">Signed in as </span>
          <span className="block font-medium" data-testid="signed-in-email">
            {admin.email}
          </span>
          <Badge tone={admin.role === 'super_admin' ? 'brand' : 'neutral'}>{ADMIN_ROLE_LABELS[admin.role]}</Badge>
        </p>
        <form action={signOutAction}>
          <Button type="submit" look="secondary">
            Sign out
          </Button>
        </form>
      </div>
    </header>
  );
}
