'use client';

import { FieldError } from '@/components/field-error';
import {
  CONTACT_FIELDS,
  type ContactFieldChoice,
  type VariableRow,
  type VariablesAction,
} from '@/lib/campaigns/campaign-variables';

const INPUT = 'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs';

interface TemplateVariableFieldsProps {
  row: VariableRow;
  dispatch: (action: VariablesAction) => void;
  error?: string;
  /** Unique on the page: a rule may hold several template actions, each with its own `{{1}}`. */
  idPrefix: string;
}

/**
 * Where one template parameter's value comes from: a field of each contact, or one text for everybody. Shared by
 * the campaign wizard and the automation rule builder, which map variables the same way.
 */
export function TemplateVariableFields({ row, dispatch, error, idPrefix }: TemplateVariableFieldsProps) {
  const id = `${idPrefix}-${row.key}`;
  const errorId = `${id}-error`;
  const onSelect = error && row.field !== 'attribute';
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
              aria-invalid={onSelect ? true : undefined}
              aria-describedby={onSelect ? errorId : undefined}
              className={`${INPUT} ${onSelect ? 'border-danger-600' : 'border-line'}`}
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
