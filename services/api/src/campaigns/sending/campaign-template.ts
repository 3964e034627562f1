import { type SendAddress, templateVariables } from '@aerostic/shared';
import { metaBody } from '../../messages/outbound-queue';

/** What the feeder needs of a campaign's approved template. */
export interface CampaignTemplate {
  name: string;
  language: string;
  /** Meta's template components as stored (`[{ type: 'BODY', text: 'Hi {{1}}' }, …]`). */
  components: unknown[];
}

/**
 * The template's body variables in order of first appearance: the order of each recipient's `parameters`
 * (campaign-template.ts of the campaigns module).
 */
export function bodyParameterNames(components: readonly unknown[]): string[] {
  const body = components.find(
    (c): c is { text: string } =>
      typeof c === 'object' &&
      c !== null &&
      (c as { type?: unknown }).type === 'BODY' &&
      typeof (c as { text?: unknown }).text === 'string',
  );
  return body ? templateVariables(body.text) : [];
}

/**
 * The message content stored for one recipient: `{ template: … }` as Meta takes it. Positional values go by number
 * (`{{1}}` first, wherever it appears); named ones carry their `parameter_name`.
 */
export function templateContent(template: CampaignTemplate, parameters: readonly string[]): Record<string, unknown> {
  const names = bodyParameterNames(template.components);
  const byName = names.map((name, i) => ({ name, text: parameters[i] ?? '' }));
  const positional = names.every((n) => /^\d+$/.test(n));
  const values = positional
    ? byName.sort((a, b) => Number(a.name) - Number(b.name)).map((p) => ({ type: 'text', text: p.text }))
    : byName.map((p) => ({ type: 'text', parameter_name: p.name, text: p.text }));
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
  return metaBody(address, 'template', content);
}
