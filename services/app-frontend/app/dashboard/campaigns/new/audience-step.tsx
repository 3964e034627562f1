'use client';

import { useRef, useState } from 'react';
import type { CampaignAudienceCsvResult } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { formatCount } from '@/lib/campaigns/campaign-format';
import type { AttributeFilterRow, AudienceDraft, CsvAudience } from '@/lib/campaigns/campaign-wizard';
import { FieldError } from '@/components/field-error';

const MAX_BYTES = 5 * 1024 * 1024;

interface AudienceStepProps {
  draft: AudienceDraft;
  onChange: (draft: AudienceDraft) => void;
  errors: Record<string, string>;
}

/** Who receives the campaign: contacts matching tags and attributes, or the contacts of a CSV file. */
export function AudienceStep({ draft, onChange, errors }: AudienceStepProps) {
  const set = (patch: Partial<AudienceDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="flex flex-col gap-5">
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Choose recipients by</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="audienceMode"
            value="filter"
            checked={draft.mode === 'filter'}
            onChange={() => set({ mode: 'filter' })}
            className="size-4 accent-brand-600"
          />
          Tags and attributes of your contacts
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="audienceMode"
            value="csv"
            checked={draft.mode === 'csv'}
            onChange={() => set({ mode: 'csv' })}
            className="size-4 accent-brand-600"
          />
          A CSV file of phone numbers
        </label>
      </fieldset>

      {draft.mode === 'filter' ? (
        <>
          <FormField
            idPrefix="audience"
            name="tags"
            label="Tags"
            autoComplete="off"
            placeholder="vip, lisbon"
            value={draft.tags}
            onChange={(event) => set({ tags: event.target.value })}
            error={errors['audience.tags']}
            hint="Separate tags with commas. Contacts with any of these tags are included."
          />
          <AttributeFilters
            rows={draft.attributes}
            onChange={(attributes) => set({ attributes })}
            error={errors['audience.attributes']}
          />
        </>
      ) : (
        <CsvUpload csv={draft.csv} onUploaded={(csv) => set({ csv })} error={errors['audience.file']} />
      )}
      <FieldError id="audience-contactIds-error" message={errors['audience.contactIds'] ?? errors.audience} />
      <p className="text-xs text-ink-subtle">
        Contacts without marketing consent, those who opted out, and +1 numbers (where Meta does not deliver marketing
        templates) are skipped for marketing templates; the review step counts them before anything is sent.
      </p>
    </div>
  );
}

function AttributeFilters({
  rows,
  onChange,
  error,
}: {
  rows: AttributeFilterRow[];
  onChange: (rows: AttributeFilterRow[]) => void;
  error?: string;
}) {
  const nextId = rows.reduce((max, row) => Math.max(max, row.id + 1), 0);
  const update = (id: number, patch: Partial<AttributeFilterRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? 'audience-attributes-error' : undefined}>
      <legend className="text-sm font-medium">Attributes</legend>
      <p className="text-xs text-ink-subtle">
        A contact needs every attribute listed, with exactly this value (and one of the tags, when tags are given).
      </p>
      {rows.map((row, index) => (
        <div key={row.id} className="flex flex-wrap items-end gap-2">
          <label className="flex min-w-32 flex-1 flex-col gap-1 text-xs font-medium">
            Attribute {index + 1} name
            <input
              value={row.key}
              onChange={(event) => update(row.id, { key: event.target.value })}
              autoComplete="off"
              className="rounded-lg border border-line bg-surface px-3 py-2 text-sm font-normal"
            />
          </label>
          <label className="flex min-w-40 flex-[2] flex-col gap-1 text-xs font-medium">
            Attribute {index + 1} value
            <input
              value={row.value}
              onChange={(event) => update(row.id, { value: event.target.value })}
              autoComplete="off"
              className="rounded-lg border border-line bg-surface px-3 py-2 text-sm font-normal"
            />
          </label>
          <Button
            type="button"
            variant="ghost"
            onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            aria-label={`Remove attribute ${index + 1}`}
          >
            Remove
          </Button>
        </div>
      ))}
      <FieldError id="audience-attributes-error" message={error} />
      <div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => onChange([...rows, { id: nextId, key: '', value: '' }])}
        >
          Add attribute filter
        </Button>
      </div>
    </fieldset>
  );
}

type UploadState = { phase: 'idle' } | { phase: 'uploading' } | { phase: 'failed'; message: string };

/** Sends the file to the API, which finds or adds each line's contact and lists the lines it refused. */
function CsvUpload({
  csv,
  onUploaded,
  error,
}: {
  csv: CsvAudience | null;
  onUploaded: (csv: CsvAudience) => void;
  error?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setState({ phase: 'failed', message: 'Choose a CSV file to upload.' });
    if (file.size > MAX_BYTES) {
      return setState({ phase: 'failed', message: 'The file is larger than 5 MB. Split it into smaller campaigns.' });
    }
    setState({ phase: 'uploading' });
    let response: Response;
    try {
      response = await fetch('/api/campaigns/audience', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      });
    } catch {
      return setState({ phase: 'failed', message: 'The upload was interrupted. Check your connection and try again.' });
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok && isAudienceResult(body)) {
      setState({ phase: 'idle' });
      onUploaded({ fileName: file.name, contactIds: body.contactIds, rejected: body.rejected });
      return;
    }
    setState({ phase: 'failed', message: messageOf(body) ?? `The upload failed (${response.status}). Try again.` });
  }

  const describedBy = ['audience-file-hint', error && 'audience-file-error'].filter(Boolean).join(' ');
  return (
    <div className="flex flex-col gap-3">
      <div className="flex min-w-0 flex-col gap-1.5">
        <label htmlFor="audience-file" className="text-sm font-medium">
          CSV file
        </label>
        <input
          ref={input}
          id="audience-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className="text-sm file:mr-3 file:rounded-lg file:border file:border-line file:bg-surface file:px-3 file:py-1.5 file:text-sm"
        />
        <p id="audience-file-hint" className="text-xs text-ink-subtle">
          One recipient per line, with a <code>phone</code> column (with the country code). Up to 5 MB. Numbers that are
          not contacts yet are added to your contacts.
        </p>
        <FieldError id="audience-file-error" message={error} />
      </div>
      <div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => void upload()}
          pending={state.phase === 'uploading'}
          pendingLabel="Uploading…"
        >
          Upload file
        </Button>
      </div>
      {state.phase === 'failed' && <FormAlert message={state.message} />}
      {csv && <CsvReport csv={csv} />}
    </div>
  );
}

function CsvReport({ csv }: { csv: CsvAudience }) {
  const { contactIds, rejected } = csv;
  return (
    <div role="status" className="flex flex-col gap-3" data-testid="audience-upload-report">
      <p className="rounded-lg border border-line bg-canvas px-3 py-2 text-sm">
        {csv.fileName}: {formatCount(contactIds.length)} {contactIds.length === 1 ? 'recipient' : 'recipients'}
        {rejected.length > 0
          ? `, ${formatCount(rejected.length)} ${rejected.length === 1 ? 'line' : 'lines'} with errors (not included).`
          : '.'}
      </p>
      {rejected.length > 0 && (
        <div className="max-h-72 overflow-auto rounded-lg border border-line">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Lines of the file with errors</caption>
            <thead className="sticky top-0 bg-surface text-xs tracking-wide text-ink-subtle uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Line
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Error
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rejected.map((r) => (
                <tr key={r.line} data-testid="audience-rejected-line">
                  <td className="px-3 py-2 tabular-nums">{r.line}</td>
                  <td className="px-3 py-2">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function isAudienceResult(body: unknown): body is CampaignAudienceCsvResult {
  return (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as { contactIds?: unknown }).contactIds) &&
    Array.isArray((body as { rejected?: unknown }).rejected)
  );
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, fields } = body as { message?: unknown; fields?: Record<string, unknown> };
  const first = fields ? Object.values(fields).find((v) => typeof v === 'string') : undefined;
  return typeof first === 'string' ? first : typeof message === 'string' ? message : undefined;
}
