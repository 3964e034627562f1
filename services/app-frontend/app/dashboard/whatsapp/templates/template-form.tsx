'use client';

import { useActionState, useEffect, useState } from 'react';
import { TEMPLATE_LIMITS, templateVariables } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { TemplateHeaderField, type TemplateHeaderValues } from '@/components/templates/template-header-field';
import { cn } from '@/lib/cn';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';
import {
  EMPTY_TEMPLATE_FORM,
  TEMPLATE_BUTTON_KINDS,
  TEMPLATE_CATEGORY_OPTIONS,
  TEMPLATE_LANGUAGE_OPTIONS,
  type TemplateButtonKind,
  type TemplateFormValues,
  templatePreview,
} from '@/lib/templates/template-form';
import { uploadHeaderSample } from '@/lib/templates/template-header-upload';
import { createTemplateAction } from './actions';
import { TemplatePreviewBubble } from './template-preview';

export interface NumberOption {
  value: string;
  label: string;
}

const KNOWN_FIELDS = [
  'whatsappAccountId',
  'name',
  'language',
  'category',
  'header',
  'headerExample',
  'headerFile',
  'body',
  'bodyExamples',
  'footer',
  'buttons',
];
const ID = 'new-template';
const TEXTAREA =
  'w-full rounded-lg border bg-surface px-3 py-2 text-sm text-ink shadow-xs placeholder:text-ink-subtle min-h-28';

function restored(state: FormState, numbers: NumberOption[]): TemplateFormValues {
  const saved = state.status === 'error' ? state.values?.form : undefined;
  if (saved) {
    try {
      return { ...EMPTY_TEMPLATE_FORM, ...(JSON.parse(saved) as Partial<TemplateFormValues>) };
    } catch {
      // Start again from an empty form.
    }
  }
  return { ...EMPTY_TEMPLATE_FORM, whatsappAccountId: numbers[0]?.value ?? '' };
}

/** Create a template: the fields on the left, what the customer will see on the right, as it is typed. */
export function TemplateForm({ numbers }: { numbers: NumberOption[] }) {
  const [state, formAction, pending] = useActionState(createTemplateAction, IDLE_FORM_STATE);
  // The chosen sample image, kept here so that a refused form, which comes back with its handle, still shows it.
  const [sampleUrl, setSampleUrl] = useState<string | null>(null);
  // Each URL is released once another replaces it or the form goes away.
  useEffect(
    () => () => {
      if (sampleUrl) URL.revokeObjectURL(sampleUrl);
    },
    [sampleUrl],
  );
  const showSample = (file: File | null) =>
    setSampleUrl(file?.type.startsWith('image/') ? URL.createObjectURL(file) : null);
  return (
    // Remounted when the action answers: a refused form comes back as sent, a saved one empty.
    <TemplateFormFields
      key={`${state.status}-${state.message ?? ''}`}
      state={state}
      formAction={formAction}
      pending={pending}
      numbers={numbers}
      sampleUrl={sampleUrl}
      onSampleChange={showSample}
    />
  );
}

function TemplateFormFields({
  state,
  formAction,
  pending,
  numbers,
  sampleUrl,
  onSampleChange,
}: {
  state: FormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  numbers: NumberOption[];
  sampleUrl: string | null;
  onSampleChange: (file: File | null) => void;
}) {
  const [values, setValues] = useState<TemplateFormValues>(() => restored(state, numbers));
  const [uploading, setUploading] = useState(false);
  const set = <K extends keyof TemplateFormValues>(key: K, value: TemplateFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setHeader = (change: Partial<TemplateHeaderValues>) => setValues((v) => ({ ...v, ...change }));
  const errors = state.fields ?? {};
  const bodyVariables = templateVariables(values.body);
  // The image shows while it uploads and once it has its handle; not after a failed upload or a new form.
  const showImage = values.headerFormat === 'IMAGE' && (uploading || values.headerHandle !== '');
  const preview = templatePreview(values, showImage ? (sampleUrl ?? undefined) : undefined);

  const setButton = (index: number, change: Partial<TemplateFormValues['buttons'][number]>) =>
    set(
      'buttons',
      values.buttons.map((b, i) => (i === index ? { ...b, ...change } : b)),
    );

  return (
    <form action={formAction} noValidate aria-label="New template" className="grid gap-6 xl:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-4">
        {state.status !== 'idle' && (
          <FormAlert
            tone={state.status === 'success' ? 'success' : 'error'}
            message={state.message}
            fields={Object.fromEntries(Object.entries(errors).filter(([name]) => !name.startsWith('button.')))}
            knownFields={KNOWN_FIELDS}
          />
        )}
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            idPrefix={ID}
            name="whatsappAccountId"
            label="WhatsApp number"
            options={numbers}
            value={values.whatsappAccountId}
            onChange={(e) => set('whatsappAccountId', e.target.value)}
            error={errors.whatsappAccountId}
          />
          <FormField
            idPrefix={ID}
            name="name"
            label="Name"
            autoComplete="off"
            placeholder="order_update"
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            error={errors.name}
            hint="Lower-case letters, digits and underscores. Customers do not see it."
          />
          <SelectField
            idPrefix={ID}
            name="language"
            label="Language"
            options={TEMPLATE_LANGUAGE_OPTIONS}
            value={values.language}
            onChange={(e) => set('language', e.target.value)}
            error={errors.language}
          />
          <SelectField
            idPrefix={ID}
            name="category"
            label="Category"
            options={TEMPLATE_CATEGORY_OPTIONS}
            value={values.category}
            onChange={(e) => set('category', e.target.value)}
            error={errors.category}
          />
        </div>

        <TemplateHeaderField
          idPrefix={ID}
          values={values}
          onChange={setHeader}
          upload={(file, format) => uploadHeaderSample(file, format, values.whatsappAccountId)}
          onSampleChange={onSampleChange}
          onUploadingChange={setUploading}
          errors={{ header: errors.header, headerExample: errors.headerExample, headerFile: errors.headerFile }}
        />

        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${ID}-body`} className="text-sm font-medium text-ink">
            Body
          </label>
          <textarea
            id={`${ID}-body`}
            name="body"
            maxLength={TEMPLATE_LIMITS.bodyTextMaxLength}
            placeholder="Hi {{1}}, your order {{2}} has shipped."
            value={values.body}
            onChange={(e) => set('body', e.target.value)}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={`${ID}-body-hint${errors.body ? ` ${ID}-body-error` : ''}`}
            className={cn(TEXTAREA, errors.body ? 'border-danger-600' : 'border-line')}
          />
          <p id={`${ID}-body-hint`} className="text-xs text-ink-subtle">
            Up to {TEMPLATE_LIMITS.bodyTextMaxLength} characters ({values.body.length} so far). Write {'{{1}}'},{' '}
            {'{{2}}'}, … where each customer’s details go; not at the very start or end.
          </p>
          {errors.body && (
            <p id={`${ID}-body-error`} className="text-xs font-medium text-danger-700">
              {errors.body}
            </p>
          )}
        </div>

        {bodyVariables.length > 0 && (
          <fieldset className="flex flex-col gap-3 rounded-lg border border-line p-3">
            <legend className="px-1 text-sm font-medium">Examples for Meta’s review</legend>
            <p className="text-xs text-ink-subtle">Meta reads the template with these values before approving it.</p>
            <div className="grid gap-3 md:grid-cols-2">
              {bodyVariables.map((name, i) => (
                <FormField
                  key={name}
                  idPrefix={`${ID}-example-${i}`}
                  name="bodyExample"
                  label={`{{${name}}}`}
                  autoComplete="off"
                  value={values.bodyExamples[i] ?? ''}
                  onChange={(e) => {
                    const next = [...values.bodyExamples];
                    next[i] = e.target.value;
                    set('bodyExamples', next);
                  }}
                />
              ))}
            </div>
            {errors.bodyExamples && <p className="text-xs font-medium text-danger-700">{errors.bodyExamples}</p>}
          </fieldset>
        )}

        <FormField
          idPrefix={ID}
          name="footer"
          label="Footer"
          autoComplete="off"
          maxLength={TEMPLATE_LIMITS.footerTextMaxLength}
          placeholder="Reply STOP to stop these messages"
          value={values.footer}
          onChange={(e) => set('footer', e.target.value)}
          error={errors.footer}
          hint="Optional, small grey text; no variables."
        />

        <fieldset className="flex flex-col gap-3">
          <legend className="text-sm font-medium">Buttons</legend>
          {values.buttons.map((button, i) => (
            <div
              key={i}
              className="grid items-start gap-3 rounded-lg border border-line p-3 xl:grid-cols-[11rem_1fr_1fr_auto]"
            >
              <SelectField
                idPrefix={`${ID}-button-${i}`}
                name="buttonType"
                label="Type"
                options={TEMPLATE_BUTTON_KINDS}
                value={button.type}
                onChange={(e) => setButton(i, { type: e.target.value as TemplateButtonKind })}
              />
              <FormField
                idPrefix={`${ID}-button-${i}`}
                name="buttonText"
                label="Button text"
                autoComplete="off"
                maxLength={TEMPLATE_LIMITS.buttonTextMaxLength}
                value={button.text}
                onChange={(e) => setButton(i, { text: e.target.value })}
                error={errors[`button.${i}`]}
              />
              {button.type === 'QUICK_REPLY' ? (
                <>
                  <input type="hidden" name="buttonValue" value="" />
                  <input type="hidden" name="buttonExample" value="" />
                  <span />
                </>
              ) : (
                <div className="flex flex-col gap-2">
                  <FormField
                    idPrefix={`${ID}-button-${i}`}
                    name="buttonValue"
                    label={button.type === 'URL' ? 'Website' : 'Phone number'}
                    type={button.type === 'URL' ? 'url' : 'tel'}
                    autoComplete="off"
                    placeholder={button.type === 'URL' ? 'https://shop.example/orders/{{1}}' : '+15550100001'}
                    value={button.value}
                    onChange={(e) => setButton(i, { value: e.target.value })}
                  />
                  {button.type === 'URL' && templateVariables(button.value).length > 0 ? (
                    <FormField
                      idPrefix={`${ID}-button-${i}`}
                      name="buttonExample"
                      label="Example for the URL’s {{1}}"
                      autoComplete="off"
                      value={button.example}
                      onChange={(e) => setButton(i, { example: e.target.value })}
                    />
                  ) : (
                    <input type="hidden" name="buttonExample" value="" />
                  )}
                </div>
              )}
              <Button
                type="button"
                variant="ghost"
                className="xl:mt-6"
                aria-label={`Remove button ${i + 1}`}
                onClick={() =>
                  set(
                    'buttons',
                    values.buttons.filter((_, j) => j !== i),
                  )
                }
              >
                Remove
              </Button>
            </div>
          ))}
          {errors.buttons && <p className="text-xs font-medium text-danger-700">{errors.buttons}</p>}
          {values.buttons.length < TEMPLATE_LIMITS.buttonsMax && (
            <div>
              <Button
                type="button"
                variant="secondary"
                onClick={() =>
                  set('buttons', [...values.buttons, { type: 'QUICK_REPLY', text: '', value: '', example: '' }])
                }
              >
                Add a button
              </Button>
            </div>
          )}
        </fieldset>

        <div>
          <Button
            type="submit"
            pending={pending}
            pendingLabel="Sending to Meta…"
            disabled={numbers.length === 0 || uploading}
          >
            Submit for review
          </Button>
        </div>
      </div>

      <aside aria-label="Preview" className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">Preview</h3>
        <TemplatePreviewBubble preview={preview} />
      </aside>
    </form>
  );
}
