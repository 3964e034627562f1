'use client';

import { useActionState, useState } from 'react';
import { AUTOMATION_LIMITS, type AiSettingsDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { TextareaField } from '@/components/textarea-field';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

interface AiSettingsFormProps {
  settings: AiSettingsDto;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

const FIELDS = ['enabled', 'instructions', 'provider', 'baseUrl', 'model', 'apiKey'];

/** AI replies on or off, the instructions the model follows, and an optional provider of the workspace's own. */
export function AiSettingsForm({ settings, action }: AiSettingsFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  const values = state.status === 'error' ? state.values : undefined;
  const [own, setOwn] = useState(settings.provider !== null);
  const keyHint = settings.provider?.hasApiKey
    ? 'A key is stored and never shown. Leave this empty to keep it, or type a new one to replace it.'
    : 'Sent once and stored encrypted; it is never shown again.';
  return (
    <form action={formAction} noValidate aria-label="AI settings" className="flex flex-col gap-5">
      <FormAlert
        tone={state.status === 'success' ? 'success' : 'error'}
        message={state.message}
        fields={state.fields}
        wayOut={state.wayOut}
        knownFields={FIELDS}
      />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={values ? values.enabled === 'on' : settings.enabled}
          className="size-4 accent-brand-600"
        />
        AI replies on: rules with “Answer with AI” use them
      </label>
      <TextareaField
        idPrefix="ai"
        name="instructions"
        label="Instructions"
        rows={5}
        maxLength={AUTOMATION_LIMITS.instructionsMaxLength}
        defaultValue={values?.instructions ?? settings.instructions}
        error={state.fields?.instructions}
        hint="Tone, what to say and what never to promise. The knowledge base below holds the facts."
      />
      {/* The choice travels in a hidden field: a form reset after the action would set the radios back. */}
      <input type="hidden" name="provider" value={own ? 'own' : 'platform'} />
      <fieldset className="flex flex-col gap-2" key={`${state.status}-${state.message ?? ''}`}>
        <legend className="text-sm font-medium">Model provider</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="providerChoice"
            value="platform"
            checked={!own}
            onChange={() => setOwn(false)}
            className="size-4 accent-brand-600"
          />
          Aerostic’s AI
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="providerChoice"
            value="own"
            checked={own}
            onChange={() => setOwn(true)}
            className="size-4 accent-brand-600"
          />
          Our own OpenAI-compatible server (OpenAI, Azure OpenAI, Ollama, vLLM…)
        </label>
      </fieldset>
      {own && (
        <div className="grid gap-4 md:grid-cols-2">
          <FormField
            idPrefix="ai"
            name="baseUrl"
            label="Base URL"
            type="url"
            autoComplete="off"
            placeholder="https://api.openai.com/v1"
            defaultValue={values?.baseUrl ?? settings.provider?.baseUrl ?? ''}
            error={state.fields?.baseUrl}
          />
          <FormField
            idPrefix="ai"
            name="model"
            label="Model"
            autoComplete="off"
            placeholder="gpt-4o-mini"
            defaultValue={values?.model ?? settings.provider?.model ?? ''}
            error={state.fields?.model}
          />
          <FormField
            idPrefix="ai"
            name="apiKey"
            label="API key"
            type="password"
            autoComplete="new-password"
            error={state.fields?.apiKey}
            hint={keyHint}
            className="md:col-span-2"
          />
        </div>
      )}
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          Save AI settings
        </Button>
      </div>
    </form>
  );
}
