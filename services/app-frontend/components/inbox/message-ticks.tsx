import type { MessageDto } from '@aerostic/shared';
import { fullTime } from '@/lib/inbox/inbox-format';
import { cn } from '@/lib/cn';

const LABELS: Record<string, string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

/** WhatsApp's ticks for the team's messages: a clock while queued, ✓ sent, ✓✓ delivered, blue ✓✓ read. */
export function MessageTicks({ message }: { message: MessageDto }) {
  if (message.direction !== 'outbound') return null;
  const label = LABELS[message.status] ?? message.status;
  const at =
    message.status === 'read'
      ? message.readAt
      : message.status === 'delivered'
        ? message.deliveredAt
        : message.status === 'sent'
          ? message.sentAt
          : message.status === 'failed'
            ? message.failedAt
            : null;
  const symbol =
    message.status === 'queued' ? '🕓' : message.status === 'sent' ? '✓' : message.status === 'failed' ? '⚠' : '✓✓';
  return (
    <span
      role="img"
      aria-label={label}
      title={at ? `${label} ${fullTime(at)}` : label}
      data-status={message.status}
      className={cn(
        'text-xs leading-none font-semibold tracking-tighter',
        message.status === 'read'
          ? 'text-brand-600'
          : message.status === 'failed'
            ? 'text-danger-600'
            : 'text-ink-subtle',
      )}
    >
      {symbol}
    </span>
  );
}
