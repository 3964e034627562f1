import type { ChatEntryPointDto } from '@aerostic/shared';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { CopyButton } from '@/components/copy-button';
import { widgetSnippet } from '@/lib/click-to-chat/widget-snippet';
import { type FormState } from '@/lib/form-state';
import { EntryPointForm, KIND_LABELS } from './entry-point-form';

interface EntryPointListProps {
  entries: ChatEntryPointDto[];
  displayPhoneNumber: string;
  apiUrl: string;
  nonce: string;
  update: (previous: FormState, formData: FormData) => Promise<FormState>;
  remove: (previous: FormState, formData: FormData) => Promise<FormState>;
}

const field = 'min-w-0 flex-1 rounded-lg border border-line bg-surface px-3 py-2 font-mono text-xs';
const download = 'text-sm font-medium text-brand-700 hover:underline';

/** Each entry point with its link to copy, its QR code to download, its widget snippet, and its editor. */
export function EntryPointList({ entries, displayPhoneNumber, apiUrl, nonce, update, remove }: EntryPointListProps) {
  if (entries.length === 0) {
    return <p className="text-sm text-ink-muted">No links, QR codes or widgets for this number yet.</p>;
  }
  return (
    <ul className="flex flex-col divide-y divide-line">
      {entries.map((entry) => (
        <li key={entry.id} className="flex flex-col gap-3 py-4" data-testid="entry-point">
          <div className="flex flex-wrap items-baseline gap-2">
            <h3 className="font-semibold">{entry.name}</h3>
            <span className="text-xs text-ink-muted">
              {KIND_LABELS[entry.kind]} · ref {entry.ref}
            </span>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id={`link-${entry.id}`}
              readOnly
              value={entry.url}
              aria-label={`Link of ${entry.name}`}
              className={field}
            />
            <CopyButton value={entry.url} targetId={`link-${entry.id}`} label="Copy link" />
          </div>
          <div className="flex flex-wrap gap-4">
            <a href={`/api/click-to-chat/${entry.id}/qr/png`} download className={download}>
              Download QR (PNG)
            </a>
            <a href={`/api/click-to-chat/${entry.id}/qr/svg`} download className={download}>
              Download QR (SVG)
            </a>
          </div>
          {entry.kind === 'widget' && (
            <div className="flex flex-wrap items-center gap-2">
              <input
                id={`snippet-${entry.id}`}
                readOnly
                value={widgetSnippet(apiUrl, entry.ref)}
                aria-label={`Website snippet of ${entry.name}`}
                className={field}
              />
              <CopyButton
                value={widgetSnippet(apiUrl, entry.ref)}
                targetId={`snippet-${entry.id}`}
                label="Copy snippet"
              />
            </div>
          )}
          <details>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit</summary>
            <div className="mt-3">
              <EntryPointForm
                action={update}
                whatsappAccountId={entry.whatsappAccountId}
                displayPhoneNumber={displayPhoneNumber}
                apiUrl={apiUrl}
                nonce={nonce}
                entry={entry}
              />
            </div>
          </details>
          <div>
            <ConfirmActionButton
              action={remove}
              fields={{ entryPointId: entry.id }}
              idPrefix={`delete-${entry.id}`}
              openLabel="Delete"
              openAccessibleName={`Delete ${entry.name}`}
              question={`Delete “${entry.name}”? Its link, QR code and widget stop being attributed.`}
              confirmLabel="Delete"
              pendingLabel="Deleting…"
              keepLabel="Keep"
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
