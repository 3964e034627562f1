'use client';

import { useId, useMemo, useState } from 'react';
import { Button } from '@/components/button';
import {
  type TemplateValues,
  type TemplatesState,
  fillPlaceholders,
  missingValues,
  placeholders,
  templateMessage,
} from '@/lib/inbox/inbox-templates';

interface TemplatePickerProps {
  templates: TemplatesState;
  sending: boolean;
  onSend: (template: ReturnType<typeof templateMessage>) => void;
  onCancel?: () => void;
  /** The customer opted out of marketing: marketing templates are shown, but cannot be chosen. */
  marketingOptedOut?: boolean;
}

const EMPTY: TemplateValues = { header: {}, body: {} };

/** Choose an approved template, fill its placeholders and see the message as the customer will. */
export function TemplatePicker({
  templates,
  sending,
  onSend,
  onCancel,
  marketingOptedOut = false,
}: TemplatePickerProps) {
  const [selectedId, setSelectedId] = useState('');
  const [values, setValues] = useState<TemplateValues>(EMPTY);
  const [tried, setTried] = useState(false);
  const baseId = useId();

  const list = templates.state === 'ready' ? templates.templates : [];
  const selected = list.find((t) => t.id === selectedId);
  const missing = useMemo(() => (selected ? missingValues(selected, values) : []), [selected, values]);

  if (templates.state === 'loading') {
    return (
      <p role="status" className="text-sm text-ink-muted">
        Loading templates…
      </p>
    );
  }
  if (templates.state === 'unavailable') {
    return (
      <p role="alert" className="text-sm text-warning-700">
        {templates.message}
      </p>
    );
  }
  if (list.length === 0) {
    return (
      <p role="status" className="text-sm text-ink-muted">
        This number has no approved templates yet. Create one on the Templates page and wait for Meta to approve it.
      </p>
    );
  }

  const fields = (part: 'header' | 'body', keys: string[]) =>
    keys.map((key) => {
      const id = `${baseId}-${part}-${key}`;
      const empty = tried && !values[part][key]?.trim();
      return (
        <label key={id} htmlFor={id} className="flex flex-col gap-1 text-xs text-ink-muted">
          {part === 'header' ? 'Header' : 'Body'} {`{{${key}}}`}
          <input
            id={id}
            value={values[part][key] ?? ''}
            maxLength={1024}
            aria-invalid={empty || undefined}
            onChange={(event) => setValues((v) => ({ ...v, [part]: { ...v[part], [key]: event.target.value } }))}
            className="rounded-md border border-line bg-surface px-2 py-1 text-sm text-ink aria-invalid:border-danger-600"
          />
        </label>
      );
    });

  return (
    <form
      className="flex flex-col gap-3"
      aria-label="Send a template"
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!selected || missing.length > 0) return;
        onSend(templateMessage(selected, values));
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Template
        <select
          value={selectedId}
          onChange={(event) => {
            setSelectedId(event.target.value);
            setValues(EMPTY);
            setTried(false);
          }}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm font-normal"
        >
          <option value="">Choose a template…</option>
          {list.map((t) => {
            const refused = marketingOptedOut && t.category === 'MARKETING';
            return (
              <option key={t.id} value={t.id} disabled={refused}>
                {t.name} ({t.language}){t.category ? ` · ${t.category.toLowerCase()}` : ''}
                {refused ? ' · customer opted out' : ''}
              </option>
            );
          })}
        </select>
      </label>
      {marketingOptedOut && list.some((t) => t.category === 'MARKETING') && (
        <p className="text-xs text-warning-700">
          This customer opted out of marketing messages, so marketing templates cannot be sent to them; utility and
          authentication templates still can.
        </p>
      )}
      {selected && (
        <div className="grid gap-3 md:grid-cols-2">
          <div className="flex flex-col gap-2">
            {selected.header?.format === 'TEXT' && fields('header', placeholders(selected.header.text))}
            {fields('body', placeholders(selected.body))}
            {placeholders(selected.body).length === 0 && !placeholders(selected.header?.text).length && (
              <p className="text-xs text-ink-muted">This template has nothing to fill in.</p>
            )}
          </div>
          <figure aria-label="Preview" className="rounded-lg bg-brand-50 p-3 text-sm shadow-sm">
            <figcaption className="mb-1 text-xs text-ink-subtle">Preview</figcaption>
            {selected.header?.format === 'TEXT' && selected.header.text && (
              <p className="font-semibold">{fillPlaceholders(selected.header.text, values.header)}</p>
            )}
            <p className="break-words whitespace-pre-wrap">{fillPlaceholders(selected.body, values.body)}</p>
            {selected.footer && <p className="mt-1 text-xs text-ink-subtle">{selected.footer}</p>}
            {selected.buttons.map((b, i) => (
              <p
                key={i}
                className="mt-1 rounded border border-line bg-surface px-2 py-0.5 text-center text-xs text-brand-700"
              >
                {b}
              </p>
            ))}
          </figure>
        </div>
      )}
      {tried && !selected && (
        <p role="alert" className="text-xs text-danger-700">
          Choose a template to send.
        </p>
      )}
      {tried && selected && missing.length > 0 && (
        <p role="alert" className="text-xs text-danger-700">
          Fill in {missing.join(', ')} before sending.
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" pending={sending} pendingLabel="Sending…">
          Send template
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
