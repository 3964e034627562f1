import {
  baseMimeType,
  fillTemplateText,
  type HeaderSampleDto,
  TEMPLATE_HEADER_SAMPLES,
  TEMPLATE_MEDIA_HEADER_FORMATS,
  type TemplateComponent,
  type TemplateMediaHeaderFormat,
  templateVariables,
} from '@aerostic/shared';
import type { FieldErrors } from '@/lib/form-state';
import { formatBytes } from '@/lib/format';
import { templateComponent } from './template-components';

/**
 * The WhatsApp page's template form without React: its fields, the body Meta expects (`POST /templates`), the
 * preview, and which field an API or zod error belongs to. It offers what a person writes by hand; a media
 * header's sample is uploaded first and its handle goes in the HEADER.
 */

export const TEMPLATE_HEADER_KINDS = [
  { value: 'NONE', label: 'None' },
  { value: 'TEXT', label: 'Text' },
  { value: 'IMAGE', label: 'Image' },
  { value: 'VIDEO', label: 'Video' },
  { value: 'DOCUMENT', label: 'Document' },
] as const;
export type TemplateHeaderKind = (typeof TEMPLATE_HEADER_KINDS)[number]['value'];

export function isMediaHeader(kind: TemplateHeaderKind): kind is TemplateMediaHeaderFormat {
  return (TEMPLATE_MEDIA_HEADER_FORMATS as readonly string[]).includes(kind);
}

export const TEMPLATE_BUTTON_KINDS = [
  { value: 'QUICK_REPLY', label: 'Quick reply' },
  { value: 'URL', label: 'Visit website' },
  { value: 'PHONE_NUMBER', label: 'Call phone number' },
] as const;
export type TemplateButtonKind = (typeof TEMPLATE_BUTTON_KINDS)[number]['value'];

export const TEMPLATE_CATEGORY_OPTIONS = [
  { value: 'UTILITY', label: 'Utility: updates and alerts' },
  { value: 'MARKETING', label: 'Marketing: offers and news' },
] as const;

export const TEMPLATE_LANGUAGE_OPTIONS = [
  { value: 'en_US', label: 'English (US)' },
  { value: 'en_GB', label: 'English (UK)' },
  { value: 'es', label: 'Spanish' },
  { value: 'pt_BR', label: 'Portuguese (Brazil)' },
  { value: 'pt_PT', label: 'Portuguese (Portugal)' },
  { value: 'fr', label: 'French' },
  { value: 'de', label: 'German' },
  { value: 'it', label: 'Italian' },
  { value: 'hi', label: 'Hindi' },
  { value: 'id', label: 'Indonesian' },
  { value: 'ar', label: 'Arabic' },
] as const;

export interface TemplateButtonValues {
  type: TemplateButtonKind;
  text: string;
  /** The URL or the phone number, by type. */
  value: string;
  /** The example for a URL ending in `{{1}}`. */
  example: string;
}

export interface TemplateFormValues {
  whatsappAccountId: string;
  name: string;
  language: string;
  category: string;
  headerFormat: TemplateHeaderKind;
  headerText: string;
  headerExample: string;
  /** The uploaded sample of a media header: Meta's handle and the file's name. */
  headerHandle: string;
  headerFileName: string;
  body: string;
  /** One per body variable, in the order `{{1}}`, `{{2}}`, … */
  bodyExamples: string[];
  footer: string;
  buttons: TemplateButtonValues[];
}

export const EMPTY_TEMPLATE_FORM: TemplateFormValues = {
  whatsappAccountId: '',
  name: '',
  language: 'en_US',
  category: 'UTILITY',
  // An empty text header is no header, as before the choice of kinds existed.
  headerFormat: 'TEXT',
  headerText: '',
  headerExample: '',
  headerHandle: '',
  headerFileName: '',
  body: '',
  bodyExamples: [],
  footer: '',
  buttons: [],
};

const BUTTON_KINDS: ReadonlySet<string> = new Set(TEMPLATE_BUTTON_KINDS.map((k) => k.value));
const HEADER_KINDS: ReadonlySet<string> = new Set(TEMPLATE_HEADER_KINDS.map((k) => k.value));

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

function texts(formData: FormData, name: string): string[] {
  return formData.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
}

/** Reads the submitted form; button fields repeat once per button, in order. */
export function templateFormValues(formData: FormData): TemplateFormValues {
  const types = texts(formData, 'buttonType');
  const buttonTexts = texts(formData, 'buttonText');
  const buttonValues = texts(formData, 'buttonValue');
  const buttonExamples = texts(formData, 'buttonExample');
  const headerFormat = text(formData, 'headerFormat');
  return {
    whatsappAccountId: text(formData, 'whatsappAccountId'),
    name: text(formData, 'name'),
    language: text(formData, 'language'),
    category: text(formData, 'category'),
    headerFormat: (HEADER_KINDS.has(headerFormat) ? headerFormat : 'TEXT') as TemplateHeaderKind,
    headerText: text(formData, 'headerText'),
    headerExample: text(formData, 'headerExample'),
    headerHandle: text(formData, 'headerHandle'),
    headerFileName: text(formData, 'headerFileName'),
    body: text(formData, 'body'),
    bodyExamples: texts(formData, 'bodyExample'),
    footer: text(formData, 'footer'),
    buttons: types.map((type, i) => ({
      type: (BUTTON_KINDS.has(type) ? type : 'QUICK_REPLY') as TemplateButtonKind,
      text: buttonTexts[i] ?? '',
      value: buttonValues[i] ?? '',
      example: buttonExamples[i] ?? '',
    })),
  };
}

/** Which form part each component of the body came from, to put errors beside the right field. */
export type ComponentLayout = Array<'header' | 'mediaHeader' | 'body' | 'footer' | 'buttons'>;

/** The `POST /templates` body (Meta's component shape) and the layout of its components. */
export function toCreateTemplateBody(values: TemplateFormValues): {
  body: Record<string, unknown>;
  layout: ComponentLayout;
} {
  const components: Record<string, unknown>[] = [];
  const layout: ComponentLayout = [];
  if (isMediaHeader(values.headerFormat)) {
    // Without a handle the shared schema asks for a sample, beside the file field.
    const handle = values.headerHandle.trim();
    components.push({
      type: 'HEADER',
      format: values.headerFormat,
      ...(handle !== '' && { example: { header_handle: [handle] } }),
    });
    layout.push('mediaHeader');
  } else if (values.headerFormat === 'TEXT' && values.headerText.trim() !== '') {
    const hasVariable = templateVariables(values.headerText).length > 0;
    components.push({
      type: 'HEADER',
      format: 'TEXT',
      text: values.headerText,
      ...(hasVariable && { example: { header_text: [values.headerExample] } }),
    });
    layout.push('header');
  }
  const variables = templateVariables(values.body);
  components.push({
    type: 'BODY',
    text: values.body,
    ...(variables.length > 0 && { example: { body_text: [variables.map((_, i) => values.bodyExamples[i] ?? '')] } }),
  });
  layout.push('body');
  if (values.footer.trim() !== '') {
    components.push({ type: 'FOOTER', text: values.footer });
    layout.push('footer');
  }
  if (values.buttons.length > 0) {
    components.push({
      type: 'BUTTONS',
      buttons: values.buttons.map((b) => {
        if (b.type === 'URL') {
          const variable = templateVariables(b.value).length > 0;
          return { type: 'URL', text: b.text, url: b.value, ...(variable && { example: [b.example] }) };
        }
        if (b.type === 'PHONE_NUMBER') return { type: 'PHONE_NUMBER', text: b.text, phone_number: b.value };
        return { type: 'QUICK_REPLY', text: b.text };
      }),
    });
    layout.push('buttons');
  }
  return {
    body: {
      whatsappAccountId: values.whatsappAccountId,
      name: values.name.trim(),
      language: values.language,
      category: values.category,
      components,
    },
    layout,
  };
}

/**
 * The form field of an error path (`components.1.example.body_text` → `bodyExamples`): header, headerExample,
 * headerFile, body, bodyExamples, footer, buttons, `button.<n>` or a top-level field name.
 */
export function formFieldOf(path: ReadonlyArray<PropertyKey>, layout: ComponentLayout): string {
  const [first, index, ...rest] = path.map(String);
  if (first !== 'components') return first ?? 'form';
  if (index === undefined) return 'body';
  const part = layout[Number(index)];
  if (part === undefined) return 'form';
  const examples = rest[0] === 'example';
  if (part === 'header') return examples ? 'headerExample' : 'header';
  if (part === 'mediaHeader') return 'headerFile';
  if (part === 'body') return examples ? 'bodyExamples' : 'body';
  if (part === 'footer') return 'footer';
  return rest[0] === 'buttons' && rest[1] !== undefined ? `button.${rest[1]}` : 'buttons';
}

/** Zod issues (or the API's `fields`, keyed by dotted path) as errors of the form's fields. */
export function templateFieldErrors(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  layout: ComponentLayout,
): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) fields[formFieldOf(issue.path, layout)] ??= issue.message;
  return fields;
}

export function apiFieldErrors(fields: Record<string, string> | undefined, layout: ComponentLayout): FieldErrors {
  return templateFieldErrors(
    Object.entries(fields ?? {}).map(([key, message]) => ({ path: key.split('.'), message })),
    layout,
  );
}

export interface TemplatePreview {
  header?: string;
  /** A media header: the chosen image, or a placeholder naming the kind (and the file). */
  media?: { format: TemplateMediaHeaderFormat; imageUrl?: string; fileName?: string };
  body: string;
  footer?: string;
  buttons: Array<{ type: string; text: string }>;
}

/** What the customer would see, with the examples in place of the variables (and the sample image's URL). */
export function templatePreview(values: TemplateFormValues, imageUrl?: string): TemplatePreview {
  const bodyValues = Object.fromEntries(
    templateVariables(values.body).map((name, i) => [name, values.bodyExamples[i] ?? '']),
  );
  const headerValues = Object.fromEntries(
    templateVariables(values.headerText).map((name) => [name, values.headerExample]),
  );
  const { headerFormat } = values;
  return {
    header:
      headerFormat === 'TEXT' && values.headerText.trim()
        ? fillTemplateText(values.headerText, headerValues)
        : undefined,
    ...(isMediaHeader(headerFormat) && {
      media: {
        format: headerFormat,
        ...(headerFormat === 'IMAGE' && imageUrl !== undefined && { imageUrl }),
        ...(values.headerFileName !== '' && { fileName: values.headerFileName }),
      },
    }),
    body: fillTemplateText(values.body, bodyValues),
    footer: values.footer.trim() ? values.footer : undefined,
    buttons: values.buttons.filter((b) => b.text.trim() !== '').map((b) => ({ type: b.type, text: b.text })),
  };
}

export type HeaderSampleResult = { ok: true; sample: HeaderSampleDto } | { ok: false; message: string };

/** The file picker's `accept` for a media header's sample. */
export function headerSampleAccept(format: TemplateMediaHeaderFormat): string {
  return TEMPLATE_HEADER_SAMPLES[format].mimeTypes.join(',');
}

/** What the file field says about the sample it takes. */
export function headerSampleHint(format: TemplateMediaHeaderFormat): string {
  const { label, maxBytes } = TEMPLATE_HEADER_SAMPLES[format];
  return `Meta reviews the template with this file: ${label} of up to ${formatBytes(maxBytes)}.`;
}

/** Checks a chosen sample before a byte is uploaded, so a refused file is told at once. */
export function checkHeaderSample(
  file: { name: string; type: string; size: number },
  format: TemplateMediaHeaderFormat,
): { ok: true } | { ok: false; message: string } {
  const { label, maxBytes, mimeTypes } = TEMPLATE_HEADER_SAMPLES[format];
  if (!(mimeTypes as readonly string[]).includes(baseMimeType(file.type))) {
    return { ok: false, message: `${file.name} is not ${label}: choose ${label}.` };
  }
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  if (file.size > maxBytes) {
    return {
      ok: false,
      message: `${file.name} is ${formatBytes(file.size)}; the sample can be up to ${formatBytes(maxBytes)}.`,
    };
  }
  return { ok: true };
}

/** The preview of a stored template (Meta's components), with its own examples. */
export function storedTemplatePreview(components: readonly TemplateComponent[]): TemplatePreview {
  const header = templateComponent(components, 'HEADER');
  const body = templateComponent(components, 'BODY');
  const bodyText = body?.text ?? '';
  const bodyExamples = body?.example?.body_text?.[0] ?? [];
  const headerText = header?.text;
  const headerExample = header?.example?.header_text?.[0] ?? '';
  return {
    header:
      headerText !== undefined
        ? fillTemplateText(headerText, Object.fromEntries(templateVariables(headerText).map((n) => [n, headerExample])))
        : header
          ? `[${header.format}]`
          : undefined,
    body: fillTemplateText(
      bodyText,
      Object.fromEntries(templateVariables(bodyText).map((n, i) => [n, bodyExamples[i] ?? ''])),
    ),
    footer: templateComponent(components, 'FOOTER')?.text,
    buttons: (templateComponent(components, 'BUTTONS')?.buttons ?? []).map((b) => ({
      type: b.type,
      text: ('text' in b ? b.text : undefined) ?? b.type,
    })),
  };
}
