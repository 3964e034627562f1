import {
  createTemplateSchema,
  fillTemplateText,
  headerSampleFormatOf,
  listTemplatesQuerySchema,
  templateVariables,
  uploadHeaderSampleSchema,
} from './templates';
import { fieldsOfIssues } from './issue-fields';

const ACCOUNT = '2f1c7f6e-9a51-4f43-9d0e-0a6a4c1f0b11';

const valid = (overrides: Record<string, unknown> = {}) => ({
  whatsappAccountId: ACCOUNT,
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-100'] } },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} shipped.', example: { body_text: [['Ana', 'A-100']] } },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Thanks' },
        { type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}', example: ['A-100'] },
        { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100001' },
      ],
    },
  ],
  ...overrides,
});

/** The `fields` the API would answer: path → message. */
function fieldsOf(input: unknown): Record<string, string> {
  const result = createTemplateSchema.safeParse(input);
  return result.success ? {} : fieldsOfIssues(result.error.issues);
}

const withComponents = (...components: unknown[]) => valid({ components });

describe('createTemplateSchema', () => {
  it('should accept a full positional template and default the parameter format', () => {
    const parsed = createTemplateSchema.parse(valid());
    expect(parsed.parameterFormat).toBe('POSITIONAL');
    expect(parsed.components).toHaveLength(4);
  });

  it('should accept named variables with named examples', () => {
    const input = valid({
      parameterFormat: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Hello {{first_name}}, code {{code}} is ready.',
          example: {
            body_text_named_params: [
              { param_name: 'first_name', example: 'Ana' },
              { param_name: 'code', example: 'X1' },
            ],
          },
        },
      ],
    });
    expect(fieldsOf(input)).toEqual({});
  });

  it.each([
    ['a name with capitals and spaces', valid({ name: 'Order Update' }), 'name', /lower-case/],
    ['a name too long', valid({ name: 'a'.repeat(513) }), 'name', /512/],
    ['a bad language', valid({ language: 'english' }), 'language', /en_US/],
    ['an unknown category', valid({ category: 'PROMO' }), 'category', /MARKETING/],
    ['no components', valid({ components: [] }), 'components', /BODY/],
    ['no BODY', withComponents({ type: 'FOOTER', text: 'Bye' }), 'components', /needs a BODY/],
    [
      'body variables without examples',
      withComponents({ type: 'BODY', text: 'Hi {{1}}, welcome.' }),
      'components.0.example.body_text',
      /1 variable: give 1 example value/,
    ],
    [
      'fewer examples than variables',
      withComponents({ type: 'BODY', text: 'Hi {{1}} and {{2}}.', example: { body_text: [['Ana']] } }),
      'components.0.example.body_text',
      /2 variables/,
    ],
    [
      'a gap in the numbering',
      withComponents({ type: 'BODY', text: 'Hi {{1}} and {{3}}.', example: { body_text: [['Ana', 'Bo']] } }),
      'components.0.text',
      /without gaps/,
    ],
    [
      'a body ending with a variable',
      withComponents({ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] } }),
      'components.0.text',
      /start or end/,
    ],
    ['a body too long', withComponents({ type: 'BODY', text: 'x'.repeat(1025) }), 'components.0.text', /1024/],
    [
      'named variables without their example',
      valid({
        parameterFormat: 'NAMED',
        components: [
          {
            type: 'BODY',
            text: 'Hi {{first_name}}, see {{city}} soon.',
            example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
          },
        ],
      }),
      'components.0.example.body_text_named_params',
      /\{\{city\}\}/,
    ],
    [
      'a header with two variables',
      withComponents(
        { type: 'HEADER', format: 'TEXT', text: '{{1}} {{2}}', example: { header_text: ['a', 'b'] } },
        { type: 'BODY', text: 'Hi.' },
      ),
      'components.0.text',
      /at most one variable/,
    ],
    [
      'an image header without an example handle',
      withComponents({ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: 'Hi.' }),
      'components.0.example.header_handle',
      /image header needs an example/,
    ],
    [
      'a footer with a variable',
      withComponents({ type: 'BODY', text: 'Hi.' }, { type: 'FOOTER', text: 'Bye {{1}}' }),
      'components.1.text',
      /cannot have variables/,
    ],
    [
      'two bodies',
      withComponents({ type: 'BODY', text: 'Hi.' }, { type: 'BODY', text: 'Again.' }),
      'components.1.type',
      /at most one BODY/,
    ],
    [
      'eleven buttons',
      withComponents(
        { type: 'BODY', text: 'Hi.' },
        { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `b${i}` })) },
      ),
      'components.1.buttons',
      /at most 10 buttons/,
    ],
    [
      'a button text too long',
      withComponents(
        { type: 'BODY', text: 'Hi.' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'x'.repeat(26) }] },
      ),
      'components.1.buttons.0.text',
      /25/,
    ],
    [
      'three URL buttons',
      withComponents(
        { type: 'BODY', text: 'Hi.' },
        {
          type: 'BUTTONS',
          buttons: [1, 2, 3].map((i) => ({ type: 'URL', text: `Link ${i}`, url: `https://a.example/${i}` })),
        },
      ),
      'components.1.buttons',
      /at most 2 URL buttons/,
    ],
    [
      'a URL variable without example',
      withComponents(
        { type: 'BODY', text: 'Hi.' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://a.example/t/{{1}}' }] },
      ),
      'components.1.buttons.0.example',
      /example value/,
    ],
    [
      'a URL variable in the middle',
      withComponents(
        { type: 'BODY', text: 'Hi.' },
        {
          type: 'BUTTONS',
          buttons: [{ type: 'URL', text: 'Track', url: 'https://a.example/{{1}}/x', example: ['a'] }],
        },
      ),
      'components.1.buttons.0.url',
      /very end/,
    ],
    [
      'an unknown button type',
      withComponents({ type: 'BODY', text: 'Hi.' }, { type: 'BUTTONS', buttons: [{ type: 'FAX', text: 'x' }] }),
      'components.1.buttons.0.type',
      /button type/,
    ],
    [
      'an OTP button outside authentication',
      withComponents(
        { type: 'BODY', text: 'Hi.' },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] },
      ),
      'components.1.buttons.0.type',
      /only for authentication/,
    ],
    ['an unknown field', valid({ color: 'red' }), 'color', /^Unknown field; remove it/],
  ])('should refuse %s and name the field', (_case, input, field, message) => {
    const fields = fieldsOf(input);
    expect(Object.keys(fields)).toContain(field);
    expect(fields[field]).toMatch(message);
  });

  it('should report the components’ problems together with the other fields’', () => {
    const fields = fieldsOf(valid({ name: 'Bad Name', components: [{ type: 'BODY', text: 'Hi {{1}}, welcome.' }] }));
    expect(Object.keys(fields).sort()).toEqual(['components.0.example.body_text', 'name']);
  });

  it('should accept an authentication template with an OTP button and no text', () => {
    const input = valid({
      category: 'AUTHENTICATION',
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'FOOTER', code_expiration_minutes: 10 },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    });
    expect(fieldsOf(input)).toEqual({});
    expect(fieldsOf({ ...input, components: [{ type: 'BODY', text: 'Your code' }] })).toMatchObject({
      'components.0.text': expect.stringMatching(/leave it out/),
      components: expect.stringMatching(/OTP button/),
    });
  });
});

describe('template text helpers', () => {
  it('should list variables once, in order, and fill them with examples', () => {
    expect(templateVariables('Hi {{1}}, {{ 2 }} and {{1}} again')).toEqual(['1', '2']);
    expect(fillTemplateText('Hi {{1}}, code {{2}}', { '1': 'Ana' })).toBe('Hi Ana, code {{2}}');
    expect(fillTemplateText('Hi {{first_name}}', { first_name: 'Bo' })).toBe('Hi Bo');
  });
});

describe('listTemplatesQuerySchema', () => {
  it('should treat empty filters as absent and refuse an unknown status', () => {
    expect(listTemplatesQuerySchema.parse({ status: '', search: '' })).toMatchObject({ limit: 50 });
    expect(listTemplatesQuerySchema.safeParse({ status: 'GOOD' }).success).toBe(false);
  });
});

describe('header samples', () => {
  it('should tell which media header a file can be the sample of', () => {
    expect(headerSampleFormatOf('image/png')).toBe('IMAGE');
    expect(headerSampleFormatOf('IMAGE/JPEG')).toBe('IMAGE');
    expect(headerSampleFormatOf('video/mp4; codecs=avc1')).toBe('VIDEO');
    expect(headerSampleFormatOf('application/pdf')).toBe('DOCUMENT');
    expect(headerSampleFormatOf('image/gif')).toBeNull();
    expect(headerSampleFormatOf('video/3gpp')).toBeNull();
  });

  it('should read the upload form, an empty format counting as none, and name a bad field', () => {
    expect(uploadHeaderSampleSchema.parse({ whatsappAccountId: ACCOUNT, format: '' })).toEqual({
      whatsappAccountId: ACCOUNT,
      format: undefined,
    });
    const result = uploadHeaderSampleSchema.safeParse({ whatsappAccountId: 'x', format: 'AUDIO' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['format', 'whatsappAccountId']);
  });
});
