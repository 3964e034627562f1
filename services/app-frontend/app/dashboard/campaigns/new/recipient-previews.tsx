'use client';

import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { formatCount, reasonLabel } from '@/lib/campaigns/campaign-format';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import type { PreviewState } from './wizard-types';

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
        (preview.preview.data.length === 0 ? (
          <p className="text-sm text-ink-muted">No recipient to preview: the audience matches no contact.</p>
        ) : (
          <ul className="grid gap-3 lg:grid-cols-2" aria-label="Messages as recipients will read them">
            {preview.preview.data.map((p) => {
              const gap = p.state === 'pending' && p.parameters.some((value) => value === '');
              return (
                <li
                  key={p.position}
                  className={`rounded-lg border p-3 text-sm ${gap ? 'border-danger-600/40' : 'border-line'}`}
                  data-testid="recipient-preview"
                >
                  <p className="font-medium">
                    {p.displayName}{' '}
                    <span className="font-normal text-ink-muted tabular-nums">
                      {p.waId ? formatPhoneNumber(p.waId) : 'WhatsApp user'}
                    </span>
                  </p>
                  {p.state === 'skipped' ? (
                    <p className="mt-1 text-ink-muted">Skipped: {reasonLabel(p.reason)}</p>
                  ) : (
                    <p className="mt-1 whitespace-pre-line">{p.text}</p>
                  )}
                  {gap && <p className="mt-1 text-xs font-medium text-danger-700">A variable has no value here.</p>}
                </li>
              );
            })}
          </ul>
        ))}
      {preview.state === 'ready' && preview.preview.nextCursor && (
        <p className="text-xs text-ink-subtle">
          The first {preview.preview.data.length} of {formatCount(preview.preview.recipients)} recipients, in sending
          order.
        </p>
      )}
    </section>
  );
}
