import type { TemplateCategory, TemplateComponent, TemplateDto, TemplateStatus } from '@aerostic/shared';
import { templateComponent } from '@/lib/templates/template-components';
import { list, text } from './inbox-content';

/** A template as the inbox's picker shows it: Meta's components (HEADER, BODY, FOOTER, BUTTONS) laid flat. */
export interface InboxTemplate {
  id: string;
  name: string;
  language: string;
  category: TemplateCategory | null;
  status: TemplateStatus;
  header?: { format: Extract<TemplateComponent, { type: 'HEADER' }>['format']; text?: string };
  body: string;
  footer?: string;
  buttons: string[];
}

/** A number's approved templates as the composer knows them: asked once, when first needed. */
export type TemplatesState =
  { state: 'loading' } | { state: 'ready'; templates: InboxTemplate[] } | { state: 'unavailable'; message: string };

export function toInboxTemplate(template: TemplateDto): InboxTemplate {
  const header = templateComponent(template.components, 'HEADER');
  const buttons = templateComponent(template.components, 'BUTTONS')?.buttons ?? [];
  return {
    id: template.id,
    name: template.name,
    language: template.language,
    category: template.category,
    status: template.status,
    header: header ? { format: header.format, text: header.text } : undefined,
    body: templateComponent(template.components, 'BODY')?.text ?? '',
    footer: templateComponent(template.components, 'FOOTER')?.text,
    // Copy-code buttons carry no text of their own.
    buttons: buttons.flatMap((button) => ('text' in button && button.text ? [button.text] : [])),
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
