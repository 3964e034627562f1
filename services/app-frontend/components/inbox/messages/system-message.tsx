import { text } from '@/lib/inbox/inbox-content';
import type { MessageRendererProps } from './message-types';

const DESCRIPTIONS: Record<string, string> = {
  customer_changed_number: 'The customer changed their phone number.',
  customer_identity_changed: 'The customer’s identity changed (for example, they reinstalled WhatsApp).',
  user_changed_number: 'The customer changed their phone number.',
};

/** WhatsApp's own notices about the customer (a changed number, a changed identity). */
export function SystemMessage({ message }: MessageRendererProps) {
  const body = text(message.content, 'system', 'body');
  const type = text(message.content, 'system', 'type');
  const newWaId = text(message.content, 'system', 'wa_id') ?? text(message.content, 'system', 'new_wa_id');
  return (
    <p className="text-xs text-ink-muted">
      ⓘ {body ?? (type ? DESCRIPTIONS[type] : undefined) ?? 'WhatsApp sent a notice about this customer.'}
      {newWaId ? ` New number: +${newWaId}.` : ''}
    </p>
  );
}
