'use client';

import { type ChangeEvent, useRef, useState } from 'react';
import { TEMPLATE_LIMITS, type TemplateMediaHeaderFormat, templateVariables } from '@aerostic/shared';
import { FormField } from '@/components/form-field';
import { cn } from '@/lib/cn';
import {
  checkHeaderSample,
  type HeaderSampleResult,
  headerSampleAccept,
  headerSampleHint,
  isMediaHeader,
  TEMPLATE_HEADER_KINDS,
  type TemplateFormValues,
  type TemplateHeaderKind,
} from '@/lib/templates/template-form';

export type TemplateHeaderValues = Pick<
  TemplateFormValues,
  'headerFormat' | 'headerText' | 'headerExample' | 'headerHandle' | 'headerFileName'
>;

export interface TemplateHeaderFieldProps {
  idPrefix: string;
  values: TemplateHeaderValues;
  onChange: (change: Partial<TemplateHeaderValues>) => void;
  /** Uploads a chosen sample; answers its handle, or a sentence saying what went wrong. */
  upload: (file: File, format: TemplateMediaHeaderFormat) => Promise<HeaderSampleResult>;
  /** The file chosen as the sample (null when there is none any more), for the preview. */
  onSampleChange?: (file: File | null) => void;
  onUploadingChange?: (uploading: boolean) => void;
  errors?: { header?: string; headerExample?: string; headerFile?: string };
}

const SAMPLE_LABELS: Record<TemplateMediaHeaderFormat, string> = {
  IMAGE: 'Sample image',
  VIDEO: 'Sample video',
  DOCUMENT: 'Sample document',
};

/**
 * The header of a new template: none, bold text (with at most one variable), or an image, video or document.
 * A media header's sample is uploaded as soon as it is chosen; its handle travels with the form.
 */
export function TemplateHeaderField({
  idPrefix,
  values,
  onChange,
  upload,
  onSampleChange,
  onUploadingChange,
  errors = {},
}: TemplateHeaderFieldProps) {
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  // The form's error about the sample is stale once another file or kind is chosen.
  const [changed, setChanged] = useState(false);
  // Answers of uploads started before the latest choice are ignored.
  const latest = useRef(0);
  const format = values.headerFormat;
  const id = `${idPrefix}-header`;
  const headerHasVariable = templateVariables(values.headerText).length > 0;
  const fileError = uploadError ?? (changed ? undefined : errors.headerFile);

  const showUploading = (name: string | null) => {
    setUploading(name);
    onUploadingChange?.(name !== null);
  };

  const choose = (kind: TemplateHeaderKind) => {
    latest.current += 1;
    showUploading(null);
    setUploadError(null);
    setChanged(true);
    onSampleChange?.(null);
    onChange({ headerFormat: kind, headerHandle: '', headerFileName: '' });
  };

  const pick = async (media: TemplateMediaHeaderFormat, event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    const attempt = ++latest.current;
    setChanged(true);
    onChange({ headerHandle: '', headerFileName: '' });
    const check = checkHeaderSample(file, media);
    if (!check.ok) {
      setUploadError(check.message);
      onSampleChange?.(null);
      input.value = '';
      return;
    }
    setUploadError(null);
    onSampleChange?.(file);
    showUploading(file.name);
    let result: HeaderSampleResult;
    try {
      result = await upload(file, media);
    } catch {
      result = { ok: false, message: 'The upload was interrupted. Check the connection and try again.' };
    }
    if (attempt !== latest.current) return;
    showUploading(null);
    if (!result.ok) {
      setUploadError(result.message);
      onSampleChange?.(null);
      return;
    }
    onChange({ headerHandle: result.sample.handle, headerFileName: result.sample.fileName });
  };

  const status = uploading
    ? `Uploading ${uploading}…`
    : values.headerHandle
      ? `${values.headerFileName || 'The sample'} is uploaded.`
      : '';

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1.5 text-sm font-medium text-ink">Header</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {TEMPLATE_HEADER_KINDS.map((kind) => (
          <label key={kind.value} className="inline-flex items-center gap-1.5 text-sm text-ink">
            <input
              type="radio"
              name="headerFormat"
              value={kind.value}
              checked={format === kind.value}
              onChange={() => choose(kind.value)}
              className="accent-brand-600"
            />
            {kind.label}
          </label>
        ))}
      </div>

      {format === 'TEXT' ? (
        <div className="grid gap-4 md:grid-cols-2">
          <FormField
            idPrefix={idPrefix}
            name="headerText"
            label="Header text"
            autoComplete="off"
            maxLength={TEMPLATE_LIMITS.headerTextMaxLength}
            placeholder="Your order is on its way"
            value={values.headerText}
            onChange={(e) => onChange({ headerText: e.target.value })}
            error={errors.header}
            hint="Optional, bold text above the message. At most one variable, {{1}}."
          />
          {headerHasVariable && (
            <FormField
              idPrefix={idPrefix}
              name="headerExample"
              label="Example for the header’s {{1}}"
              autoComplete="off"
              value={values.headerExample}
              onChange={(e) => onChange({ headerExample: e.target.value })}
              error={errors.headerExample}
            />
          )}
        </div>
      ) : (
        // Kept while another kind is chosen, so switching back finds the text again.
        <>
          <input type="hidden" name="headerText" value={values.headerText} />
          <input type="hidden" name="headerExample" value={values.headerExample} />
        </>
      )}

      {isMediaHeader(format) && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-file`} className="text-sm font-medium text-ink">
            {SAMPLE_LABELS[format]}
          </label>
          {/* No name: the file goes up on its own as soon as it is chosen, not with the form. */}
          <input
            id={`${id}-file`}
            type="file"
            accept={headerSampleAccept(format)}
            onChange={(e) => void pick(format, e)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`}
            className={cn(
              'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs',
              'file:mr-3 file:rounded-md file:border-0 file:bg-canvas file:px-3 file:py-1 file:text-sm file:text-ink',
              fileError ? 'border-danger-600' : 'border-line',
            )}
          />
          <p id={`${id}-file-hint`} className="text-xs text-ink-subtle">
            {headerSampleHint(format)}
          </p>
          <p role="status" className="text-xs text-ink-muted">
            {status}
          </p>
          {fileError && (
            <p id={`${id}-file-error`} className="text-xs font-medium text-danger-700">
              {fileError}
            </p>
          )}
        </div>
      )}
      <input type="hidden" name="headerHandle" value={values.headerHandle} />
      <input type="hidden" name="headerFileName" value={values.headerFileName} />
    </fieldset>
  );
}
