'use client';

import Link from 'next/link';
import {
  ASSIGN_STRATEGIES,
  AUTOMATION_ACTION_TYPES,
  type AssignStrategy,
  type AutomationActionType,
  CONVERSATION_STATUSES,
  type ConversationStatus,
} from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { TemplateVariableFields } from '@/components/templates/template-variable-fields';
import { TextareaField } from '@/components/textarea-field';
import {
  type ActionDraft,
  type DraftErrors,
  type TemplateChoice,
  actionVariableField,
  templateKey,
  withTemplate,
} from '@/lib/automation/rule-draft';
import { ACTION_LABELS, STRATEGY_LABELS } from '@/lib/automation/rule-labels';
import { variablesReducer } from '@/lib/campaigns/campaign-variables';
import type { Named } from './rule-condition-fields';

/** The fields of each action, by the API's name for them. */
export const ACTION_FIELDS: Record<AutomationActionType, readonly string[]> = {
  reply_text: ['text'],
  send_template: ['name', 'language', 'variables'],
  assign: ['strategy', 'agentId', 'teamId'],
  add_tag: ['tag'],
  remove_tag: ['tag'],
  set_status: ['status'],
  add_note: ['text'],
  ai_reply: [],
  call_webhook: ['endpointId'],
};

const LINK = 'font-medium text-brand-700 hover:underline';

interface RuleActionFieldsProps {
  index: number;
  count: number;
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  onRemove: () => void;
  onMove: (direction: -1 | 1) => void;
  errors: DraftErrors;
  templates: readonly TemplateChoice[];
  templatesUnavailable: string | null;
  agents: readonly Named[];
  teams: readonly Named[];
}

/** One action of the rule; actions run in the order listed. */
export function RuleActionFields({
  index,
  count,
  draft,
  onChange,
  onRemove,
  onMove,
  errors,
  templates,
  templatesUnavailable,
  agents,
  teams,
}: RuleActionFieldsProps) {
  const set = (patch: Partial<ActionDraft>) => onChange({ ...draft, ...patch });
  const path = `actions.${index}`;
  const error = (field: string) => errors[`${path}.${field}`];
  const prefix = `action-${draft.id}`;
  const label = `Action ${index + 1}`;
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-line p-4" data-testid="rule-action">
      <legend className="px-1 text-sm font-semibold">{label}</legend>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          idPrefix={prefix}
          name="type"
          label={`${label}: what to do`}
          value={draft.type}
          onChange={(event) => set({ type: event.target.value as AutomationActionType })}
          options={AUTOMATION_ACTION_TYPES.map((type) => ({ value: type, label: ACTION_LABELS[type] }))}
          error={error('type') ?? errors[path]}
          className="min-w-56 flex-1"
        />
        <div className="flex gap-1">
          <Button
            type="button"
            variant="secondary"
            className="px-2"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move action ${index + 1} up`}
          >
            ↑
          </Button>
          <Button
            type="button"
            variant="secondary"
            className="px-2"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move action ${index + 1} down`}
          >
            ↓
          </Button>
          <Button type="button" variant="ghost" onClick={onRemove} aria-label={`Remove action ${index + 1}`}>
            Remove
          </Button>
        </div>
      </div>

      {draft.type === 'reply_text' && (
        <TextareaField
          idPrefix={prefix}
          name="text"
          label="Reply"
          rows={3}
          value={draft.text}
          onChange={(event) => set({ text: event.target.value })}
          error={error('text')}
          hint="Sent only while the customer's 24-hour window is open; outside it, send a template instead."
        />
      )}
      {draft.type === 'send_template' && (
        <TemplateFields
          prefix={prefix}
          index={index}
          draft={draft}
          onChange={onChange}
          errors={errors}
          templates={templates}
          unavailable={templatesUnavailable}
        />
      )}
      {draft.type === 'assign' && (
        <div className="grid gap-3 md:grid-cols-2">
          <SelectField
            idPrefix={prefix}
            name="strategy"
            label="Assign to"
            value={draft.strategy}
            onChange={(event) => set({ strategy: event.target.value as AssignStrategy })}
            options={ASSIGN_STRATEGIES.map((s) => ({ value: s, label: STRATEGY_LABELS[s] }))}
            error={error('strategy')}
          />
          {draft.strategy === 'agent' ? (
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
          ) : (
            <SelectField
              idPrefix={prefix}
              name="teamId"
              label="Among the agents of"
              value={draft.teamId}
              onChange={(event) => set({ teamId: event.target.value })}
              options={[{ value: '', label: 'Every team' }, ...teams.map((t) => ({ value: t.id, label: t.label }))]}
              error={error('teamId')}
            />
          )}
          <p className="text-xs text-ink-subtle md:col-span-2">
            Only online agents under their capacity are chosen; when nobody is available the conversation waits and is
            assigned as soon as someone is.
          </p>
        </div>
      )}
      {(draft.type === 'add_tag' || draft.type === 'remove_tag') && (
        <FormField
          idPrefix={prefix}
          name="tag"
          label={draft.type === 'add_tag' ? 'Tag to add to the contact' : 'Tag to remove from the contact'}
          autoComplete="off"
          value={draft.tag}
          onChange={(event) => set({ tag: event.target.value })}
          error={error('tag')}
          className="max-w-md"
        />
      )}
      {draft.type === 'set_status' && (
        <SelectField
          idPrefix={prefix}
          name="status"
          label="New status of the conversation"
          value={draft.status}
          onChange={(event) => set({ status: event.target.value as ConversationStatus })}
          options={CONVERSATION_STATUSES.map((s) => ({ value: s, label: s.charAt(0).toUpperCase() + s.slice(1) }))}
          error={error('status')}
          className="max-w-xs"
        />
      )}
      {draft.type === 'add_note' && (
        <TextareaField
          idPrefix={prefix}
          name="note"
          label="Note for the team (the customer never sees it)"
          rows={2}
          value={draft.noteText}
          onChange={(event) => set({ noteText: event.target.value })}
          error={error('text')}
        />
      )}
      {draft.type === 'ai_reply' && (
        <p className="text-sm text-ink-muted">
          The AI answers from your{' '}
          <Link href="/dashboard/automation/ai" className={LINK}>
            instructions and knowledge base
          </Link>
          . When the customer asks for a person, the AI cannot answer or fails, the conversation is assigned to an agent
          with a note saying why.
        </p>
      )}
      {draft.type === 'call_webhook' && (
        <p id={`${prefix}-webhook-hint`} className="text-sm text-ink-muted">
          Posts the conversation and the message to your workspace’s event webhook. The server refuses this action until
          your workspace has an event webhook.
        </p>
      )}
      {error('endpointId') && (
        <p className="text-xs font-medium text-danger-700" role="alert">
          {error('endpointId')}
        </p>
      )}
    </fieldset>
  );
}

function TemplateFields({
  prefix,
  index,
  draft,
  onChange,
  errors,
  templates,
  unavailable,
}: {
  prefix: string;
  index: number;
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  errors: DraftErrors;
  templates: readonly TemplateChoice[];
  unavailable: string | null;
}) {
  const chosen = templates.find((t) => templateKey(t) === draft.template);
  const saved = draft.template && !chosen ? draft.template.replace('|', ' (') + ')' : null;
  const fieldName = actionVariableField(index);
  const templateError = errors[`actions.${index}.name`] ?? errors[`actions.${index}.language`];
  return (
    <div className="flex flex-col gap-4">
      {unavailable && <p className="text-sm text-warning-700">{unavailable}</p>}
      {templates.length === 0 && !unavailable ? (
        <p className="text-sm text-ink-muted">
          No approved template yet.{' '}
          <Link href="/dashboard/whatsapp/templates" className={LINK}>
            Create one
          </Link>{' '}
          and come back once Meta approves it.
        </p>
      ) : (
        <SelectField
          idPrefix={prefix}
          name="template"
          label="Approved template"
          value={draft.template}
          onChange={(event) =>
            onChange(
              withTemplate(
                draft,
                templates.find((t) => templateKey(t) === event.target.value),
              ),
            )
          }
          options={[
            { value: '', label: 'Choose a template' },
            ...(saved ? [{ value: draft.template, label: `${saved}: no longer approved` }] : []),
            ...templates.map((t) => ({ value: templateKey(t), label: `${t.name} (${t.language})` })),
          ]}
          error={templateError}
          className="max-w-md"
        />
      )}
      <p className="text-xs text-ink-subtle">Templates reach the customer outside the 24-hour window too.</p>
      {chosen && (
        <>
          <div className="rounded-lg border border-line bg-canvas p-3 text-sm">
            <p className="text-xs font-medium text-ink-subtle">Template body</p>
            <p className="mt-1 whitespace-pre-line">{chosen.body}</p>
          </div>
          {draft.variables.map((row) => (
            <TemplateVariableFields
              key={row.key}
              row={row}
              idPrefix={`${prefix}-variable`}
              error={errors[fieldName(row.key)]}
              dispatch={(change) => onChange({ ...draft, variables: variablesReducer(draft.variables, change) })}
            />
          ))}
        </>
      )}
    </div>
  );
}
