import { flag } from '@/lib/inbox/inbox-content';
import { mediaUrl } from '@/lib/inbox/inbox-media';
import { MediaNotice, mediaAvailability } from './media-status';
import type { MessageRendererProps } from './message-types';

export function StickerMessage({ message }: MessageRendererProps) {
  const availability = mediaAvailability(message);
  const animated = flag(message.content, 'sticker', 'animated');
  if (availability.state !== 'stored') return <MediaNotice availability={availability} label="Sticker" />;
  return (
    // Served by our own route handler with the session cookie, so not through next/image.
    <img
      src={mediaUrl(message.id)}
      alt={animated ? 'Animated sticker' : 'Sticker'}
      loading="lazy"
      className="h-32 w-32 object-contain"
    />
  );
}
