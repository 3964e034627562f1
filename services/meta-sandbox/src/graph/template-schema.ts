import type { ResumableUploads } from '../state/resumable-uploads';
import { type NewTemplate, TEMPLATE_CATEGORIES, type TemplateCategory } from '../state/templates';
import { type GraphError, graphErrors } from './graph-error';

/**
 * Meta's checks of `POST /{waba-id}/message_templates` (reference §8 and Meta's template guidelines). The first
 * problem answers 400 `(#100) Invalid parameter` with `error_data.details` naming the field, e.g.
 * `components[1].example.body_text`.
 */

const NAME = /^[a-z0-9_]+$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAMED_VARIABLE = /^[a-z][a-z0-9_]*$/;
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP', 'FLOW', 'MPM', 'CATALOG'] as const;
/** The files each media header takes as its sample (Meta's template guidelines). */
const HEADER_SAMPLE_TYPES: Record<'IMAGE' | 'VIDEO' | 'DOCUMENT', { fileTypes: readonly string[]; what: string }> = {
  IMAGE: { fileTypes: ['image/jpeg', 'image/jpg', 'image/png'], what: 'a JPEG or PNG image' },
  VIDEO: { fileTypes: ['video/mp4'], what: 'an MP4 video' },
  DOCUMENT: { fileTypes: ['application/pdf'], what: 'a PDF document' },
};
const LIMITS = { header: 60, body: 1024, footer: 60, buttonText: 25, url: 2000, phone: 20, buttons: 10 };

type Json = Record<string, unknown>;

/** Where header handles are looked up: the files of the Resumable Upload API. */
export type HeaderSamples = Pick<ResumableUploads, 'fileTypeOf'>;

function invalid(field: string, why: string): GraphError {
  return graphErrors.invalidParameter(`Parameter ${field} is invalid: ${why}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null || value === '') throw graphErrors.missingParameter(field);
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  return value;
}

/** The variable names of a text, in order of appearance (`{{1}}` → "1"). */
export function variablesOf(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1] ?? '');
}

/** Checks the variables' form and answers how many distinct ones the text has. */
function checkVariables(text: string, field: string, format: NewTemplate['parameterFormat']): string[] {
  const names = variablesOf(text);
  const distinct = [...new Set(names)];
  if (format === 'POSITIONAL') {
    if (distinct.some((n) => !/^\d+$/.test(n))) throw invalid(field, 'positional variables look like {{1}}, {{2}}');
    const numbers = distinct.map(Number).sort((a, b) => a - b);
    if (numbers.some((n, i) => n !== i + 1))
      throw invalid(field, 'variables must be numbered {{1}}, {{2}}, … in sequence');
  } else if (distinct.some((n) => !NAMED_VARIABLE.test(n))) {
    throw invalid(field, 'named variables are lower-case letters, digits and underscores, e.g. {{first_name}}');
  }
  return distinct;
}

function checkNamedExamples(example: Json | undefined, key: string, names: string[], field: string): void {
  const list = example?.[key];
  if (!Array.isArray(list)) throw graphErrors.missingParameter(`${field}.example.${key}`);
  for (const name of names) {
    const item: unknown = list.find((p) => isObject(p) && p.param_name === name);
    if (!isObject(item) || typeof item.example !== 'string' || item.example === '') {
      throw invalid(`${field}.example.${key}`, `needs an example for {{${name}}}`);
    }
  }
}

function checkHeader(
  component: Json,
  field: string,
  format: NewTemplate['parameterFormat'],
  samples: HeaderSamples,
): void {
  const headerFormat = component.format;
  if (headerFormat === undefined) throw graphErrors.missingParameter(`${field}.format`);
  if (!HEADER_FORMATS.includes(headerFormat as (typeof HEADER_FORMATS)[number])) {
    throw invalid(`${field}.format`, `must be one of ${HEADER_FORMATS.join(', ')}`);
  }
  const example = isObject(component.example) ? component.example : undefined;
  if (headerFormat === 'TEXT') {
    const text = requireString(component.text, `${field}.text`, LIMITS.header);
    const names = checkVariables(text, `${field}.text`, format);
    if (names.length > 1) throw invalid(`${field}.text`, 'a header has at most one variable');
    if (names.length === 0) return;
    if (format === 'NAMED') return checkNamedExamples(example, 'header_text_named_params', names, field);
    const values = example?.header_text;
    if (!Array.isArray(values) || typeof values[0] !== 'string' || values[0] === '') {
      throw graphErrors.missingParameter(`${field}.example.header_text`);
    }
    return;
  }
  if (headerFormat === 'LOCATION') return;
  const handles = example?.header_handle;
  const handle: unknown = Array.isArray(handles) ? handles[0] : undefined;
  if (typeof handle !== 'string' || handle === '') {
    throw graphErrors.missingParameter(`${field}.example.header_handle`);
  }
  const fileType = samples.fileTypeOf(handle);
  if (fileType === undefined) {
    throw invalid(
      `${field}.example.header_handle`,
      'is not a handle of an uploaded file: upload the sample with the Resumable Upload API (POST /{app-id}/uploads)',
    );
  }
  const expected = HEADER_SAMPLE_TYPES[headerFormat as keyof typeof HEADER_SAMPLE_TYPES];
  if (!expected.fileTypes.includes(fileType)) {
    throw invalid(
      `${field}.example.header_handle`,
      `the ${String(headerFormat)} header needs ${expected.what}; the file of this handle is ${fileType}`,
    );
  }
}

function checkBody(
  component: Json,
  field: string,
  format: NewTemplate['parameterFormat'],
  category: TemplateCategory,
): void {
  // Meta writes the text of authentication templates itself.
  if (category === 'AUTHENTICATION' && component.text === undefined) return;
  const text = requireString(component.text, `${field}.text`, LIMITS.body);
  const names = checkVariables(text, `${field}.text`, format);
  if (names.length === 0) return;
  if (/^\s*\{\{[^{}]*\}\}/.test(text) || /\{\{[^{}]*\}\}\s*$/.test(text)) {
    throw invalid(`${field}.text`, 'variables cannot be at the start or end of the body');
  }
  const example = isObject(component.example) ? component.example : undefined;
  if (format === 'NAMED') return checkNamedExamples(example, 'body_text_named_params', names, field);
  const rows = example?.body_text;
  const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
  if (!Array.isArray(row)) throw graphErrors.missingParameter(`${field}.example.body_text`);
  if (row.length !== names.length || row.some((v) => typeof v !== 'string' || v === '')) {
    throw invalid(`${field}.example.body_text`, `needs ${names.length} example value(s), one per variable`);
  }
}

function checkButtons(component: Json, field: string, category: TemplateCategory): void {
  const buttons = component.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) throw graphErrors.missingParameter(`${field}.buttons`);
  if (buttons.length > LIMITS.buttons) throw invalid(`${field}.buttons`, `at most ${LIMITS.buttons} buttons`);
  const counts = new Map<string, number>();
  buttons.forEach((button: unknown, i) => {
    const at = `${field}.buttons[${i}]`;
    if (!isObject(button)) throw invalid(at, 'must be an object');
    const type = button.type;
    if (type === undefined) throw graphErrors.missingParameter(`${at}.type`);
    if (!BUTTON_TYPES.includes(type as (typeof BUTTON_TYPES)[number])) {
      throw invalid(`${at}.type`, `must be one of ${BUTTON_TYPES.join(', ')}`);
    }
    counts.set(String(type), (counts.get(String(type)) ?? 0) + 1);
    if (type === 'OTP') {
      if (category !== 'AUTHENTICATION') throw invalid(`${at}.type`, 'OTP buttons are for AUTHENTICATION templates');
      if (!['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'].includes(String(button.otp_type))) {
        throw invalid(`${at}.otp_type`, 'must be COPY_CODE, ONE_TAP or ZERO_TAP');
      }
      return;
    }
    if (type === 'COPY_CODE') {
      requireString(button.example, `${at}.example`, 15);
      return;
    }
    requireString(button.text, `${at}.text`, LIMITS.buttonText);
    if (type === 'URL') {
      const url = requireString(button.url, `${at}.url`, LIMITS.url);
      const names = variablesOf(url);
      if (names.length > 1 || (names.length === 1 && !/\{\{1\}\}$/.test(url))) {
        throw invalid(`${at}.url`, 'a URL may have one variable, {{1}}, at its end');
      }
      if (!URL.canParse(url.replace(VARIABLE, 'x'))) throw invalid(`${at}.url`, 'must be a URL');
      const example: unknown = button.example;
      if (names.length === 1 && !(Array.isArray(example) && typeof example[0] === 'string' && example[0] !== '')) {
        throw graphErrors.missingParameter(`${at}.example`);
      }
    }
    if (type === 'PHONE_NUMBER') requireString(button.phone_number, `${at}.phone_number`, LIMITS.phone);
  });
  if ((counts.get('URL') ?? 0) > 2) throw invalid(`${field}.buttons`, 'at most 2 URL buttons');
  if ((counts.get('PHONE_NUMBER') ?? 0) > 1) throw invalid(`${field}.buttons`, 'at most 1 PHONE_NUMBER button');
  if ((counts.get('COPY_CODE') ?? 0) > 1) throw invalid(`${field}.buttons`, 'at most 1 COPY_CODE button');
}

/** Validates a create body like Meta and answers the template to store; media headers need an uploaded sample. */
export function parseCreateTemplate(body: unknown, wabaId: string, samples: HeaderSamples): NewTemplate {
  const input = isObject(body) ? body : {};
  const name = requireString(input.name, 'name', 512);
  if (!NAME.test(name)) throw invalid('name', 'use lower-case letters, digits and underscores only');
  const language = requireString(input.language, 'language', 16);
  if (!LANGUAGE.test(language)) throw invalid('language', 'must be a language code such as en or en_US');
  const category = requireString(input.category, 'category', 32);
  if (!TEMPLATE_CATEGORIES.includes(category as TemplateCategory)) {
    throw invalid('category', `must be one of ${TEMPLATE_CATEGORIES.join(', ')}`);
  }
  const parameterFormat = input.parameter_format ?? 'POSITIONAL';
  if (parameterFormat !== 'POSITIONAL' && parameterFormat !== 'NAMED') {
    throw invalid('parameter_format', 'must be POSITIONAL or NAMED');
  }
  // Form-encoded bodies carry components as a JSON string, as Graph accepts.
  let components: unknown = input.components;
  if (typeof components === 'string') {
    try {
      components = JSON.parse(components) as unknown;
    } catch {
      throw invalid('components', 'must be a JSON array');
    }
  }
  if (components === undefined) throw graphErrors.missingParameter('components');
  if (!Array.isArray(components) || components.length === 0) throw invalid('components', 'must be a non-empty array');

  const seen = new Set<string>();
  components.forEach((component: unknown, i) => {
    const field = `components[${i}]`;
    if (!isObject(component)) throw invalid(field, 'must be an object');
    const type = component.type;
    if (type === undefined) throw graphErrors.missingParameter(`${field}.type`);
    if (typeof type !== 'string' || !['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type)) {
      throw invalid(`${field}.type`, 'must be HEADER, BODY, FOOTER or BUTTONS');
    }
    if (seen.has(type)) throw invalid(`${field}.type`, `a template has at most one ${type} component`);
    seen.add(type);
    if (type === 'HEADER') checkHeader(component, field, parameterFormat, samples);
    else if (type === 'BODY') checkBody(component, field, parameterFormat, category as TemplateCategory);
    else if (type === 'FOOTER') {
      // Authentication footers carry only code_expiration_minutes.
      if (category === 'AUTHENTICATION' && component.text === undefined) return;
      const text = requireString(component.text, `${field}.text`, LIMITS.footer);
      if (variablesOf(text).length > 0) throw invalid(`${field}.text`, 'a footer cannot have variables');
    } else checkButtons(component, field, category as TemplateCategory);
  });
  if (!seen.has('BODY')) throw graphErrors.missingParameter('components (a BODY component)');
  return {
    wabaId,
    name,
    language,
    category: category as TemplateCategory,
    parameterFormat,
    components: components as Record<string, unknown>[],
  };
}
