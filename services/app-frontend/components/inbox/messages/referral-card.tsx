import type { MessageDto } from '@aerostic/shared';
import { record, text } from '@/lib/inbox/inbox-content';

/** The ad or post a customer tapped before writing (Click-to-WhatsApp), shown above their first message. */
export function ReferralCard({ message }: { message: MessageDto }) {
  const referral = record(message.content.referral);
  if (!referral) return null;
  const headline = text(referral, 'headline');
  const body = text(referral, 'body');
  const sourceUrl = text(referral, 'source_url');
  const sourceType = text(referral, 'source_type');
  const safeUrl = sourceUrl && /^https?:\/\//i.test(sourceUrl) ? sourceUrl : undefined;
  return (
    <aside
      aria-label="Came from an ad"
      className="mb-2 rounded-md border-l-4 border-brand-500 bg-brand-50 px-2 py-1 text-xs"
    >
      <p className="font-medium text-brand-800">From {sourceType === 'post' ? 'a post' : 'an ad'}</p>
      {headline && <p className="font-semibold text-ink">{headline}</p>}
      {body && <p className="text-ink-muted">{body}</p>}
      {safeUrl && (
        <a href={safeUrl} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline">
          Open the {sourceType === 'post' ? 'post' : 'ad'}
        </a>
      )}
    </aside>
  );
}
