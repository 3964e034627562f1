'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState } from 'react';
import { AUTOMATION_LIMITS, type KnowledgeImportResult } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FieldError } from '@/components/field-error';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { TextareaField } from '@/components/textarea-field';
import { errorMessageOf, readImportReport } from '@/lib/automation/knowledge-import';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

/** One article pasted in: a title the customer might ask about, and the answer's text. */
export function KnowledgeArticleForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} noValidate aria-label="Add an article" className="flex flex-col gap-4">
      <FormAlert
        tone={state.status === 'success' ? 'success' : 'error'}
        message={state.message}
        fields={state.fields}
        wayOut={state.wayOut}
        knownFields={['title', 'body']}
      />
      <FormField
        idPrefix="article"
        name="title"
        label="Title"
        autoComplete="off"
        maxLength={AUTOMATION_LIMITS.articleTitleMaxLength}
        defaultValue={values?.title}
        error={state.fields?.title}
      />
      <TextareaField
        idPrefix="article"
        name="body"
        label="Text"
        rows={5}
        maxLength={AUTOMATION_LIMITS.articleBodyMaxLength}
        defaultValue={values?.body}
        error={state.fields?.body}
        hint="Write it as you would answer a customer: prices, opening times, delivery, returns…"
      />
      <div>
        <Button type="submit" pending={pending} pendingLabel="Adding…">
          Add article
        </Button>
      </div>
    </form>
  );
}

const MAX_BYTES = 5 * 1024 * 1024;

type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading' }
  | { phase: 'failed'; message: string }
  | { phase: 'done'; fileName: string; report: KnowledgeImportResult };

/** A CSV file with `title` and `body` columns; the lines the API refuses are listed with why. */
export function KnowledgeImport() {
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });

  async function upload() {
    const file = input.current?.files?.[0];
    if (!file) return setState({ phase: 'failed', message: 'Choose a CSV file to import.' });
    if (file.size > MAX_BYTES) {
      return setState({ phase: 'failed', message: 'The file is larger than 5 MB. Split it into smaller files.' });
    }
    setState({ phase: 'uploading' });
    let response: Response;
    try {
      response = await fetch('/api/automation/knowledge/import', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      });
    } catch {
      return setState({ phase: 'failed', message: 'The upload was interrupted. Check your connection and try again.' });
    }
    const body = (await response.json().catch(() => null)) as unknown;
    const report = response.ok ? readImportReport(body) : null;
    if (!report) {
      return setState({
        phase: 'failed',
        message: errorMessageOf(body) ?? `The import failed (${response.status}). Try again.`,
      });
    }
    setState({ phase: 'done', fileName: file.name, report });
    // The list below shows the new articles.
    router.refresh();
  }

  const failed = state.phase === 'failed' ? state.message : undefined;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex min-w-0 flex-col gap-1.5">
        <label htmlFor="knowledge-file" className="text-sm font-medium">
          CSV file of articles
        </label>
        <input
          ref={input}
          id="knowledge-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={['knowledge-file-hint', failed && 'knowledge-file-error'].filter(Boolean).join(' ')}
          aria-invalid={failed ? true : undefined}
          className="text-sm file:mr-3 file:rounded-lg file:border file:border-line file:bg-surface file:px-3 file:py-1.5 file:text-sm"
        />
        <p id="knowledge-file-hint" className="text-xs text-ink-subtle">
          A header row with <code>title</code> and <code>body</code> columns, then one article per row (rows count from
          1 after the header). An article whose title exists already gets the file’s text. Up to 5 MB.
        </p>
        <FieldError id="knowledge-file-error" message={failed} />
      </div>
      <div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => void upload()}
          pending={state.phase === 'uploading'}
          pendingLabel="Importing…"
        >
          Import file
        </Button>
      </div>
      {state.phase === 'done' && <ImportReport fileName={state.fileName} report={state.report} />}
    </div>
  );
}

function ImportReport({ fileName, report }: { fileName: string; report: KnowledgeImportResult }) {
  const { accepted, created, updated, rejected } = report;
  return (
    <div role="status" className="flex flex-col gap-3" data-testid="knowledge-import-report">
      <p className="rounded-lg border border-line bg-canvas px-3 py-2 text-sm">
        {fileName}: {accepted} {accepted === 1 ? 'article' : 'articles'} saved ({created} new, {updated} updated)
        {rejected.length > 0 ? `, ${rejected.length} ${rejected.length === 1 ? 'row' : 'rows'} with errors.` : '.'}
      </p>
      {rejected.length > 0 && (
        <div className="max-h-72 overflow-auto rounded-lg border border-line">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rows of the file with errors, counted from 1 after the header</caption>
            <thead className="sticky top-0 bg-surface text-xs tracking-wide text-ink-subtle uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Row
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Error
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rejected.map((r) => (
                <tr key={`${r.row}-${r.reason}`} data-testid="knowledge-rejected-row">
                  <td className="px-3 py-2 tabular-nums">{r.row}</td>
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
