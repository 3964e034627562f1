import { flag } from '@/lib/inbox/inbox-content';
import { mediaUrl } from '@/lib/inbox/inbox-media';
import { MediaNotice, mediaAvailability } from './media-status';
import type { MessageRendererProps } from './message-types';

export function AudioMessage({ message }: MessageRendererProps) {
  const availability = mediaAvailability(message);
  const voice = flag(message.content, 'audio', 'voice');
  const label = voice ? 'Voice message' : 'Audio';
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-xs font-medium text-ink-muted">{voice ? '🎙 Voice message' : '🎵 Audio'}</figcaption>
      {availability.state === 'stored' ? (
        <audio controls preload="metadata" src={mediaUrl(message.id)} aria-label={label} className="w-64 max-w-full" />
      ) : (
        <MediaNotice availability={availability} label={label} />
      )}
    </figure>
  );
}
