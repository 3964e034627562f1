'use client';

import type { ReactNode } from 'react';
import { TemplateVariableFields } from '@/components/templates/template-variable-fields';
import { type VariableRow, type VariablesAction, variableFieldName } from '@/lib/campaigns/campaign-variables';

interface VariablesStepProps {
  body: string;
  rows: VariableRow[];
  dispatch: (action: VariablesAction) => void;
  errors: Record<string, string>;
  /** The per-recipient preview, under the mapping. */
  preview: ReactNode;
}

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
        rows.map((row) => (
          <TemplateVariableFields
            key={row.key}
            row={row}
            dispatch={dispatch}
            error={errors[variableFieldName(row.key)]}
            idPrefix="variable"
          />
        ))
      )}
      {preview}
    </div>
  );
}
