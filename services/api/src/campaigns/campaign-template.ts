import {
  type CampaignVariables,
  type CampaignVariableSource,
  PRICED_CATEGORIES,
  type PricedCategory,
  templateVariables,
} from '@aerostic/shared';
import { type Template } from '../database/entities';
import { InvalidCampaignError } from './campaigns.errors';

/** The contact fields a variable can take its value from, besides `attributes.<key>`. */
export const CONTACT_FIELDS = ['name', 'profileName', 'displayName', 'phone', 'username'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** A template parameter's source, checked: a known contact field, a custom attribute, or a fixed text. */
export type ParameterSource = { field: ContactField } | { attribute: string } | { text: string };

/** What a campaign sends: the template's body, its variables in order, each with its source. */
export interface CampaignMessagePlan {
  category: PricedCategory;
  body: string;
  /** The body's variables in order of first appearance: the order of each recipient's `parameters`. */
  parameters: { name: string; source: CampaignVariableSource; resolved: ParameterSource }[];
}

interface Component {
  type?: unknown;
  format?: unknown;
  text?: unknown;
  buttons?: unknown;
}

const hasVariables = (text: unknown) => typeof text === 'string' && templateVariables(text).length > 0;

/**
 * Checks that an approved template can go to a whole audience with values from contacts: only the body may have
 * variables (a media header, a header variable or a button that needs a value per message cannot be filled from a
 * contact), every variable is mapped, and nothing else is.
 */
export function planCampaignMessage(template: Template, variables: CampaignVariables): CampaignMessagePlan {
  const category = PRICED_CATEGORIES.find((c) => c === template.category);
  if (!category) {
    throw new InvalidCampaignError(
      'template.name',
      `This template has no category yet (${template.category ?? 'none'}); sync the templates and try again`,
    );
  }
  const components = template.components as Component[];
  let body = '';
  for (const component of components) {
    if (component.type === 'BODY' && typeof component.text === 'string') body = component.text;
    if (component.type === 'HEADER') {
      const textHeader = component.format === 'TEXT' || component.format === undefined;
      if (!textHeader) throw unsupported(`a media header (${String(component.format).toLowerCase()})`);
      if (hasVariables(component.text)) throw unsupported('a header with a variable');
    }
    if (component.type === 'BUTTONS' && Array.isArray(component.buttons)) {
      for (const button of component.buttons as { type?: unknown; url?: unknown }[]) {
        if (button.type === 'OTP' || button.type === 'COPY_CODE') throw unsupported('a code button');
        if (button.type === 'URL' && hasVariables(button.url)) throw unsupported('a URL button with a variable');
      }
    }
  }

  const names = templateVariables(body);
  for (const key of Object.keys(variables)) {
    if (!names.includes(key)) {
      const has = names.length > 0 ? `its variables are ${names.map((n) => `{{${n}}}`).join(', ')}` : 'it has none';
      throw new InvalidCampaignError(`template.variables.${key}`, `The template has no {{${key}}}: ${has}`);
    }
  }
  const parameters = names.map((name) => {
    const source = variables[name];
    if (!source) {
      throw new InvalidCampaignError(
        `template.variables.${name}`,
        `Map {{${name}}} to a contact field (${CONTACT_FIELDS.join(', ')}, attributes.<key>) or a fixed text`,
      );
    }
    return { name, source, resolved: resolveSource(name, source) };
  });
  return { category, body, parameters };
}

/** What a contact gives a template parameter: the name as the dashboard shows it, etc. */
export interface ContactFields {
  name: string | null;
  profileName: string | null;
  waId: string | null;
  username: string | null;
  attributes: Readonly<Record<string, string>>;
}

/**
 * One contact's value for a parameter, as the audience's SQL gives each recipient (campaign-audience.ts): whitespace
 * collapsed (Meta refuses line breaks), null when empty. For sends to one contact (an automation rule's template).
 */
export function parameterValue(source: ParameterSource, contact: ContactFields): string | null {
  const phone = contact.waId ? `+${contact.waId}` : null;
  const value =
    'text' in source
      ? source.text
      : 'attribute' in source
        ? contact.attributes[source.attribute]
        : {
            name: contact.name,
            profileName: contact.profileName,
            displayName: contact.name ?? contact.profileName ?? phone ?? contact.username ?? 'WhatsApp user',
            phone,
            username: contact.username,
          }[source.field];
  const collapsed = (value ?? '').replace(/\s+/g, ' ').trim();
  return collapsed === '' ? null : collapsed;
}

function resolveSource(name: string, source: CampaignVariableSource): ParameterSource {
  const field = `template.variables.${name}`;
  if ('text' in source) {
    if (source.text.trim() === '') throw new InvalidCampaignError(`${field}.text`, 'A fixed text must not be empty');
    return { text: source.text };
  }
  const known = CONTACT_FIELDS.find((f) => f === source.field);
  if (known) return { field: known };
  const attribute = /^attributes\.(.+)$/.exec(source.field)?.[1]?.trim();
  if (attribute) return { attribute };
  throw new InvalidCampaignError(
    `${field}.field`,
    `"${source.field}" is not a contact field: use one of ${CONTACT_FIELDS.join(', ')}, or attributes.<key>`,
  );
}

function unsupported(what: string): InvalidCampaignError {
  return new InvalidCampaignError(
    'template.name',
    `This template has ${what}, which needs a value per message; campaigns fill body variables only`,
  );
}
