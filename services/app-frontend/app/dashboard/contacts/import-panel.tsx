'use client';

import { type FormEvent, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { ContactImportResult } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';

const MAX_BYTES = 5 * 1024 * 1024;

type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; percent: number }
  | { phase: 'processing' }
  | { phase: 'done'; result: ContactImportResult }
  | { phase: 'failed'; message: string };

/** Uploads a CSV file with a progress bar and shows what was saved and which rows were refused, and why. */
export function ImportPanel() {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const busy = state.phase === 'uploading' || state.phase === 'processing';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setState({ phase: 'failed', message: 'Choose a CSV file to import.' });
    if (file.size > MAX_BYTES) {
      return setState({
        phase: 'failed',
        message: 'The file is larger than 5 MB. Split it into smaller files and import them one by one.',
      });
    }
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open('POST', '/api/contacts/import');
    request.setRequestHeader('content-type', 'text/csv');
    request.upload.onprogress = (progress) => {
      if (progress.lengthComputable) {
        setState({ phase: 'uploading', percent: Math.round((progress.loaded / progress.total) * 100) });
      }
    };
    request.upload.onload = () => setState({ phase: 'processing' });
    request.onerror = () =>
      setState({ phase: 'failed', message: 'The upload was interrupted. Check your connection and try again.' });
    request.onload = () => {
      const body = parse(request.responseText);
      if (request.status === 200 && isResult(body)) {
        setState({ phase: 'done', result: body });
        router.refresh();
        return;
      }
      setState({ phase: 'failed', message: messageOf(body) ?? `The import failed (${request.status}). Try again.` });
    };
    setState({ phase: 'uploading', percent: 0 });
    request.send(file);
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Import contacts">
        <div className="flex min-w-0 flex-col gap-1.5">
          <label htmlFor="import-file" className="text-sm font-medium">
            CSV file
          </label>
          <input
            ref={input}
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-file-hint"
            className="text-sm file:mr-3 file:rounded-lg file:border file:border-line file:bg-surface file:px-3 file:py-1.5 file:text-sm"
          />
          <p id="import-file-hint" className="text-xs text-ink-subtle">
            Columns: <code>phone</code> (required), <code>name</code>, <code>tags</code> (separated by <code>;</code>),{' '}
            <code>marketing_consent</code> (granted, opted_out or unknown; yes/no also work); any other column becomes a
            custom attribute. Up to 5 MB. Existing contacts are updated, keeping what a row leaves empty.
          </p>
        </div>
        <div>
          <Button type="submit" variant="secondary" disabled={busy}>
            Import file
          </Button>
        </div>
      </form>

      {state.phase === 'uploading' && (
        <div className="flex flex-col gap-1">
          <p className="text-sm" id="import-progress-label">
            Uploading… {state.percent}%
          </p>
          <div
            role="progressbar"
            aria-labelledby="import-progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={state.percent}
            className="h-2 overflow-hidden rounded-full bg-line"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${state.percent}%` }} />
          </div>
        </div>
      )}
      {state.phase === 'processing' && (
        <p role="status" className="text-sm text-ink-muted">
          File uploaded. Checking and saving every row…
        </p>
      )}
      {state.phase === 'failed' && <FormAlert message={state.message} />}
      {state.phase === 'done' && <ImportReport result={state.result} />}
    </div>
  );
}

function ImportReport({ result }: { result: ContactImportResult }) {
  const { accepted, created, updated, rejected } = result;
  return (
    <div role="status" className="flex flex-col gap-3" data-testid="import-report">
      <p className="rounded-lg border border-success-700/30 bg-success-50 px-3 py-2 text-sm text-success-700">
        Import finished: {accepted} {accepted === 1 ? 'row' : 'rows'} saved ({created} new, {updated} updated)
        {rejected.length > 0 ? `, ${rejected.length} ${rejected.length === 1 ? 'row' : 'rows'} rejected.` : '.'}
      </p>
      {rejected.length > 0 && (
        <div className="max-h-72 overflow-auto rounded-lg border border-line">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rejected rows</caption>
            <thead className="sticky top-0 bg-surface text-xs tracking-wide text-ink-subtle uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Row
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Why it was rejected
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rejected.map((r) => (
                <tr key={r.row}>
                  <td className="px-3 py-2 tabular-nums">{r.row}</td>
                  <td className="px-3 py-2">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="px-3 py-2 text-xs text-ink-subtle">Row 1 is the first line under the header.</p>
        </div>
      )}
    </div>
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isResult(body: unknown): body is ContactImportResult {
  return (
    typeof body === 'object' &&
    body !== null &&
    'accepted' in body &&
    Array.isArray((body as { rejected?: unknown }).rejected)
  );
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, fields } = body as { message?: unknown; fields?: Record<string, unknown> };
  const file = fields && typeof fields.file === 'string' ? fields.file : undefined;
  return file ?? (typeof message === 'string' ? message : undefined);
}
