import { createTemplateSchema } from '@aerostic/shared';
import {
  apiFieldErrors,
  EMPTY_TEMPLATE_FORM,
  formFieldOf,
  storedTemplatePreview,
  templateFieldErrors,
  templateFormValues,
  templatePreview,
  toCreateTemplateBody,
  type TemplateFormValues,
} from './template-form';

const ACCOUNT = '2f1c7f6e-9a51-4f43-9d0e-0a6a4c1f0b11';

const filled = (overrides: Partial<TemplateFormValues> = {}): TemplateFormValues => ({
  ...EMPTY_TEMPLATE_FORM,
  whatsappAccountId: ACCOUNT,
  name: 'order_update',
  headerText: 'Order {{1}}',
  headerExample: 'A-100',
  body: 'Hi {{1}}, your order {{2}} shipped.',
  bodyExamples: ['Ana', 'A-100'],
  footer: 'Thanks',
  buttons: [
    { type: 'QUICK_REPLY', text: 'Thanks', value: '', example: '' },
    { type: 'URL', text: 'Track', value: 'https://shop.example/t/{{1}}', example: 'A-100' },
    { type: 'PHONE_NUMBER', text: 'Call us', value: '+15550100001', example: '' },
  ],
  ...overrides,
});

describe('templateFormValues', () => {
  it('should read repeated button and example fields in order', () => {
    const form = new FormData();
    for (const [key, value] of [
      ['whatsappAccountId', ACCOUNT],
      ['name', 'promo'],
      ['language', 'pt_BR'],
      ['category', 'MARKETING'],
      ['body', 'Hi {{1}} and {{2}}.'],
      ['bodyExample', 'Ana'],
      ['bodyExample', 'Bo'],
      ['buttonType', 'URL'],
      ['buttonText', 'Shop'],
      ['buttonValue', 'https://a.example'],
      ['buttonExample', ''],
      ['buttonType', 'FAX'],
      ['buttonText', 'Odd'],
      ['buttonValue', ''],
      ['buttonExample', ''],
    ]) {
      form.append(key!, value!);
    }
    expect(templateFormValues(form)).toMatchObject({
      language: 'pt_BR',
      bodyExamples: ['Ana', 'Bo'],
      buttons: [
        { type: 'URL', text: 'Shop', value: 'https://a.example' },
        { type: 'QUICK_REPLY', text: 'Odd' },
      ],
    });
  });
});

describe('toCreateTemplateBody', () => {
  it('should build Meta’s components that the shared schema accepts', () => {
    const { body, layout } = toCreateTemplateBody(filled());
    expect(layout).toEqual(['header', 'body', 'footer', 'buttons']);
    expect(createTemplateSchema.safeParse(body).success).toBe(true);
    expect(body.components).toEqual([
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-100'] } },
      { type: 'BODY', text: 'Hi {{1}}, your order {{2}} shipped.', example: { body_text: [['Ana', 'A-100']] } },
      { type: 'FOOTER', text: 'Thanks' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Thanks' },
          { type: 'URL', text: 'Track', url: 'https://shop.example/t/{{1}}', example: ['A-100'] },
          { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100001' },
        ],
      },
    ]);
  });

  it('should leave out empty parts and examples of texts without variables', () => {
    const { body, layout } = toCreateTemplateBody(
      filled({ headerText: '', body: 'Thanks for your order.', bodyExamples: [], footer: ' ', buttons: [] }),
    );
    expect(layout).toEqual(['body']);
    expect(body.components).toEqual([{ type: 'BODY', text: 'Thanks for your order.' }]);
  });
});

describe('form errors', () => {
  it('should put each schema problem beside its field', () => {
    const values = filled({ headerText: '', bodyExamples: ['Ana'], name: 'Bad Name' });
    const { body, layout } = toCreateTemplateBody(values);
    const result = createTemplateSchema.safeParse(body);
    expect(result.success).toBe(false);
    const fields = templateFieldErrors(result.error!.issues, layout);
    expect(fields).toMatchObject({
      name: expect.stringMatching(/lower-case/),
      bodyExamples: expect.stringMatching(/example value for every variable/),
    });
  });

  it('should map paths of every component, and the API’s dotted fields', () => {
    const layout = ['header', 'body', 'footer', 'buttons'] as const;
    expect(formFieldOf(['components', 0, 'text'], [...layout])).toBe('header');
    expect(formFieldOf(['components', 0, 'example', 'header_text'], [...layout])).toBe('headerExample');
    expect(formFieldOf(['components', 2, 'text'], [...layout])).toBe('footer');
    expect(formFieldOf(['components', 3, 'buttons', 1, 'text'], [...layout])).toBe('button.1');
    expect(formFieldOf(['components', 3, 'buttons'], [...layout])).toBe('buttons');
    expect(formFieldOf(['components'], [...layout])).toBe('body');
    expect(apiFieldErrors({ name: 'Taken', 'components.1.text': 'Too long' }, [...layout])).toEqual({
      name: 'Taken',
      body: 'Too long',
    });
  });
});

describe('previews', () => {
  it('should fill variables with the examples, and show the ones still missing', () => {
    expect(templatePreview(filled({ bodyExamples: ['Ana'] }))).toEqual({
      header: 'Order A-100',
      body: 'Hi Ana, your order {{2}} shipped.',
      footer: 'Thanks',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Thanks' },
        { type: 'URL', text: 'Track' },
        { type: 'PHONE_NUMBER', text: 'Call us' },
      ],
    });
  });

  it('should preview a stored template from Meta’s components, media headers included', () => {
    const { body } = toCreateTemplateBody(filled());
    expect(storedTemplatePreview(body.components as unknown[])).toMatchObject({
      header: 'Order A-100',
      body: 'Hi Ana, your order A-100 shipped.',
    });
    expect(
      storedTemplatePreview([
        { type: 'HEADER', format: 'IMAGE' },
        { type: 'BODY', text: 'New arrivals' },
      ]),
    ).toEqual({ header: '[IMAGE]', body: 'New arrivals', footer: undefined, buttons: [] });
    expect(storedTemplatePreview([])).toEqual({ header: undefined, body: '', footer: undefined, buttons: [] });
  });
});
