import { list, text } from '@/lib/inbox/inbox-content';
import type { MessageRendererProps } from './message-types';

export function ContactsMessage({ message }: MessageRendererProps) {
  const cards = list(message.content, 'contacts');
  if (cards.length === 0) return <p className="text-ink-subtle italic">A contact card without contacts</p>;
  return (
    <ul className="flex flex-col gap-2" aria-label="Shared contacts">
      {cards.map((card, index) => {
        const name = text(card, 'name', 'formatted_name') ?? text(card, 'name', 'first_name') ?? 'Unnamed contact';
        const phones = list(card, 'phones');
        const emails = list(card, 'emails');
        const org = text(card, 'org', 'company');
        return (
          <li key={index} className="rounded-md border border-line bg-surface px-3 py-2">
            <p className="font-medium">👤 {name}</p>
            {org && <p className="text-xs text-ink-muted">{org}</p>}
            {phones.map((phone, i) => {
              const number = text(phone, 'phone') ?? text(phone, 'wa_id');
              if (!number) return null;
              const label = text(phone, 'type');
              return (
                <p key={`p${i}`} className="text-xs">
                  <a href={`tel:${number.replace(/[^\d+]/g, '')}`} className="text-brand-700 underline">
                    {number}
                  </a>
                  {label ? <span className="text-ink-subtle"> · {label}</span> : null}
                  {text(phone, 'wa_id') ? <span className="text-ink-subtle"> · on WhatsApp</span> : null}
                </p>
              );
            })}
            {emails.map((email, i) => {
              const address = text(email, 'email');
              return address ? (
                <p key={`e${i}`} className="text-xs text-ink-muted">
                  {address}
                </p>
              ) : null;
            })}
          </li>
        );
      })}
    </ul>
  );
}
