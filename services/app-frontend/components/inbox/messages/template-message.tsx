import { text } from '@/lib/inbox/inbox-content';
import { fillPlaceholders, sentValues } from '@/lib/inbox/inbox-templates';
import { LinkifiedText } from './linkified-text';
import type { MessageRendererProps } from './message-types';

/** A sent template with its parameters filled in, as it reached the customer when the template's text is known. */
export function TemplateMessage({ message, templates }: MessageRendererProps) {
  const name = text(message.content, 'template', 'name') ?? 'template';
  const language =
    text(message.content, 'template', 'language', 'code') ?? text(message.content, 'template', 'language');
  const values = sentValues(message.content);
  const template = templates?.find((t) => t.name === name && (!language || t.language === language));
  if (!template) {
    const given = [...Object.values(values.header), ...Object.values(values.body)];
    return (
      <div>
        <p className="text-xs text-ink-muted">
          Template <span className="font-mono">{name}</span>
          {language ? ` (${language})` : ''}
        </p>
        {given.length > 0 && <p className="mt-1">{given.join(' · ')}</p>}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <p className="text-xs text-ink-muted">
        Template <span className="font-mono">{name}</span>
      </p>
      {template.header?.format === 'TEXT' && template.header.text && (
        <p className="font-semibold">{fillPlaceholders(template.header.text, values.header)}</p>
      )}
      {template.header && template.header.format !== 'TEXT' && (
        <p className="text-xs text-ink-subtle">[{template.header.format.toLowerCase()} header]</p>
      )}
      <LinkifiedText text={fillPlaceholders(template.body, values.body)} />
      {template.footer && <p className="text-xs text-ink-subtle">{template.footer}</p>}
      {template.buttons.length > 0 && (
        <ul className="mt-1 flex flex-col gap-1" aria-label="Template buttons">
          {template.buttons.map((b, i) => (
            <li key={i} className="rounded border border-line bg-surface px-2 py-1 text-center text-xs text-brand-700">
              {b}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
