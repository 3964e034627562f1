import { list, text } from '@/lib/inbox/inbox-content';
import type { MessageRendererProps } from './message-types';

/** A message WhatsApp could not pass on (a poll, a view-once photo…), with Meta's reason when it gave one. */
export function UnsupportedMessage({ message }: MessageRendererProps) {
  const error = message.error ?? undefined;
  const fromContent = list(message.content, 'errors')[0];
  const code = error?.code ?? text(fromContent, 'code');
  const reason =
    error?.details ??
    error?.title ??
    text(fromContent, 'error_data', 'details') ??
    text(fromContent, 'title') ??
    text(fromContent, 'message') ??
    text(message.content, 'unsupported', 'type');
  return (
    <p className="text-ink-muted">
      <span className="block font-medium text-ink">This message type cannot be shown here.</span>
      <span className="block text-xs">
        {reason ? `WhatsApp says: ${reason}` : 'WhatsApp did not say why.'}
        {code !== undefined ? ` (code ${code})` : ''} Ask the customer to send it another way if it matters.
      </span>
    </p>
  );
}
