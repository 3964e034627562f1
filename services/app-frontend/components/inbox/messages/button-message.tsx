import { text } from '@/lib/inbox/inbox-content';
import type { MessageRendererProps } from './message-types';

/** A customer tapped a quick-reply button of a template. */
export function ButtonMessage({ message }: MessageRendererProps) {
  const label = text(message.content, 'button', 'text') ?? text(message.content, 'button', 'payload') ?? 'a button';
  return (
    <p>
      <span className="text-xs text-ink-muted">Tapped a template button</span>
      <span className="block font-medium">↩ {label}</span>
    </p>
  );
}
