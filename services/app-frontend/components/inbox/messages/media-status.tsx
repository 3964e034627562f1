import type { MessageDto } from '@aerostic/shared';
import { text } from '@/lib/inbox/inbox-content';
import { LinkifiedText } from './linkified-text';

export type MediaAvailability =
  { state: 'stored' } | { state: 'pending' } | { state: 'rejected'; reason: string } | { state: 'sent' };

/**
 * Whether the file of a media message can be shown. Customers' files are downloaded from WhatsApp in the
 * background (`stored_media` says how it went); the team's own files are kept when they are uploaded from the inbox
 * (a media id sent through the API without an upload has no file to show).
 */
export function mediaAvailability(message: MessageDto): MediaAvailability {
  const status = text(message.content, 'stored_media', 'status');
  if (status === 'stored') return { state: 'stored' };
  if (message.direction === 'outbound') return { state: 'sent' };
  if (status === 'rejected') {
    return {
      state: 'rejected',
      reason: text(message.content, 'stored_media', 'reason') ?? 'WhatsApp did not hand it over',
    };
  }
  return { state: 'pending' };
}

export function MediaNotice({ availability, label }: { availability: MediaAvailability; label: string }) {
  const message =
    availability.state === 'pending'
      ? `${label}: still downloading from WhatsApp…`
      : availability.state === 'rejected'
        ? `${label} could not be downloaded: ${availability.reason}.`
        : `${label} sent from this inbox.`;
  return (
    <p
      className="flex min-h-12 items-center rounded-md border border-dashed border-line px-3 py-2 text-xs text-ink-muted"
      role={availability.state === 'rejected' ? 'note' : undefined}
    >
      {message}
    </p>
  );
}

export function Caption({ value }: { value: string | undefined }) {
  return value ? (
    <p className="mt-1">
      <LinkifiedText text={value} />
    </p>
  ) : null;
}
