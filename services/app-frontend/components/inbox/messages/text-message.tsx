import { text } from '@/lib/inbox/inbox-content';
import { LinkifiedText } from './linkified-text';
import type { MessageRendererProps } from './message-types';

export function TextMessage({ message }: MessageRendererProps) {
  const body = text(message.content, 'text', 'body');
  if (!body) return <p className="text-ink-subtle italic">Empty message</p>;
  return (
    <p>
      <LinkifiedText text={body} />
    </p>
  );
}
