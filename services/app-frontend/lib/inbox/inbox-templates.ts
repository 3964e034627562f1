import { type Json, list, record, text } from './inbox-content';

/**
 * A message template as `GET /templates` lists it (Meta's shape: components HEADER, BODY, FOOTER, BUTTONS with
 * `{{1}}` or `{{name}}` placeholders). Read defensively: only the fields the inbox needs.
 */
export interface InboxTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  header?: { format: string; text?: string };
  body: string;
  footer?: string;
  buttons: string[];
}

export function toInboxTemplate(value: unknown): InboxTemplate | undefined {
  const t = record(value);
  const name = text(t, 'name');
  if (!t || !name) return undefined;
  const language = text(t, 'language') ?? text(t, 'language', 'code') ?? '';
  const components = list(t, 'components')
    .map(record)
    .filter((c): c is Json => Boolean(c));
  const part = (type: string) => components.find((c) => text(c, 'type')?.toUpperCase() === type);
  const header = part('HEADER');
  return {
    id: text(t, 'id') ?? `${name}:${language}`,
    name,
    language,
    category: (text(t, 'category') ?? '').toUpperCase(),
    status: (text(t, 'status') ?? '').toUpperCase(),
    header: header
      ? { format: (text(header, 'format') ?? 'TEXT').toUpperCase(), text: text(header, 'text') }
      : undefined,
    body: text(part('BODY'), 'text') ?? '',
    footer: text(part('FOOTER'), 'text'),
    buttons: list(part('BUTTONS'), 'buttons')
      .map((b) => text(b, 'text'))
      .filter((b): b is string => Boolean(b)),
  };
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders of a text in order of first appearance: `["1", "2"]` or `["first_name"]`. */
export function placeholders(source: string | undefined): string[] {
  if (!source) return [];
  const seen: string[] = [];
  for (const match of source.matchAll(PLACEHOLDER)) if (!seen.includes(match[1]!)) seen.push(match[1]!);
  return seen;
}

/** Fills placeholders; an empty value shows the placeholder itself so the preview says what is missing. */
export function fillPlaceholders(source: string, values: Record<string, string>): string {
  return source.replace(PLACEHOLDER, (whole, key: string) => values[key] || whole);
}

export interface TemplateValues {
  header: Record<string, string>;
  body: Record<string, string>;
}

/** Placeholders still empty, as "header {{1}}", "body {{2}}". */
export function missingValues(template: InboxTemplate, values: TemplateValues): string[] {
  const missing: string[] = [];
  if (template.header?.format === 'TEXT') {
    for (const key of placeholders(template.header.text))
      if (!values.header[key]?.trim()) missing.push(`header {{${key}}}`);
  }
  for (const key of placeholders(template.body)) if (!values.body[key]?.trim()) missing.push(`body {{${key}}}`);
  return missing;
}

const named = (key: string) => !/^\d+$/.test(key);

function parameters(keys: string[], values: Record<string, string>) {
  return keys.map((key) => ({
    type: 'text' as const,
    text: values[key]!.trim(),
    ...(named(key) && { parameter_name: key }),
  }));
}

/** The `template` object of `POST /conversations/:id/messages` (templateMessageSchema). */
export function templateMessage(template: InboxTemplate, values: TemplateValues) {
  const components: Array<{ type: 'header' | 'body'; parameters: ReturnType<typeof parameters> }> = [];
  const headerKeys = template.header?.format === 'TEXT' ? placeholders(template.header.text) : [];
  if (headerKeys.length > 0) components.push({ type: 'header', parameters: parameters(headerKeys, values.header) });
  const bodyKeys = placeholders(template.body);
  if (bodyKeys.length > 0) components.push({ type: 'body', parameters: parameters(bodyKeys, values.body) });
  return {
    name: template.name,
    language: { code: template.language },
    ...(components.length > 0 && { components }),
  };
}

/**
 * The values a sent template carried, read back from its stored `template.components`, to show the message as
 * the customer saw it.
 */
export function sentValues(content: unknown): TemplateValues {
  const values: TemplateValues = { header: {}, body: {} };
  for (const component of list(content, 'template', 'components')) {
    const type = text(component, 'type')?.toLowerCase();
    if (type !== 'header' && type !== 'body') continue;
    list(component, 'parameters').forEach((parameter, index) => {
      const value =
        text(parameter, 'text') ??
        text(parameter, 'currency', 'fallback_value') ??
        text(parameter, 'date_time', 'fallback_value');
      if (value) values[type][text(parameter, 'parameter_name') ?? String(index + 1)] = value;
    });
  }
  return values;
}
