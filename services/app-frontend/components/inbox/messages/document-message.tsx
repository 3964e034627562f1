import { num, text } from '@/lib/inbox/inbox-content';
import { formatBytes } from '@/lib/format';
import { mediaUrl } from '@/lib/inbox/inbox-media';
import { Caption, MediaNotice, mediaAvailability } from './media-status';
import type { MessageRendererProps } from './message-types';

export function DocumentMessage({ message }: MessageRendererProps) {
  const availability = mediaAvailability(message);
  const filename = text(message.content, 'document', 'filename') ?? 'Document';
  const size = num(message.content, 'stored_media', 'size');
  const mime = text(message.content, 'stored_media', 'mimeType') ?? text(message.content, 'document', 'mime_type');
  const href = `${mediaUrl(message.id)}?download=1&name=${encodeURIComponent(filename)}`;
  return (
    <div>
      {availability.state === 'stored' ? (
        <a
          href={href}
          download={filename}
          className="flex items-center gap-3 rounded-md border border-line bg-surface px-3 py-2 text-ink hover:bg-canvas"
        >
          <span aria-hidden="true" className="text-xl">
            📄
          </span>
          <span className="min-w-0">
            <span className="block truncate font-medium">{filename}</span>
            <span className="block text-xs text-ink-subtle">
              {[mime, size !== undefined ? formatBytes(size) : undefined].filter(Boolean).join(' · ') || 'Download'}
            </span>
          </span>
          <span className="sr-only">Download {filename}</span>
        </a>
      ) : (
        <>
          <p className="font-medium">📄 {filename}</p>
          <MediaNotice availability={availability} label="Document" />
        </>
      )}
      <Caption value={text(message.content, 'document', 'caption')} />
    </div>
  );
}
