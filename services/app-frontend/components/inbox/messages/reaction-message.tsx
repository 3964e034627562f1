import { text } from '@/lib/inbox/inbox-content';
import type { MessageRendererProps } from './message-types';

/** A reaction to a message that is not on screen (older than the loaded page); others show on their message. */
export function ReactionMessage({ message }: MessageRendererProps) {
  const emoji = text(message.content, 'reaction', 'emoji');
  const who = message.direction === 'inbound' ? 'The customer' : 'You';
  return (
    <p className="text-xs text-ink-muted">
      {emoji ? `${who} reacted ${emoji} to an earlier message` : `${who} removed a reaction from an earlier message`}
    </p>
  );
}
