import { list, text } from '@/lib/inbox/inbox-content';
import { LinkifiedText } from './linkified-text';
import type { MessageRendererProps } from './message-types';

/**
 * Inbound: the customer's choice (a reply button, a list row, a submitted flow). Outbound: the buttons or list
 * the team sent, as the customer sees them.
 */
export function InteractiveMessage({ message }: MessageRendererProps) {
  const i = message.content.interactive;
  const type = text(i, 'type');
  if (type === 'button_reply' || type === 'list_reply') {
    const reply = type === 'button_reply' ? 'button_reply' : 'list_reply';
    const title = text(i, reply, 'title') ?? text(i, reply, 'id') ?? 'a choice';
    const description = text(i, reply, 'description');
    return (
      <p>
        <span className="text-xs text-ink-muted">{type === 'button_reply' ? 'Tapped' : 'Chose from the list'}</span>
        <span className="block font-medium">↩ {title}</span>
        {description && <span className="block text-xs text-ink-muted">{description}</span>}
      </p>
    );
  }
  if (type === 'nfm_reply') {
    return (
      <p>
        <span className="text-xs text-ink-muted">Submitted a form</span>
        <span className="block font-medium">
          {text(i, 'nfm_reply', 'body') ?? text(i, 'nfm_reply', 'name') ?? 'Form reply'}
        </span>
      </p>
    );
  }
  const header = text(i, 'header', 'text');
  const body = text(i, 'body', 'text');
  const footer = text(i, 'footer', 'text');
  const buttons = list(i, 'action', 'buttons')
    .map((b) => text(b, 'reply', 'title'))
    .filter((t): t is string => Boolean(t));
  const listButton = text(i, 'action', 'button');
  const asksForPhone = type === 'request_contact_info';
  const rows = list(i, 'action', 'sections').flatMap((s) => list(s, 'rows').map((r) => text(r, 'title')));
  return (
    <div className="flex flex-col gap-1">
      {header && <p className="font-semibold">{header}</p>}
      {body ? <LinkifiedText text={body} /> : <p className="text-ink-subtle italic">Interactive message</p>}
      {footer && <p className="text-xs text-ink-subtle">{footer}</p>}
      {buttons.length > 0 && (
        <ul className="mt-1 flex flex-col gap-1" aria-label="Reply buttons">
          {buttons.map((title, index) => (
            <li
              key={index}
              className="rounded border border-line bg-surface px-2 py-1 text-center text-xs text-brand-700"
            >
              {title}
            </li>
          ))}
        </ul>
      )}
      {asksForPhone && (
        <p className="mt-1 rounded border border-line bg-surface px-2 py-1 text-center text-xs text-brand-700">
          📞 Share phone number
        </p>
      )}
      {listButton && (
        <p className="mt-1 rounded border border-line bg-surface px-2 py-1 text-center text-xs text-brand-700">
          ☰ {listButton}
          {rows.length > 0 && <span className="block text-ink-subtle">{rows.filter(Boolean).join(' · ')}</span>}
        </p>
      )}
    </div>
  );
}
