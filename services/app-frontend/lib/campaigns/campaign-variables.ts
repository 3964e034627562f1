import { CAMPAIGN_LIMITS, type CampaignVariables } from '@aerostic/shared';

/** The contact fields a template parameter can take its value from (the contract's names). */
export const CONTACT_FIELDS = [
  { value: 'displayName', label: 'Display name (name, else WhatsApp profile name, else number)' },
  { value: 'name', label: 'Name' },
  { value: 'profileName', label: 'WhatsApp profile name' },
  { value: 'phone', label: 'WhatsApp number' },
  { value: 'username', label: 'WhatsApp username' },
  { value: 'attribute', label: 'Custom attribute…' },
] as const;

export type ContactFieldChoice = (typeof CONTACT_FIELDS)[number]['value'];

/** One template parameter as the form holds it: where its value comes from, and what was typed. */
export interface VariableRow {
  /** The parameter's name in the template: `"1"` or `"first_name"`. */
  key: string;
  source: 'field' | 'text';
  field: ContactFieldChoice;
  /** The attribute's name when `field` is `attribute`. */
  attribute: string;
  text: string;
}

export type VariablesAction =
  /** Another template was chosen: a row per parameter of its body. */
  | { type: 'template'; body: string }
  | { type: 'source'; key: string; source: VariableRow['source'] }
  | { type: 'field'; key: string; field: ContactFieldChoice }
  | { type: 'attribute'; key: string; attribute: string }
  | { type: 'text'; key: string; text: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The body's parameters in order of first appearance. */
export function bodyParameters(body: string): string[] {
  const seen: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) if (!seen.includes(match[1]!)) seen.push(match[1]!);
  return seen;
}

/** A row per parameter; a mapping already made for a parameter of the same name is kept. */
export function rowsForTemplate(body: string, previous: readonly VariableRow[] = []): VariableRow[] {
  const keys = bodyParameters(body);
  return keys.map((key, index) => {
    const kept = previous.find((row) => row.key === key);
    if (kept) return kept;
    // The first parameter is usually the greeting's name; a named one often is an attribute of that name.
    const first = index === 0;
    return {
      key,
      source: 'field',
      field: first ? 'displayName' : 'attribute',
      attribute: first || /^\d+$/.test(key) ? '' : key,
      text: '',
    };
  });
}

export function variablesReducer(rows: VariableRow[], action: VariablesAction): VariableRow[] {
  if (action.type === 'template') return rowsForTemplate(action.body, rows);
  return rows.map((row) => {
    if (row.key !== action.key) return row;
    switch (action.type) {
      case 'source':
        return { ...row, source: action.source };
      case 'field':
        return { ...row, field: action.field };
      case 'attribute':
        return { ...row, attribute: action.attribute };
      case 'text':
        return { ...row, text: action.text };
    }
  });
}

/** The field name of a parameter's errors, the way the API names them. */
export function variableFieldName(key: string): string {
  return `template.variables.${key}`;
}

export type VariablesResult =
  | { ok: true; variables: CampaignVariables }
  | { ok: false; errors: Record<string, string>; variables: CampaignVariables };

/**
 * The `template.variables` of the request. A parameter without a source is an error beside it, never an empty
 * send; `variables` holds the complete ones, so a preview can still show them. `fieldName` keys the errors where
 * the form shows them (an automation rule's action has its own path).
 */
export function toCampaignVariables(
  rows: readonly VariableRow[],
  fieldName: (key: string) => string = variableFieldName,
): VariablesResult {
  const variables: CampaignVariables = {};
  const errors: Record<string, string> = {};
  for (const row of rows) {
    const name = fieldName(row.key);
    if (row.source === 'text') {
      if (row.text.trim() === '') errors[name] = `Type the text for {{${row.key}}}, or take it from a contact field`;
      else if (row.text.length > CAMPAIGN_LIMITS.variableTextMaxLength)
        errors[name] = `The text for {{${row.key}}} is longer than ${CAMPAIGN_LIMITS.variableTextMaxLength} characters`;
      else variables[row.key] = { text: row.text };
      continue;
    }
    if (row.field === 'attribute') {
      const attribute = row.attribute.trim();
      if (attribute === '') errors[name] = `Name the custom attribute {{${row.key}}} comes from`;
      else variables[row.key] = { field: `attributes.${attribute}` };
      continue;
    }
    variables[row.key] = { field: row.field };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, variables } : { ok: true, variables };
}

/** The form's rows again from a saved mapping (a campaign copied, or the wizard reopened). */
export function rowsFromVariables(body: string, variables: CampaignVariables): VariableRow[] {
  return rowsForTemplate(body).map((row) => {
    const source = variables[row.key];
    if (!source) return row;
    if ('text' in source) return { ...row, source: 'text', text: source.text };
    if (source.field.startsWith('attributes.')) {
      return { ...row, source: 'field', field: 'attribute', attribute: source.field.slice('attributes.'.length) };
    }
    const field = CONTACT_FIELDS.find((f) => f.value === source.field)?.value;
    return field ? { ...row, source: 'field', field } : row;
  });
}

/** "Name", "Custom attribute city", "Fixed text “Spring sale”": what a parameter will be filled with. */
export function describeSource(row: VariableRow): string {
  if (row.source === 'text') return `Fixed text “${row.text}”`;
  if (row.field === 'attribute') return row.attribute ? `Custom attribute ${row.attribute}` : 'Custom attribute';
  return CONTACT_FIELDS.find((f) => f.value === row.field)?.label.replace(/ \(.*\)$/, '') ?? row.field;
}
