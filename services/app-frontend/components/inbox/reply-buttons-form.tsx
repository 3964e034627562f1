'use client';

import { useId, useState } from 'react';
import { interactiveSchema } from '@aerostic/shared';
import { Button } from '@/components/button';

export const MAX_REPLY_BUTTONS = 3;
export const MAX_BUTTON_TITLE = 20;

export type InteractiveInput = Extract<ReturnType<typeof interactiveSchema.parse>, { type: 'button' }>;

/**
 * A message with up to three reply buttons, checked against WhatsApp's limits (the shared schema) before it is
 * sent: at most 3 buttons, titles of 1–20 characters and all different, a body of up to 1,024.
 */
export function ReplyButtonsForm({
  sending,
  onSend,
  onCancel,
}: {
  sending: boolean;
  onSend: (interactive: InteractiveInput) => void;
  onCancel: () => void;
}) {
  const [body, setBody] = useState('');
  const [titles, setTitles] = useState<string[]>(['']);
  const [errors, setErrors] = useState<string[]>([]);
  const baseId = useId();

  return (
    <form
      aria-label="Message with reply buttons"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const candidate = {
          type: 'button' as const,
          body: { text: body.trim() },
          action: {
            buttons: titles.map((title, index) => ({
              type: 'reply' as const,
              reply: { id: `btn-${index + 1}`, title: title.trim() },
            })),
          },
        };
        const parsed = interactiveSchema.safeParse(candidate);
        if (!parsed.success) {
          setErrors([...new Set(parsed.error.issues.map((i) => i.message))]);
          return;
        }
        setErrors([]);
        onSend(parsed.data as InteractiveInput);
      }}
    >
      <label htmlFor={`${baseId}-body`} className="text-xs font-medium text-ink-muted">
        Message
      </label>
      <textarea
        id={`${baseId}-body`}
        value={body}
        rows={2}
        maxLength={1024}
        onChange={(event) => setBody(event.target.value)}
        className="resize-none rounded-md border border-line bg-surface px-2 py-1 text-sm"
      />
      <fieldset className="flex flex-col gap-1">
        <legend className="text-xs font-medium text-ink-muted">
          Buttons ({titles.length} of {MAX_REPLY_BUTTONS})
        </legend>
        {titles.map((title, index) => (
          <div key={index} className="flex items-center gap-2">
            <input
              aria-label={`Button ${index + 1} title`}
              value={title}
              onChange={(event) => setTitles((all) => all.map((t, i) => (i === index ? event.target.value : t)))}
              className="flex-1 rounded-md border border-line bg-surface px-2 py-1 text-sm"
            />
            <span
              className={title.trim().length > MAX_BUTTON_TITLE ? 'text-xs text-danger-700' : 'text-xs text-ink-subtle'}
            >
              {title.trim().length}/{MAX_BUTTON_TITLE}
            </span>
            {titles.length > 1 && (
              <button
                type="button"
                aria-label={`Remove button ${index + 1}`}
                className="text-xs text-ink-muted underline"
                onClick={() => setTitles((all) => all.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          disabled={titles.length >= MAX_REPLY_BUTTONS}
          onClick={() => setTitles((all) => [...all, ''])}
          className="self-start text-xs font-medium text-brand-700 underline disabled:text-ink-subtle disabled:no-underline"
        >
          {titles.length >= MAX_REPLY_BUTTONS ? 'WhatsApp allows at most 3 buttons' : 'Add a button'}
        </button>
      </fieldset>
      {errors.length > 0 && (
        <ul role="alert" className="text-xs text-danger-700">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <Button type="submit" pending={sending} pendingLabel="Sending…">
          Send with buttons
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
