'use client';

import Link from 'next/link';
import { type FormEvent, useMemo, useRef, useState, useTransition } from 'react';
import { AUTOMATION_LIMITS } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import {
  type ActionDraft,
  type ConditionDraft,
  type DraftErrors,
  type RuleDraft,
  type TemplateChoice,
  actionOf,
  conditionOf,
  emptyAction,
  emptyCondition,
  nextId,
  toRuleBody,
  triggerOf,
} from '@/lib/automation/rule-draft';
import { type SummaryNames, summarizeRule } from '@/lib/automation/rule-summary';
import { ACTION_FIELDS, RuleActionFields } from './rule-action-fields';
import { CONDITION_FIELDS, type Named, RuleConditionFields } from './rule-condition-fields';
import { RuleTriggerFields, TRIGGER_FIELDS } from './rule-trigger-fields';

export type SaveRule = (
  ruleId: string | null,
  body: unknown,
) => Promise<{ ok: true; message: string } | { ok: false; message: string; fields?: Record<string, string> }>;

export interface RuleBuilderProps {
  /** null for a new rule. */
  ruleId: string | null;
  initial: RuleDraft;
  templates: readonly TemplateChoice[];
  templatesUnavailable: string | null;
  agents: readonly Named[];
  teams: readonly Named[];
  numbers: readonly Named[];
  onSave: SaveRule;
}

/** Every field the builder shows beside its input; errors naming other fields are listed at the top. */
function placedFields(draft: RuleDraft): string[] {
  const fields = ['name', 'enabled', 'stopAfter', 'conditions', 'actions', ...TRIGGER_FIELDS];
  draft.trigger.keywords.split('\n').forEach((_, i) => fields.push(`trigger.keywords.${i}`));
  draft.conditions.forEach((c, i) => {
    fields.push(`conditions.${i}`, `conditions.${i}.type`);
    for (const f of CONDITION_FIELDS[c.type]) fields.push(`conditions.${i}.${f}`);
  });
  draft.actions.forEach((a, i) => {
    fields.push(`actions.${i}`, `actions.${i}.type`);
    for (const f of ACTION_FIELDS[a.type]) fields.push(`actions.${i}.${f}`);
    for (const row of a.variables) fields.push(`actions.${i}.variables.${row.key}`);
  });
  return fields;
}

function replaceAt<T>(rows: readonly T[], index: number, row: T): T[] {
  return rows.map((r, i) => (i === index ? row : r));
}

/** Trigger → conditions → actions, with the rule in plain words as it is built. */
export function RuleBuilder({
  ruleId,
  initial,
  templates,
  templatesUnavailable,
  agents,
  teams,
  numbers,
  onSave,
}: RuleBuilderProps) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const alertRef = useRef<HTMLDivElement>(null);

  const names = useMemo<SummaryNames>(() => {
    const byId = (list: readonly Named[]) => new Map(list.map((n) => [n.id, n.label]));
    const [a, t, n] = [byId(agents), byId(teams), byId(numbers)];
    return { agent: (id) => a.get(id), team: (id) => t.get(id), number: (id) => n.get(id) };
  }, [agents, teams, numbers]);
  const summary = summarizeRule(
    {
      trigger: triggerOf(draft.trigger),
      conditions: draft.conditions.map(conditionOf),
      actions: draft.actions.map((a, i) => actionOf(a, i, {})),
      stopAfter: draft.stopAfter,
    },
    names,
  );

  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setCondition = (index: number, row: ConditionDraft) =>
    setDraft((d) => ({ ...d, conditions: replaceAt(d.conditions, index, row) }));
  const setAction = (index: number, row: ActionDraft) =>
    setDraft((d) => ({ ...d, actions: replaceAt(d.actions, index, row) }));
  const moveAction = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const actions = [...d.actions];
      [actions[index], actions[index + by]] = [actions[index + by]!, actions[index]!];
      return { ...d, actions };
    });

  function showErrors(fields: DraftErrors, message: string) {
    setErrors(fields);
    setAlert(message);
    // The alert is announced; focus goes there too, so keyboard users start from the list of problems.
    requestAnimationFrame(() => alertRef.current?.focus());
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = toRuleBody(draft);
    if (!checked.ok) return showErrors(checked.errors, checked.message);
    setErrors({});
    setAlert(null);
    startSaving(async () => {
      const result = await onSave(ruleId, checked.body);
      // Success goes back to the list; only a refusal comes back here.
      if (!result.ok) showErrors(result.fields ?? {}, result.message);
    });
  }

  const known = placedFields(draft);
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={ruleId ? `Edit rule ${initial.name}` : 'New rule'}
      className="flex flex-col gap-6"
    >
      {(alert || Object.keys(errors).length > 0) && (
        <div ref={alertRef} tabIndex={-1} className="outline-none">
          <FormAlert message={alert ?? 'Check the highlighted fields.'} fields={errors} knownFields={known} />
        </div>
      )}

      <section aria-labelledby="rule-basics" className="flex flex-col gap-4">
        <h2 id="rule-basics" className="text-base font-semibold">
          Rule
        </h2>
        <FormField
          idPrefix="rule"
          name="name"
          label="Name"
          autoComplete="off"
          maxLength={AUTOMATION_LIMITS.nameMaxLength}
          value={draft.name}
          onChange={(event) => set({ name: event.target.value })}
          error={errors.name}
          className="max-w-md"
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(event) => set({ enabled: event.target.checked })}
            className="size-4 accent-brand-600"
          />
          On: the rule runs as soon as it is saved
        </label>
      </section>

      <section aria-labelledby="rule-when" className="flex flex-col gap-4 border-t border-line pt-5">
        <h2 id="rule-when" className="text-base font-semibold">
          1. When
        </h2>
        <RuleTriggerFields draft={draft.trigger} onChange={(trigger) => set({ trigger })} errors={errors} />
      </section>

      <section aria-labelledby="rule-if" className="flex flex-col gap-4 border-t border-line pt-5">
        <div>
          <h2 id="rule-if" className="text-base font-semibold">
            2. Only if
          </h2>
          <p className="mt-1 text-sm text-ink-muted">Every condition must hold. No conditions: always.</p>
        </div>
        {draft.conditions.map((condition, index) => (
          <RuleConditionFields
            key={condition.id}
            index={index}
            draft={condition}
            onChange={(row) => setCondition(index, row)}
            onRemove={() => set({ conditions: draft.conditions.filter((c) => c.id !== condition.id) })}
            errors={errors}
            agents={agents}
            numbers={numbers}
          />
        ))}
        <div>
          <Button
            type="button"
            variant="secondary"
            disabled={draft.conditions.length >= AUTOMATION_LIMITS.conditionsMax}
            onClick={() => set({ conditions: [...draft.conditions, emptyCondition(nextId(draft.conditions))] })}
          >
            Add condition
          </Button>
        </div>
      </section>

      <section aria-labelledby="rule-then" className="flex flex-col gap-4 border-t border-line pt-5">
        <div>
          <h2 id="rule-then" className="text-base font-semibold">
            3. Then
          </h2>
          <p className="mt-1 text-sm text-ink-muted">Actions run in this order.</p>
        </div>
        {draft.actions.map((action, index) => (
          <RuleActionFields
            key={action.id}
            index={index}
            count={draft.actions.length}
            draft={action}
            onChange={(row) => setAction(index, row)}
            onRemove={() => set({ actions: draft.actions.filter((a) => a.id !== action.id) })}
            onMove={(by) => moveAction(index, by)}
            errors={errors}
            templates={templates}
            templatesUnavailable={templatesUnavailable}
            agents={agents}
            teams={teams}
          />
        ))}
        {errors.actions && <p className="text-xs font-medium text-danger-700">{errors.actions}</p>}
        <div>
          <Button
            type="button"
            variant="secondary"
            disabled={draft.actions.length >= AUTOMATION_LIMITS.actionsMax}
            onClick={() => set({ actions: [...draft.actions, emptyAction(nextId(draft.actions))] })}
          >
            Add action
          </Button>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.stopAfter}
            onChange={(event) => set({ stopAfter: event.target.checked })}
            className="size-4 accent-brand-600"
          />
          Stop here: when this rule fires, later rules do not run for the same message
        </label>
      </section>

      <section aria-labelledby="rule-summary-heading" className="rounded-lg border border-brand-600/20 bg-brand-50 p-4">
        <h2 id="rule-summary-heading" className="text-sm font-semibold text-brand-800">
          In plain words
        </h2>
        <p className="mt-1 text-sm text-ink" data-testid="rule-builder-summary" aria-live="polite">
          {summary}
        </p>
      </section>

      <div className="flex flex-wrap gap-3 border-t border-line pt-4">
        <Button type="submit" pending={saving} pendingLabel="Saving…">
          {ruleId ? 'Save rule' : 'Create rule'}
        </Button>
        <Link
          href="/dashboard/automation"
          className="inline-flex items-center rounded-lg border border-line bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas"
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
