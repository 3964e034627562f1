'use client';

import { useActionState, useState } from 'react';
import type { ContactDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { contactHandle } from '@/lib/whatsapp/whatsapp-format';
import { saveContactAction } from './actions';
import { CONSENT_OPTIONS, consentDetail } from '@/lib/contacts/marketing-consent';

const FIELDS = ['phone', 'name', 'tags', 'attributes', 'marketingConsent'] as const;

interface AttributeRow {
  id: number;
  key: string;
  value: string;
}

function rowsFrom(attributes: Record<string, string> | undefined, saved: string | undefined): AttributeRow[] {
  let pairs: Array<{ key: string; value: string }> = Object.entries(attributes ?? {}).map(([key, value]) => ({
    key,
    value,
  }));
  if (saved) {
    try {
      pairs = JSON.parse(saved) as Array<{ key: string; value: string }>;
    } catch {
      // Keep the contact's own attributes.
    }
  }
  return pairs.map((pair, id) => ({ id, ...pair }));
}

/** Create (no `contact`) or edit a contact: name, tags, custom attributes and the opt-out flag. */
export function ContactForm({ contact }: { contact?: ContactDto }) {
  const [state, formAction, pending] = useActionState(saveContactAction, IDLE_FORM_STATE);
  const idPrefix = contact ? 'edit-contact' : 'new-contact';
  const values = state.status === 'error' || contact ? state.values : undefined;
  return (
    <form
      action={formAction}
      className="flex flex-col gap-4"
      noValidate
      aria-label={contact ? `Edit ${contact.displayName}` : 'Add a contact'}
      // A saved new contact empties the form for the next one.
      key={state.status === 'success' && !contact ? state.message : undefined}
    >
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          wayOut={state.wayOut}
          knownFields={FIELDS}
        />
      )}
      {contact && <input type="hidden" name="contactId" value={contact.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        {contact ? (
          <FormField
            idPrefix={idPrefix}
            name="phone"
            label="WhatsApp number"
            value={contactHandle(contact)}
            readOnly
            disabled
            hint={
              contact.waId
                ? 'The number identifies the contact and cannot be changed.'
                : 'This customer has not shared a number; ask for it from the inbox.'
            }
          />
        ) : (
          <FormField
            idPrefix={idPrefix}
            name="phone"
            label="WhatsApp number"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+1 650 555 1234"
            required
            defaultValue={values?.phone}
            error={state.fields?.phone}
            hint="With the country code."
          />
        )}
        <FormField
          idPrefix={idPrefix}
          name="name"
          label="Name"
          autoComplete="off"
          defaultValue={values?.name ?? contact?.name ?? ''}
          error={state.fields?.name}
          hint={contact?.profileName ? `WhatsApp profile name: ${contact.profileName}` : 'Optional.'}
        />
      </div>
      <FormField
        idPrefix={idPrefix}
        name="tags"
        label="Tags"
        autoComplete="off"
        placeholder="vip, lisbon"
        defaultValue={values?.tags ?? contact?.tags.join(', ') ?? ''}
        error={state.fields?.tags}
        hint="Separate tags with commas."
      />
      <AttributesEditor
        idPrefix={idPrefix}
        // Remounted with what was sent when the action answers, so a refused form keeps every row.
        key={`${state.status}-${state.message ?? ''}`}
        initial={rowsFrom(contact?.attributes, values?.attributes)}
        error={state.fields?.attributes}
      />
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={`${idPrefix}-marketing-consent`} className="font-medium">
          Marketing consent
        </label>
        <select
          id={`${idPrefix}-marketing-consent`}
          name="marketingConsent"
          // Remounted when the saved value changes: React resets a form after its action to each select's first default.
          key={values?.marketingConsent ?? contact?.marketingConsent ?? 'unknown'}
          defaultValue={values?.marketingConsent ?? contact?.marketingConsent ?? 'unknown'}
          aria-describedby={`${idPrefix}-marketing-consent-hint`}
          aria-invalid={state.fields?.marketingConsent ? true : undefined}
          className="w-fit rounded-lg border border-line bg-surface px-3 py-1.5"
        >
          {CONSENT_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <span id={`${idPrefix}-marketing-consent-hint`} className="text-xs text-ink-subtle">
          {contact
            ? consentDetail(contact)
            : 'Marketing templates are refused when opted out; campaigns go only to contacts who agreed.'}
        </span>
        {state.fields?.marketingConsent && (
          <span className="text-xs text-danger-700">{state.fields.marketingConsent}</span>
        )}
      </div>
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          {contact ? 'Save contact' : 'Add contact'}
        </Button>
      </div>
    </form>
  );
}

function AttributesEditor({ idPrefix, initial, error }: { idPrefix: string; initial: AttributeRow[]; error?: string }) {
  const [rows, setRows] = useState<AttributeRow[]>(initial);
  const [nextId, setNextId] = useState(initial.length);
  const errorId = `${idPrefix}-attributes-error`;
  const add = () => {
    setRows((current) => [...current, { id: nextId, key: '', value: '' }]);
    setNextId((id) => id + 1);
  };
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium">Custom attributes</legend>
      <p className="text-xs text-ink-subtle">Name and value pairs, such as city or plan, to use in templates.</p>
      {rows.length === 0 && <p className="text-sm text-ink-muted">No attributes.</p>}
      {rows.map((row, index) => (
        <div key={row.id} className="flex flex-wrap items-end gap-2">
          <label className="flex min-w-32 flex-1 flex-col gap-1 text-xs font-medium">
            Attribute {index + 1} name
            <input
              name="attributeKey"
              defaultValue={row.key}
              autoComplete="off"
              className="rounded-lg border border-line bg-surface px-3 py-2 text-sm font-normal"
            />
          </label>
          <label className="flex min-w-40 flex-[2] flex-col gap-1 text-xs font-medium">
            Attribute {index + 1} value
            <input
              name="attributeValue"
              defaultValue={row.value}
              autoComplete="off"
              className="rounded-lg border border-line bg-surface px-3 py-2 text-sm font-normal"
            />
          </label>
          <Button
            type="button"
            variant="ghost"
            onClick={() => setRows((current) => current.filter((r) => r.id !== row.id))}
            aria-label={`Remove attribute ${index + 1}`}
          >
            Remove
          </Button>
        </div>
      ))}
      {error && (
        <p id={errorId} className="text-xs font-medium text-danger-700">
          {error}
        </p>
      )}
      <div>
        <Button type="button" variant="secondary" onClick={add}>
          Add attribute
        </Button>
      </div>
    </fieldset>
  );
}
