import { type SendAddress } from '@aerostic/shared';

/** What the feeder needs of a campaign's approved template. */
export interface CampaignTemplate {
  name: string;
  language: string;
  /** Meta's template components as stored (`[{ type: 'BODY', text: 'Hi {{1}}' }, …]`). */
  components: unknown[];
}

/**
 * The body parameters of a template in the order a recipient's `parameters` hold their values: positional ones
 * (`{{1}}`, `{{2}}`) by number, named ones (`{{first_name}}`) in order of first appearance.
 */
export function bodyParameterNames(components: readonly unknown[]): string[] {
  const body = components.find(
    (c): c is { text: string } =>
      typeof c === 'object' &&
      c !== null &&
      String((c as { type?: unknown }).type).toUpperCase() === 'BODY' &&
      typeof (c as { text?: unknown }).text === 'string',
  );
  if (!body) return [];
  const names = [...new Set([...body.text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))];
  return names.every((n) => /^\d+$/.test(n)) ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** The message content stored for one recipient: `{ template: … }` as Meta takes it. */
export function templateContent(template: CampaignTemplate, parameters: readonly string[]): Record<string, unknown> {
  const names = bodyParameterNames(template.components);
  const positional = names.every((n) => /^\d+$/.test(n));
  const values = parameters.map((text, i) =>
    positional ? { type: 'text', text } : { type: 'text', parameter_name: names[i] ?? String(i + 1), text },
  );
  return {
    template: {
      name: template.name,
      language: { code: template.language },
      ...(values.length > 0 && { components: [{ type: 'body', parameters: values }] }),
    },
  };
}

/** The request body for Meta, built like an agent's template send. */
export function sendBody(address: SendAddress, content: Record<string, unknown>): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...address, type: 'template', ...content };
}
