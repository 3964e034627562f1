'use client';

import { AUTOMATION_CONDITION_TYPES, type AutomationConditionType, CONVERSATION_STATUSES } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { type ConditionDraft, type DraftErrors, splitList } from '@/lib/automation/rule-draft';
import { CONDITION_LABELS, DAY_OPTIONS, MESSAGE_TYPE_OPTIONS } from '@/lib/automation/rule-labels';
import { ChoiceGroup } from './choice-group';

export interface Named {
  id: string;
  label: string;
}

interface RuleConditionFieldsProps {
  index: number;
  draft: ConditionDraft;
  onChange: (draft: ConditionDraft) => void;
  onRemove: () => void;
  /** Errors keyed by the API's path (`conditions.<index>.tag`). */
  errors: DraftErrors;
  agents: readonly Named[];
  numbers: readonly Named[];
}

/** The fields of each condition, by the API's name for them. */
export const CONDITION_FIELDS: Record<AutomationConditionType, readonly string[]> = {
  number: ['whatsappAccountIds'],
  contact_tag: ['tag'],
  contact_attribute: ['key', 'op', 'value'],
  conversation_status: ['statuses'],
  assignee: ['is', 'agentId'],
  time_of_day: ['from', 'to', 'days'],
  message_type: ['messageTypes'],
};

const STATUS_OPTIONS = CONVERSATION_STATUSES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }));

/** One condition of the rule: its type, whether it must hold or must not, and its values. */
export function RuleConditionFields({
  index,
  draft,
  onChange,
  onRemove,
  errors,
  agents,
  numbers,
}: RuleConditionFieldsProps) {
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...draft, ...patch });
  const path = `conditions.${index}`;
  const error = (field: string) => errors[`${path}.${field}`];
  const prefix = `condition-${draft.id}`;
  const label = `Condition ${index + 1}`;
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-line p-4" data-testid="rule-condition">
      <legend className="px-1 text-sm font-semibold">{label}</legend>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          idPrefix={prefix}
          name="type"
          label={`${label}: what to check`}
          value={draft.type}
          onChange={(event) => set({ type: event.target.value as AutomationConditionType })}
          options={AUTOMATION_CONDITION_TYPES.map((type) => ({ value: type, label: CONDITION_LABELS[type] }))}
          error={error('type') ?? errors[path]}
          className="min-w-56 flex-1"
        />
        <SelectField
          idPrefix={prefix}
          name="negate"
          label={`${label}: must`}
          value={draft.negate ? 'not' : 'hold'}
          onChange={(event) => set({ negate: event.target.value === 'not' })}
          options={[
            { value: 'hold', label: 'Hold' },
            { value: 'not', label: 'Not hold' },
          ]}
          className="w-36"
        />
        <Button type="button" variant="ghost" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
          Remove
        </Button>
      </div>

      {draft.type === 'number' &&
        (numbers.length === 0 ? (
          <p className="text-sm text-warning-700">Connect a WhatsApp number first: this condition picks among them.</p>
        ) : (
          <ChoiceGroup
            idPrefix={`${prefix}-numbers`}
            legend="The message is to one of these numbers"
            options={numbers.map((n) => ({ value: n.id, label: n.label }))}
            selected={draft.whatsappAccountIds}
            onChange={(whatsappAccountIds) => set({ whatsappAccountIds })}
            error={error('whatsappAccountIds')}
          />
        ))}
      {draft.type === 'contact_tag' && (
        <FormField
          idPrefix={prefix}
          name="tag"
          label="The contact has the tag"
          autoComplete="off"
          value={draft.tag}
          onChange={(event) => set({ tag: event.target.value })}
          error={error('tag')}
          className="max-w-md"
        />
      )}
      {draft.type === 'contact_attribute' && (
        <div className="grid gap-3 md:grid-cols-3">
          <FormField
            idPrefix={prefix}
            name="key"
            label="Attribute name"
            autoComplete="off"
            placeholder="city"
            value={draft.attributeKey}
            onChange={(event) => set({ attributeKey: event.target.value })}
            error={error('key')}
          />
          <SelectField
            idPrefix={prefix}
            name="op"
            label="Comparison"
            value={draft.attributeOp}
            onChange={(event) => set({ attributeOp: event.target.value as ConditionDraft['attributeOp'] })}
            options={[
              { value: 'equals', label: 'Is' },
              { value: 'contains', label: 'Contains' },
              { value: 'exists', label: 'Is set' },
            ]}
            error={error('op')}
          />
          {draft.attributeOp !== 'exists' && (
            <FormField
              idPrefix={prefix}
              name="value"
              label="Value"
              autoComplete="off"
              value={draft.attributeValue}
              onChange={(event) => set({ attributeValue: event.target.value })}
              error={error('value')}
            />
          )}
        </div>
      )}
      {draft.type === 'conversation_status' && (
        <ChoiceGroup
          idPrefix={`${prefix}-statuses`}
          legend="The conversation is"
          options={STATUS_OPTIONS}
          selected={draft.statuses}
          onChange={(statuses) => set({ statuses })}
          error={error('statuses')}
        />
      )}
      {draft.type === 'assignee' && (
        <div className="grid gap-3 md:grid-cols-2">
          <SelectField
            idPrefix={prefix}
            name="is"
            label="The conversation is assigned to"
            value={draft.assignee}
            onChange={(event) => set({ assignee: event.target.value as ConditionDraft['assignee'] })}
            options={[
              { value: 'nobody', label: 'Nobody' },
              { value: 'anyone', label: 'Anyone' },
              { value: 'agent', label: 'A given agent' },
            ]}
            error={error('is')}
          />
          {draft.assignee === 'agent' && (
            <SelectField
              idPrefix={prefix}
              name="agentId"
              label="Agent"
              value={draft.agentId}
              onChange={(event) => set({ agentId: event.target.value })}
              options={[
                { value: '', label: 'Choose an agent' },
                ...agents.map((a) => ({ value: a.id, label: a.label })),
              ]}
              error={error('agentId')}
            />
          )}
        </div>
      )}
      {draft.type === 'time_of_day' && (
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-3">
            <FormField
              idPrefix={prefix}
              name="from"
              label="From"
              inputMode="numeric"
              placeholder="09:00"
              value={draft.from}
              onChange={(event) => set({ from: event.target.value })}
              error={error('from')}
              className="w-36"
            />
            <FormField
              idPrefix={prefix}
              name="to"
              label="To"
              inputMode="numeric"
              placeholder="17:00"
              value={draft.to}
              onChange={(event) => set({ to: event.target.value })}
              error={error('to')}
              hint="HH:MM, 24 h. Earlier than From: spans midnight."
              className="w-48"
            />
          </div>
          <ChoiceGroup
            idPrefix={`${prefix}-days`}
            legend="On these days (workspace time zone)"
            options={DAY_OPTIONS}
            selected={draft.days}
            onChange={(days) => set({ days })}
            error={error('days')}
          />
        </div>
      )}
      {draft.type === 'message_type' && (
        <ChoiceGroup
          idPrefix={`${prefix}-types`}
          legend="The message is one of"
          options={MESSAGE_TYPE_OPTIONS}
          selected={splitList(draft.messageTypes)}
          onChange={(types) => set({ messageTypes: types.join(', ') })}
          error={error('messageTypes')}
        />
      )}
    </fieldset>
  );
}
