import {
  type ApiErrorBody,
  BILLING_CURRENCIES,
  type BillingCurrency,
  LIMIT_NAMES,
  OVERAGE_NAMES,
  type OverageName,
  type PlanDto,
} from '@aerostic/shared';
import { type FormState, apiErrorFormState } from '@aerostic/shared/web';

/*
 * The plan form's fields: `quota.<limit>` (blank: unlimited), `price.<currency>.monthly` (blank: not sold in that
 * currency) and `price.<currency>.<overage>` (blank: not sold), amounts in major units (49.00). These turn them into
 * the API's body (minor units) and the API's field paths back into the form's field names.
 */

export const OVERAGE_LABELS: Record<OverageName, string> = {
  agents: 'Extra agent',
  whatsappNumbers: 'Extra number',
  outboundMessages: 'Per 1,000 messages',
  campaignRecipients: 'Per 1,000 recipients',
  aiReplies: 'Per 1,000 AI replies',
};

function read(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A whole number for the schema to judge; text that is not a number stays text, so it is refused with its field. */
function whole(raw: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/** Major units typed (49 or 49.90) as minor units; anything else stays text for the schema to refuse. */
export function toMinor(raw: string): number | string {
  return /^\d+(\.\d{1,2})?$/.test(raw) ? Math.round(Number(raw) * 100) : raw;
}

/** Minor units shown as major units with two decimals, blank for null. */
export function fromMinor(minor: number | null | undefined): string {
  return minor === null || minor === undefined ? '' : (minor / 100).toFixed(2);
}

/** The body of `POST /admin/plans` or `PATCH /admin/plans/:id`, every field given. */
export function planFromForm(formData: FormData): Record<string, unknown> {
  const quotas = Object.fromEntries(
    LIMIT_NAMES.map((name) => {
      const raw = read(formData, `quota.${name}`);
      return [name, raw === '' ? null : whole(raw)];
    }),
  );
  const prices = BILLING_CURRENCIES.flatMap((currency) => {
    const monthly = read(formData, `price.${currency}.monthly`);
    if (monthly === '') return [];
    const overageMinor = Object.fromEntries(
      OVERAGE_NAMES.map((name) => {
        const raw = read(formData, `price.${currency}.${name}`);
        return [name, raw === '' ? null : toMinor(raw)];
      }),
    );
    return [{ currency, monthlyMinor: toMinor(monthly), overageMinor }];
  });
  const reason = read(formData, 'reason');
  return {
    code: read(formData, 'code'),
    name: read(formData, 'name'),
    description: read(formData, 'description'),
    quotas,
    prices,
    trialDays: whole(read(formData, 'trialDays')),
    active: formData.get('active') === 'on',
    sortOrder: whole(read(formData, 'sortOrder')),
    ...(reason && { reason }),
  };
}

/** The form's fields as typed, to show again after a refusal (React resets the form after an action). */
export function planFormValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries())
    if (typeof value === 'string' && !name.startsWith('$')) values[name] = value;
  if (!formData.has('active')) values.active = 'off';
  return values;
}

/** A plan's stored values as the form's fields. */
export function planFieldValues(plan: PlanDto): Record<string, string> {
  const values: Record<string, string> = {
    code: plan.code,
    name: plan.name,
    description: plan.description,
    trialDays: String(plan.trialDays),
    sortOrder: String(plan.sortOrder),
    active: plan.active ? 'on' : 'off',
  };
  for (const name of LIMIT_NAMES) values[`quota.${name}`] = plan.quotas[name] === null ? '' : String(plan.quotas[name]);
  for (const price of plan.prices) {
    values[`price.${price.currency}.monthly`] = fromMinor(price.monthlyMinor);
    for (const name of OVERAGE_NAMES) values[`price.${price.currency}.${name}`] = fromMinor(price.overageMinor[name]);
  }
  return values;
}

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/**
 * The form field an API or schema path is about: `quotas.agents` is `quota.agents`, `prices.1.monthlyMinor` is the
 * monthly price of the second currency sent, `prices.0.overageMinor.agents` its extra-agent price.
 */
export function planFieldKey(path: ReadonlyArray<PropertyKey>, sent: readonly BillingCurrency[]): string {
  const [first, second, third, fourth] = path.map(String);
  if (first === 'quotas' && second) return `quota.${second}`;
  if (first === 'prices' && second !== undefined) {
    const currency = sent[Number(second)];
    if (!currency) return 'prices';
    if (third === 'overageMinor' && fourth) return `price.${currency}.${fourth}`;
    return `price.${currency}.monthly`;
  }
  return first ?? 'form';
}

function currenciesSent(body: Record<string, unknown>): BillingCurrency[] {
  const prices = Array.isArray(body.prices) ? (body.prices as Array<{ currency: BillingCurrency }>) : [];
  return prices.map((price) => price.currency);
}

/** Issues (the schema's) or fields (the API's) keyed by the form's field names. */
export function planFieldErrors(
  problems: ReadonlyArray<Issue> | Record<string, string> | undefined,
  body: Record<string, unknown>,
): Record<string, string> {
  const issues = Array.isArray(problems)
    ? problems
    : Object.entries(problems ?? {}).map(([key, message]) => ({ path: key.split('.'), message }));
  const sent = currenciesSent(body);
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[planFieldKey(issue.path, sent)] ??= issue.message;
  return fields;
}

export function planFormRefusal(
  issues: ReadonlyArray<Issue>,
  body: Record<string, unknown>,
  values: Record<string, string>,
): FormState {
  const { form, ...fields } = planFieldErrors(issues, body);
  return { status: 'error', message: form ?? 'Check the highlighted fields.', fields, values };
}

export function planApiRefusal(
  error: ApiErrorBody,
  body: Record<string, unknown>,
  values: Record<string, string>,
): FormState {
  return { ...apiErrorFormState(error, values), fields: planFieldErrors(error.fields, body) };
}
