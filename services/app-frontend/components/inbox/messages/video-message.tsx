import { text } from '@/lib/inbox/inbox-content';
import { mediaUrl } from '@/lib/inbox/inbox-media';
import { Caption, MediaNotice, mediaAvailability } from './media-status';
import type { MessageRendererProps } from './message-types';

export function VideoMessage({ message }: MessageRendererProps) {
  const availability = mediaAvailability(message);
  const caption = text(message.content, 'video', 'caption');
  return (
    <figure>
      {availability.state === 'stored' ? (
        <video
          controls
          preload="metadata"
          src={mediaUrl(message.id)}
          aria-label={
            caption ? `Video: ${caption}` : message.direction === 'outbound' ? 'Video sent' : 'Video from the customer'
          }
          className="max-h-72 max-w-full rounded-md bg-ink"
        />
      ) : (
        <MediaNotice availability={availability} label="Video" />
      )}
      <Caption value={caption} />
    </figure>
  );
}
