import type { ContactDto, ContactSummaryDto, ConversationDto, ConversationSourceDto } from '@aerostic/shared';
import { conversationSourceLabel } from '@/lib/inbox/conversation-source';
import { shortTime } from '@/lib/inbox/inbox-format';
import { StatusBadge } from '@/components/status-badge';
import { consentBadge, consentDetail } from '@/lib/contacts/marketing-consent';
import { contactHandle } from '@/lib/whatsapp/whatsapp-format';

interface ContactPanelProps {
  summary: ContactSummaryDto;
  contact: ContactDto | null;
  /** Where the open conversation came from (a link, QR code, widget or ad). */
  source?: ConversationSourceDto | null;
  otherConversations: ConversationDto[];
  numberLabel: (whatsappAccountId: string) => string;
  onOpen: (conversationId: string) => void;
  now: number;
}

/** Who the customer is: the team's notes on them live in the Contacts page; this is the at-a-glance view. */
export function ContactPanel({
  summary,
  contact,
  source,
  otherConversations,
  numberLabel,
  onOpen,
  now,
}: ContactPanelProps) {
  const sourceLabel = conversationSourceLabel(source);
  const attributes = contact ? Object.entries(contact.attributes ?? {}) : [];
  return (
    <section aria-label="Contact" className="flex flex-col gap-4 p-4 text-sm">
      <div>
        <h2 className="text-base font-semibold break-words">{summary.displayName}</h2>
        {contactHandle(summary) !== summary.displayName && <p className="text-ink-muted">{contactHandle(summary)}</p>}
        {summary.profileName && summary.profileName !== summary.displayName && (
          <p className="text-xs text-ink-subtle">WhatsApp name: {summary.profileName}</p>
        )}
        {sourceLabel && (
          <p className="mt-1 text-xs text-ink-muted" data-testid="conversation-source">
            {sourceLabel}
          </p>
        )}
      </div>
      {contact === null ? (
        <p className="text-xs text-ink-subtle">The contact’s details could not be loaded.</p>
      ) : (
        <>
          <div>
            <h3 className="text-xs font-semibold text-ink-muted uppercase">Marketing</h3>
            <p className="mt-1">
              <StatusBadge tone={consentBadge(contact).tone}>{consentBadge(contact).label}</StatusBadge>
            </p>
            <p className="mt-1 text-xs text-ink-subtle">{consentDetail(contact)}</p>
          </div>
          <div>
            <h3 className="text-xs font-semibold text-ink-muted uppercase">Tags</h3>
            {contact.tags.length === 0 ? (
              <p className="text-xs text-ink-subtle">No tags</p>
            ) : (
              <ul className="mt-1 flex flex-wrap gap-1">
                {contact.tags.map((tag) => (
                  <li key={tag} className="rounded-full bg-canvas px-2 py-0.5 text-xs">
                    {tag}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="text-xs font-semibold text-ink-muted uppercase">Attributes</h3>
            {attributes.length === 0 ? (
              <p className="text-xs text-ink-subtle">No custom attributes</p>
            ) : (
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                {attributes.map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-ink-muted">{key}</dt>
                    <dd className="break-words">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
        </>
      )}
      <div>
        <h3 className="text-xs font-semibold text-ink-muted uppercase">Other conversations</h3>
        {otherConversations.length === 0 ? (
          <p className="text-xs text-ink-subtle">None on other numbers</p>
        ) : (
          <ul className="mt-1 flex flex-col gap-1">
            {otherConversations.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => onOpen(c.id)}
                  className="w-full rounded-md border border-line px-2 py-1 text-left text-xs hover:bg-canvas"
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate">{numberLabel(c.whatsappAccountId)}</span>
                    <StatusBadge
                      tone={c.status === 'open' ? 'success' : c.status === 'pending' ? 'warning' : 'neutral'}
                    >
                      {c.status}
                    </StatusBadge>
                  </span>
                  <span className="block truncate text-ink-subtle">
                    {c.lastMessagePreview ?? 'No messages'} · {shortTime(c.lastMessageAt, now)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
