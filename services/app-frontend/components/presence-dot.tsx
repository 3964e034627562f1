import type { AgentPresence } from '@aerostic/shared';
import { cn } from '@/lib/cn';

const DOTS: Record<AgentPresence, string> = {
  online: 'bg-success-700',
  away: 'bg-warning-700',
  offline: 'bg-line ring-1 ring-ink-subtle ring-inset',
};

export const PRESENCE_LABELS: Record<AgentPresence, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

/** A coloured dot with its word, so the state is never told by colour alone. */
export function PresenceDot({ presence, className }: { presence: AgentPresence; className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-1.5 text-xs', className)}>
      <span aria-hidden="true" className={cn('inline-block size-2 rounded-full', DOTS[presence])} />
      {PRESENCE_LABELS[presence]}
    </span>
  );
}
