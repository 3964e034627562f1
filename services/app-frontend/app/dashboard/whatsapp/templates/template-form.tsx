'use client';

import { useActionState, useEffect, useState } from 'react';
import { TEMPLATE_LIMITS } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { TemplateBodyField } from '@/components/templates/template-body-field';
import { TemplateButtonsField } from '@/components/templates/template-buttons-field';
import { TemplateHeaderField, type TemplateHeaderValues } from '@/components/templates/template-header-field';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';
import {
  EMPTY_TEMPLATE_FORM,
  TEMPLATE_CATEGORY_OPTIONS,
  TEMPLATE_LANGUAGE_OPTIONS,
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
  // The image shows while it uploads and once it has its handle; not after a failed upload or a new form.
  const showImage = values.headerFormat === 'IMAGE' && (uploading || values.headerHandle !== '');
  const preview = templatePreview(values, showImage ? (sampleUrl ?? undefined) : undefined);

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

        <TemplateBodyField
          idPrefix={ID}
          body={values.body}
          examples={values.bodyExamples}
          onBody={(body) => set('body', body)}
          onExamples={(examples) => set('bodyExamples', examples)}
          errors={{ body: errors.body, bodyExamples: errors.bodyExamples }}
        />

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

        <TemplateButtonsField
          idPrefix={ID}
          buttons={values.buttons}
          onChange={(buttons) => set('buttons', buttons)}
          errors={errors}
        />

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
