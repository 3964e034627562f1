'use client';

import type { ReactNode } from 'react';
import {
  CONTACT_FIELDS,
  type ContactFieldChoice,
  type VariableRow,
  type VariablesAction,
  variableFieldName,
} from '@/lib/campaigns/campaign-variables';
import { FieldError } from './field-error';

interface VariablesStepProps {
  body: string;
  rows: VariableRow[];
  dispatch: (action: VariablesAction) => void;
  errors: Record<string, string>;
  /** The per-recipient preview, under the mapping. */
  preview: ReactNode;
}

const INPUT = 'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs';

/** Where each body parameter's value comes from: a field of each contact, or one text for everybody. */
export function VariablesStep({ body, rows, dispatch, errors, preview }: VariablesStepProps) {
  return (
    <div className="flex flex-col gap-5">
      <div className="rounded-lg border border-line bg-canvas p-3 text-sm">
        <p className="text-xs font-medium text-ink-subtle">Template body</p>
        <p className="mt-1 whitespace-pre-line">{body}</p>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-ink-muted">This template has no variables: every recipient gets the same text.</p>
      ) : (
        rows.map((row) => <VariableFields key={row.key} row={row} dispatch={dispatch} errors={errors} />)
      )}
      {preview}
    </div>
  );
}

function VariableFields({
  row,
  dispatch,
  errors,
}: {
  row: VariableRow;
  dispatch: (action: VariablesAction) => void;
  errors: Record<string, string>;
}) {
  const field = variableFieldName(row.key);
  const error = errors[field];
  const id = `variable-${row.key}`;
  const errorId = `${id}-error`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg border border-line p-4" data-testid={`variable-${row.key}`}>
      <legend className="px-1 text-sm font-semibold">{`{{${row.key}}}`}</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-source`}
            checked={row.source === 'field'}
            onChange={() => dispatch({ type: 'source', key: row.key, source: 'field' })}
            className="size-4 accent-brand-600"
          />
          A field of each contact
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-source`}
            checked={row.source === 'text'}
            onChange={() => dispatch({ type: 'source', key: row.key, source: 'text' })}
            className="size-4 accent-brand-600"
          />
          The same text for everyone
        </label>
      </div>
      {row.source === 'field' ? (
        <div className="grid gap-3 md:grid-cols-2">
          <div className="flex flex-col gap-1.5">
            <label htmlFor={`${id}-field`} className="text-sm font-medium">
              Contact field for {`{{${row.key}}}`}
            </label>
            <select
              id={`${id}-field`}
              value={row.field}
              onChange={(event) =>
                dispatch({ type: 'field', key: row.key, field: event.target.value as ContactFieldChoice })
              }
              aria-invalid={error && row.field !== 'attribute' ? true : undefined}
              aria-describedby={error && row.field !== 'attribute' ? errorId : undefined}
              className={`${INPUT} ${error && row.field !== 'attribute' ? 'border-danger-600' : 'border-line'}`}
            >
              {CONTACT_FIELDS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          {row.field === 'attribute' && (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`${id}-attribute`} className="text-sm font-medium">
                Attribute name for {`{{${row.key}}}`}
              </label>
              <input
                id={`${id}-attribute`}
                value={row.attribute}
                onChange={(event) => dispatch({ type: 'attribute', key: row.key, attribute: event.target.value })}
                autoComplete="off"
                placeholder="city"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                className={`${INPUT} ${error ? 'border-danger-600' : 'border-line'}`}
              />
            </div>
          )}
        </div>
      ) : (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-text`} className="text-sm font-medium">
            Text for {`{{${row.key}}}`}
          </label>
          <input
            id={`${id}-text`}
            value={row.text}
            onChange={(event) => dispatch({ type: 'text', key: row.key, text: event.target.value })}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={`${INPUT} ${error ? 'border-danger-600' : 'border-line'}`}
          />
        </div>
      )}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
