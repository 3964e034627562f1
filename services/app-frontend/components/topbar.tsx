import type { MeResponse, PresenceDto } from '@aerostic/shared';
import { roleLabel } from '@/lib/format';
import { LogoutButton } from './logout-button';
import { PresenceToggle } from './presence-toggle';
import { StatusBadge } from './status-badge';

export function Topbar({ me, presence }: { me: MeResponse; presence: PresenceDto | null }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-line bg-surface px-4 py-3 lg:px-6">
      <div className="min-w-0">
        <p className="text-xs font-medium tracking-wide text-ink-subtle uppercase">Workspace</p>
        <p className="truncate font-semibold" data-testid="workspace-name">
          {me.tenant.name}
        </p>
      </div>
      <div className="flex items-center gap-4">
        {presence && <PresenceToggle initial={presence} />}
        <div className="text-right">
          <p className="text-sm font-medium">{me.user.name}</p>
          <p className="text-xs text-ink-subtle">
            <StatusBadge tone={me.user.role === 'admin' ? 'brand' : 'neutral'}>{roleLabel(me.user.role)}</StatusBadge>
          </p>
        </div>
        <LogoutButton />
      </div>
    </header>
  );
}
