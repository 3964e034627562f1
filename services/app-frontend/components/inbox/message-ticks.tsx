import { MESSAGE_TICKS, type MessageDto, type MessageStatus, type MessageTick, tickRank } from '@aerostic/shared';
import { fullTime } from '@/lib/inbox/inbox-format';
import { cn } from '@/lib/cn';

interface Tick {
  label: string;
  symbol: string;
  tone: string;
  /** When the message reached it. */
  at: (message: MessageDto) => string | null;
}

/** One entry per tick of the shared order (queued < sent < delivered < read), so a new tick cannot go unshown. */
const TICKS: Record<MessageTick, Tick> = {
  queued: { label: 'Queued', symbol: '🕓', tone: 'text-ink-subtle', at: () => null },
  sent: { label: 'Sent', symbol: '✓', tone: 'text-ink-subtle', at: (m) => m.sentAt },
  delivered: { label: 'Delivered', symbol: '✓✓', tone: 'text-ink-subtle', at: (m) => m.deliveredAt },
  read: { label: 'Read', symbol: '✓✓', tone: 'text-brand-600', at: (m) => m.readAt },
};
const FAILED: Tick = { label: 'Not delivered', symbol: '⚠', tone: 'text-danger-600', at: (m) => m.failedAt };

function tickOf(status: MessageStatus): Tick | undefined {
  if (status === 'failed') return FAILED;
  const rank = tickRank(status);
  return rank === -1 ? undefined : TICKS[MESSAGE_TICKS[rank]!];
}

/** WhatsApp's ticks for the team's messages: a clock while queued, ✓ sent, ✓✓ delivered, blue ✓✓ read. */
export function MessageTicks({ message }: { message: MessageDto }) {
  if (message.direction !== 'outbound') return null;
  const tick = tickOf(message.status);
  const label = tick?.label ?? message.status;
  const at = tick?.at(message);
  return (
    <span
      role="img"
      aria-label={label}
      title={at ? `${label} ${fullTime(at)}` : label}
      data-status={message.status}
      className={cn('text-xs leading-none font-semibold tracking-tighter', tick?.tone ?? 'text-ink-subtle')}
    >
      {tick?.symbol ?? '✓✓'}
    </span>
  );
}
