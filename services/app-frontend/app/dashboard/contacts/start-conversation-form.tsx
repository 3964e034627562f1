'use client';

import { useActionState, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { fillPlaceholders, type InboxTemplate, placeholders } from '@/lib/inbox/inbox-templates';
import { startConversationAction } from './actions';

export interface NumberOption {
  id: string;
  label: string;
  /** Approved templates of the number, or why there are none to pick. */
  templates: { available: true; list: InboxTemplate[] } | { available: false; message: string };
}

const FIELDS = ['whatsappAccountId', 'templateId'] as const;
const SELECT = 'w-full rounded-lg border border-line bg-surface px-3 py-2 text-sm text-ink shadow-xs';

/** Picks a number and one of its approved templates, fills the template's variables and sends it. */
export function StartConversationForm({ contactId, numbers }: { contactId: string; numbers: NumberOption[] }) {
  const [state, formAction, pending] = useActionState(startConversationAction, IDLE_FORM_STATE);
  // One key for this form: submitting it twice sends the template once.
  const idempotencyKey = useRef<string | null>(null);
  const submit = (formData: FormData) => {
    idempotencyKey.current ??= crypto.randomUUID();
    formData.set('idempotencyKey', idempotencyKey.current);
    formAction(formData);
  };
  const [numberId, setNumberId] = useState(numbers[0]?.id ?? '');
  const number = numbers.find((n) => n.id === numberId);
  const templates = number?.templates.available ? number.templates.list : [];
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '');
  const template = templates.find((t) => t.id === templateId);
  const [values, setValues] = useState<Record<string, string>>({});
  const unavailable = number && !number.templates.available ? number.templates.message : null;
  const headerKeys = template?.header?.format === 'TEXT' ? placeholders(template.header.text) : [];
  const bodyKeys = placeholders(template?.body);
  const partValues = (part: 'header' | 'body') =>
    Object.fromEntries(
      Object.entries(values)
        .filter(([name]) => name.startsWith(`${part}.`))
        .map(([name, value]) => [name.slice(part.length + 1), value]),
    );

  return (
    <form action={submit} className="flex flex-col gap-4" noValidate aria-label="Send a template">
      {state.status === 'error' && (
        <FormAlert message={state.message} fields={state.fields} wayOut={state.wayOut} knownFields={FIELDS} />
      )}
      <input type="hidden" name="contactId" value={contactId} />
      <div className="grid gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="start-number" className="text-sm font-medium">
            From number
          </label>
          <select
            id="start-number"
            name="whatsappAccountId"
            value={numberId}
            onChange={(event) => {
              const next = numbers.find((n) => n.id === event.target.value);
              setNumberId(event.target.value);
              setTemplateId(next?.templates.available ? (next.templates.list[0]?.id ?? '') : '');
              setValues({});
            }}
            className={SELECT}
            aria-invalid={state.fields?.whatsappAccountId ? true : undefined}
          >
            {numbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
          {state.fields?.whatsappAccountId && (
            <p className="text-xs font-medium text-danger-700">{state.fields.whatsappAccountId}</p>
          )}
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="start-template" className="text-sm font-medium">
            Approved template
          </label>
          <select
            id="start-template"
            name="templateId"
            value={templateId}
            onChange={(event) => {
              setTemplateId(event.target.value);
              setValues({});
            }}
            disabled={templates.length === 0}
            className={SELECT}
            aria-invalid={state.fields?.templateId ? true : undefined}
            aria-describedby={unavailable || templates.length === 0 ? 'start-template-help' : undefined}
          >
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.language})
              </option>
            ))}
          </select>
          {(unavailable || templates.length === 0) && (
            <p id="start-template-help" className="text-xs font-medium text-warning-700">
              {unavailable ??
                'This number has no approved template yet. Create one and wait for Meta to approve it, then come back.'}
            </p>
          )}
          {state.fields?.templateId && <p className="text-xs font-medium text-danger-700">{state.fields.templateId}</p>}
        </div>
      </div>

      {template && (
        <>
          {[...headerKeys.map((key) => ['header', key] as const), ...bodyKeys.map((key) => ['body', key] as const)].map(
            ([part, key]) => {
              const name = `${part}.${key}`;
              return (
                <div key={name} className="flex flex-col gap-1.5">
                  <label htmlFor={`start-${part}-${key}`} className="text-sm font-medium">
                    {part === 'header' ? 'Header' : 'Body'} variable {`{{${key}}}`}
                  </label>
                  <input
                    id={`start-${part}-${key}`}
                    name={name}
                    value={values[name] ?? ''}
                    onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
                    autoComplete="off"
                    className="rounded-lg border border-line bg-surface px-3 py-2 text-sm"
                  />
                </div>
              );
            },
          )}
          <div className="rounded-lg border border-line bg-canvas p-3 text-sm">
            <p className="text-xs font-medium text-ink-subtle">Preview</p>
            {template.header?.format === 'TEXT' && template.header.text && (
              <p className="mt-1 font-semibold">{fillPlaceholders(template.header.text, partValues('header'))}</p>
            )}
            <p className="mt-1 whitespace-pre-line">{fillPlaceholders(template.body, partValues('body'))}</p>
            {template.footer && <p className="mt-1 text-xs text-ink-subtle">{template.footer}</p>}
          </div>
        </>
      )}

      <div>
        <Button type="submit" pending={pending} pendingLabel="Sending…" disabled={!template}>
          Send template and open conversation
        </Button>
      </div>
    </form>
  );
}
