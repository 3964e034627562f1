import { text } from '@/lib/inbox/inbox-content';
import { mediaUrl } from '@/lib/inbox/inbox-media';
import { Caption, MediaNotice, mediaAvailability } from './media-status';
import type { MessageRendererProps } from './message-types';

export function ImageMessage({ message }: MessageRendererProps) {
  const availability = mediaAvailability(message);
  const caption = text(message.content, 'image', 'caption');
  return (
    <figure>
      {availability.state === 'stored' ? (
        <a href={mediaUrl(message.id)} target="_blank" rel="noopener" className="block">
          {/* Served by our own route handler with the session cookie, so not through next/image. */}
          <img
            src={mediaUrl(message.id)}
            alt={
              caption
                ? `Photo: ${caption}`
                : message.direction === 'outbound'
                  ? 'Photo sent'
                  : 'Photo from the customer'
            }
            loading="lazy"
            className="max-h-72 min-h-24 max-w-full min-w-24 rounded-md bg-canvas object-contain"
          />
        </a>
      ) : (
        <MediaNotice availability={availability} label="Photo" />
      )}
      <Caption value={caption} />
    </figure>
  );
}
