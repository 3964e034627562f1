'use client';

import { useActionState, useState } from 'react';
import {
  type ChatEntryPointDto,
  DEFAULT_WIDGET_SETTINGS,
  ENTRY_POINT_KINDS,
  type EntryPointKind,
  WIDGET_POSITIONS,
  type WidgetPosition,
} from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { TextareaField } from '@/components/textarea-field';
import { previewWaMeUrl } from '@/lib/click-to-chat/widget-snippet';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';
import { WidgetPreview } from './widget-preview';

export const KIND_LABELS: Record<EntryPointKind, string> = { link: 'Link', qr: 'QR code', widget: 'Website widget' };
const POSITION_LABELS: Record<WidgetPosition, string> = { left: 'Bottom left', right: 'Bottom right' };
// The preview shows a link before the entry point has its own ref.
const PREVIEW_REF = 'ab12cd';

interface EntryPointFormProps {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  whatsappAccountId: string;
  displayPhoneNumber: string;
  apiUrl: string;
  nonce: string;
  /** Edited when set; a new entry point otherwise. */
  entry?: ChatEntryPointDto;
}

type RoundState = FormState & { round: number };

/**
 * Name, kind, prefilled text and, for widgets, the greeting, position and colour with a live preview. React resets
 * the form after each action, so the fields are remounted then (by `round`) from what the action answered.
 */
export function EntryPointForm({
  action,
  whatsappAccountId,
  displayPhoneNumber,
  apiUrl,
  nonce,
  entry,
}: EntryPointFormProps) {
  const [state, formAction, pending] = useActionState(
    async (previous: RoundState, formData: FormData): Promise<RoundState> => ({
      ...(await action(previous, formData)),
      round: previous.round + 1,
    }),
    { ...IDLE_FORM_STATE, round: 0 },
  );
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="whatsappAccountId" value={whatsappAccountId} />
      {entry && <input type="hidden" name="entryPointId" value={entry.id} />}
      <EntryPointFields
        key={state.round}
        state={state}
        displayPhoneNumber={displayPhoneNumber}
        apiUrl={apiUrl}
        nonce={nonce}
        entry={entry}
      />
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          {entry ? 'Save' : 'Create'}
        </Button>
      </div>
      {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} />}
      {state.status === 'success' && (
        <p role="status" className="text-sm text-success-700">
          {state.message}
        </p>
      )}
    </form>
  );
}

interface EntryPointFieldsProps {
  state: FormState;
  displayPhoneNumber: string;
  apiUrl: string;
  nonce: string;
  entry?: ChatEntryPointDto;
}

function EntryPointFields({ state, displayPhoneNumber, apiUrl, nonce, entry }: EntryPointFieldsProps) {
  const typed = state.values;
  const widget = entry?.widget ?? DEFAULT_WIDGET_SETTINGS;
  const [kind, setKind] = useState<EntryPointKind>(
    (typed?.kind as EntryPointKind | undefined) ?? entry?.kind ?? 'link',
  );
  const [prefilledText, setPrefilledText] = useState(typed?.prefilledText ?? entry?.prefilledText ?? '');
  const [greeting, setGreeting] = useState(typed?.greeting ?? widget.greeting);
  const [position, setPosition] = useState<WidgetPosition>(
    (typed?.position as WidgetPosition | undefined) ?? widget.position,
  );
  const [color, setColor] = useState(typed?.color ?? widget.color);
  const idPrefix = entry ? `entry-${entry.id}` : 'new-entry';
  const ref = entry?.ref ?? PREVIEW_REF;

  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          name="name"
          label="Name"
          idPrefix={idPrefix}
          hint="Only your team sees it, e.g. “Homepage” or “Shop window”"
          defaultValue={typed?.name ?? entry?.name}
          error={state.fields?.name}
          required
          maxLength={100}
        />
        {entry ? (
          <input type="hidden" name="kind" value={kind} />
        ) : (
          <SelectField
            name="kind"
            label="Kind"
            idPrefix={idPrefix}
            options={ENTRY_POINT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            value={kind}
            onChange={(e) => setKind(e.target.value as EntryPointKind)}
            error={state.fields?.kind}
          />
        )}
      </div>
      <TextareaField
        name="prefilledText"
        label="Prefilled message"
        idPrefix={idPrefix}
        hint="What the customer’s message starts with; a short ref is added so you can see where they came from."
        value={prefilledText}
        onChange={(e) => setPrefilledText(e.target.value)}
        error={state.fields?.prefilledText}
        maxLength={500}
        rows={2}
      />
      {kind === 'widget' && (
        <div className="grid gap-4 lg:grid-cols-2">
          <div className="flex flex-col gap-4">
            <FormField
              name="greeting"
              label="Greeting"
              idPrefix={idPrefix}
              value={greeting}
              onChange={(e) => setGreeting(e.target.value)}
              error={state.fields?.greeting}
              maxLength={200}
              required
            />
            <SelectField
              name="position"
              label="Position"
              idPrefix={idPrefix}
              options={WIDGET_POSITIONS.map((p) => ({ value: p, label: POSITION_LABELS[p] }))}
              value={position}
              onChange={(e) => setPosition(e.target.value as WidgetPosition)}
              error={state.fields?.position}
            />
            <FormField
              name="color"
              label="Colour"
              type="color"
              idPrefix={idPrefix}
              value={color}
              onChange={(e) => setColor(e.target.value)}
              error={state.fields?.color}
              className="max-w-32"
            />
          </div>
          <WidgetPreview
            apiUrl={apiUrl}
            nonce={nonce}
            widgetRef={ref}
            config={{ url: previewWaMeUrl(displayPhoneNumber, prefilledText, ref), greeting, position, color }}
          />
        </div>
      )}
    </>
  );
}
