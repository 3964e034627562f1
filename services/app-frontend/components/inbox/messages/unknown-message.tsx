import { messagePreview } from '@aerostic/shared';
import type { MessageRendererProps } from './message-types';

/** Any type this version of the inbox does not know yet: its one-line summary, so nothing is silently dropped. */
export function UnknownMessage({ message }: MessageRendererProps) {
  const type = message.type || 'unknown';
  const preview = messagePreview(type, message.content ?? {});
  return (
    <p className="text-ink-muted">
      <span className="block text-xs">A “{type}” message</span>
      {preview !== `Message (${type})` && <span className="block text-ink">{preview}</span>}
    </p>
  );
}
