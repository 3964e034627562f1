'use client';

import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import type { PreviewState } from './campaign-wizard';

/** The message as the first recipients will read it, and the recipients a mapping leaves without a value. */
export function RecipientPreviews({ preview, onRefresh }: { preview: PreviewState; onRefresh: () => void }) {
  return (
    <section aria-labelledby="recipient-previews-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="recipient-previews-heading" className="text-sm font-semibold">
          Preview for your recipients
        </h3>
        <Button
          type="button"
          variant="secondary"
          onClick={onRefresh}
          pending={preview.state === 'loading'}
          pendingLabel="Updating…"
        >
          Update preview
        </Button>
      </div>
      {preview.state === 'idle' && (
        <p className="text-sm text-ink-muted">Map every variable, then update the preview.</p>
      )}
      {preview.state === 'loading' && (
        <p role="status" className="text-sm text-ink-muted">
          Rendering the message for your recipients…
        </p>
      )}
      {preview.state === 'failed' && <FormAlert message={preview.message} />}
      {preview.state === 'ready' &&
        (preview.preview.previews.length === 0 ? (
          <p className="text-sm text-ink-muted">
            No recipient to preview: the audience matches no contact that can receive it.
          </p>
        ) : (
          <ul className="grid gap-3 lg:grid-cols-2" aria-label="Messages as recipients will read them">
            {preview.preview.previews.map((p) => (
              <li
                key={p.contactId}
                className={`rounded-lg border p-3 text-sm ${p.missing.length > 0 ? 'border-danger-600/40' : 'border-line'}`}
                data-testid="recipient-preview"
              >
                <p className="font-medium">
                  {p.displayName}{' '}
                  <span className="font-normal text-ink-muted tabular-nums">
                    {p.waId ? formatPhoneNumber(p.waId) : 'WhatsApp user'}
                  </span>
                </p>
                <p className="mt-1 whitespace-pre-line">{p.text}</p>
                {p.missing.length > 0 && (
                  <p className="mt-1 text-xs font-medium text-danger-700">
                    No value for {p.missing.map((key) => `{{${key}}}`).join(', ')}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
