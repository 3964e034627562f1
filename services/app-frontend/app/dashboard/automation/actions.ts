'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  type AiSettingsDto,
  type AutomationRuleDto,
  type AutomationSettingsDto,
  type BusinessHoursDto,
  type KnowledgeArticleDto,
  aiSettingsSchema,
  automationSettingsSchema,
  businessHoursSchema,
  createAutomationRuleSchema,
  createKnowledgeArticleSchema,
  updateAutomationRuleSchema,
} from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { listRules } from '@/lib/automation/automation-api';
import { errorsOfIssues } from '@/lib/automation/rule-draft';
import { moveRule, nextPosition } from '@/lib/automation/rule-order';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';

/** What a builder call hands back: done, or the API's sentence and the fields it names (by whole path). */
export type SaveResult =
  { ok: true; message: string } | { ok: false; message: string; fields?: Record<string, string> };

const NOT_ADMIN = 'Only admins of the workspace can change automation.';
const ruleIdSchema = z.uuid({ error: 'That rule does not exist.' });
const articleIdSchema = z.uuid({ error: 'That article does not exist.' });

/** Actions are public endpoints: the role is checked here too, not only by hiding the controls. */
async function signedInAdmin(): Promise<boolean> {
  return isAdmin(await getSession());
}

function invalid(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): SaveResult {
  const { form, ...fields } = errorsOfIssues(issues);
  return { ok: false, message: form ?? 'Check the highlighted fields.', fields };
}

/** Creates a rule at the end of the list, or replaces a saved rule's fields; then back to the list. */
export async function saveRuleAction(ruleId: string | null, input: unknown): Promise<SaveResult> {
  if (!(await signedInAdmin())) return { ok: false, message: NOT_ADMIN };
  if (ruleId === null) {
    const parsed = createAutomationRuleSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error.issues);
    const position = parsed.data.position ?? nextPosition(await listRules());
    const result = await apiFetch<AutomationRuleDto>('/automation/rules', {
      method: 'POST',
      body: { ...parsed.data, position },
    });
    if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  } else {
    const id = ruleIdSchema.safeParse(ruleId);
    if (!id.success) return { ok: false, message: id.error.issues[0]!.message };
    const parsed = updateAutomationRuleSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error.issues);
    const result = await apiFetch<AutomationRuleDto>(`/automation/rules/${id.data}`, {
      method: 'PATCH',
      body: parsed.data,
    });
    if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  }
  redirect('/dashboard/automation');
}

/** The on/off switch of the list. */
export async function setRuleEnabledAction(ruleId: string, enabled: boolean): Promise<SaveResult> {
  if (!(await signedInAdmin())) return { ok: false, message: NOT_ADMIN };
  const id = ruleIdSchema.safeParse(ruleId);
  if (!id.success) return { ok: false, message: id.error.issues[0]!.message };
  const result = await apiFetch<AutomationRuleDto>(`/automation/rules/${id.data}`, {
    method: 'PATCH',
    body: { enabled },
  });
  if (!result.ok) return { ok: false, message: result.error.message };
  refresh();
  return { ok: true, message: `${result.data.name} is ${result.data.enabled ? 'on' : 'off'}.` };
}

/** Moves a rule one place up or down, from the order the API has now (not the page's, which may be stale). */
export async function moveRuleAction(ruleId: string, direction: 'up' | 'down'): Promise<SaveResult> {
  if (!(await signedInAdmin())) return { ok: false, message: NOT_ADMIN };
  const rules = await listRules();
  const moved = rules.find((r) => r.id === ruleId);
  if (!moved) return { ok: false, message: 'That rule does not exist any more.' };
  for (const change of moveRule(rules, ruleId, direction)) {
    const result = await apiFetch<AutomationRuleDto>(`/automation/rules/${change.id}`, {
      method: 'PATCH',
      body: { position: change.position },
    });
    if (!result.ok) return { ok: false, message: result.error.message };
  }
  refresh();
  return { ok: true, message: `${moved.name} moved ${direction}.` };
}

export async function deleteRuleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInAdmin())) return { status: 'error', message: NOT_ADMIN };
  const id = ruleIdSchema.safeParse(formData.get('ruleId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const result = await apiFetch<void>(`/automation/rules/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'Rule deleted.' };
}

export async function saveAutomationSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInAdmin())) return { status: 'error', message: NOT_ADMIN };
  const values = { maxAutomatedMessagesPerHour: textValue(formData, 'maxAutomatedMessagesPerHour') };
  const typed = values.maxAutomatedMessagesPerHour.trim();
  // An empty or non-numeric field reaches the schema as NaN, which it names as "must be a number".
  const parsed = automationSettingsSchema.safeParse({
    maxAutomatedMessagesPerHour: typed === '' ? NaN : Number(typed),
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);
  const result = await apiFetch<AutomationSettingsDto>('/automation/settings', { method: 'PUT', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);
  refresh();
  return { status: 'success', message: 'Limit saved.', values };
}

/** `PUT /automation/business-hours`; the editor sends the whole schedule. */
export async function saveBusinessHoursAction(input: unknown): Promise<SaveResult> {
  if (!(await signedInAdmin())) return { ok: false, message: NOT_ADMIN };
  const parsed = businessHoursSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const result = await apiFetch<BusinessHoursDto>('/automation/business-hours', { method: 'PUT', body: parsed.data });
  if (!result.ok) return { ok: false, message: result.error.message, fields: result.error.fields };
  refresh();
  return {
    ok: true,
    message: `Business hours saved. You are ${result.data.openNow ? 'open' : 'closed'} now.`,
  };
}

/** The AI's switch, instructions and provider; an empty key field keeps the key stored before. */
export async function saveAiSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInAdmin())) return { status: 'error', message: NOT_ADMIN };
  const own = textValue(formData, 'provider') === 'own';
  const values = {
    enabled: formData.get('enabled') === 'on' ? 'on' : '',
    instructions: textValue(formData, 'instructions'),
    provider: own ? 'own' : 'platform',
    baseUrl: textValue(formData, 'baseUrl'),
    model: textValue(formData, 'model'),
  };
  const apiKey = textValue(formData, 'apiKey');
  const parsed = aiSettingsSchema.safeParse({
    enabled: values.enabled === 'on',
    instructions: values.instructions,
    provider: own ? { baseUrl: values.baseUrl.trim(), model: values.model, ...(apiKey !== '' && { apiKey }) } : null,
  });
  if (!parsed.success) {
    // `provider.baseUrl` is shown beside the field named `baseUrl`.
    const issues = parsed.error.issues.map((i) => ({
      ...i,
      path: i.path[0] === 'provider' ? i.path.slice(1) : i.path,
    }));
    return invalidFormState(issues, values);
  }
  const result = await apiFetch<AiSettingsDto>('/automation/ai', { method: 'PUT', body: parsed.data });
  if (!result.ok) {
    const fields = Object.fromEntries(
      Object.entries(result.error.fields ?? {}).map(([k, v]) => [k.replace(/^provider\./, ''), v]),
    );
    return { status: 'error', message: result.error.message, fields, values };
  }
  refresh();
  return { status: 'success', message: `AI replies are ${result.data.enabled ? 'on' : 'off'}. Settings saved.` };
}

export async function addKnowledgeArticleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInAdmin())) return { status: 'error', message: NOT_ADMIN };
  const values = { title: textValue(formData, 'title'), body: textValue(formData, 'body') };
  const parsed = createKnowledgeArticleSchema.safeParse(values);
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);
  const result = await apiFetch<KnowledgeArticleDto>('/automation/knowledge', { method: 'POST', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);
  refresh();
  return { status: 'success', message: `Article “${result.data.title}” added.` };
}

export async function deleteKnowledgeArticleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInAdmin())) return { status: 'error', message: NOT_ADMIN };
  const id = articleIdSchema.safeParse(formData.get('articleId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const result = await apiFetch<void>(`/automation/knowledge/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'Article deleted.' };
}
