import { z } from 'zod';
import { createTemplateSchema, templateComponentSchema } from '@aerostic/shared';
import {
  apiFieldErrors,
  checkHeaderSample,
  EMPTY_TEMPLATE_FORM,
  formFieldOf,
  headerSampleAccept,
  storedTemplatePreview,
  templateFieldErrors,
  templateFormValues,
  templatePreview,
  toCreateTemplateBody,
  type TemplateFormValues,
} from './template-form';

const ACCOUNT = '2f1c7f6e-9a51-4f43-9d0e-0a6a4c1f0b11';
const HANDLE = '4::aW1hZ2UvcG5n:c2FtcGxl';

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

  it('should read the header kind and the uploaded sample, an unknown kind reading as text', () => {
    const form = new FormData();
    form.append('headerFormat', 'IMAGE');
    form.append('headerHandle', HANDLE);
    form.append('headerFileName', 'banner.png');
    expect(templateFormValues(form)).toMatchObject({
      headerFormat: 'IMAGE',
      headerHandle: HANDLE,
      headerFileName: 'banner.png',
    });
    form.set('headerFormat', 'LOCATION');
    expect(templateFormValues(form).headerFormat).toBe('TEXT');
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

  it.each(['IMAGE', 'VIDEO', 'DOCUMENT'] as const)(
    'should build a %s header with the sample’s handle, leaving the header text out',
    (format) => {
      const { body, layout } = toCreateTemplateBody(filled({ headerFormat: format, headerHandle: HANDLE }));
      expect(layout).toEqual(['mediaHeader', 'body', 'footer', 'buttons']);
      expect((body.components as unknown[])[0]).toEqual({
        type: 'HEADER',
        format,
        example: { header_handle: [HANDLE] },
      });
      expect(createTemplateSchema.safeParse(body).success).toBe(true);
    },
  );

  it('should send no header when None is chosen, whatever text was typed', () => {
    const { body, layout } = toCreateTemplateBody(filled({ headerFormat: 'NONE' }));
    expect(layout).toEqual(['body', 'footer', 'buttons']);
    expect((body.components as Array<{ type: string }>).map((c) => c.type)).toEqual(['BODY', 'FOOTER', 'BUTTONS']);
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

  it('should ask for a sample beside the file field when a media header has no handle yet', () => {
    const { body, layout } = toCreateTemplateBody(filled({ headerFormat: 'VIDEO', headerHandle: '' }));
    const result = createTemplateSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(templateFieldErrors(result.error!.issues, layout)).toEqual({
      headerFile: expect.stringMatching(/upload a sample/),
    });
    expect(apiFieldErrors({ 'components.0.example.header_handle': 'Refused' }, layout)).toEqual({
      headerFile: 'Refused',
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

  it('should preview the chosen image of an image header, and a named placeholder for other media', () => {
    const image = templatePreview(filled({ headerFormat: 'IMAGE', headerFileName: 'banner.png' }), 'blob:x/1');
    const video = templatePreview(filled({ headerFormat: 'VIDEO', headerFileName: 'promo.mp4' }), 'blob:x/1');
    const document = templatePreview(filled({ headerFormat: 'DOCUMENT' }));

    expect(image).toMatchObject({
      header: undefined,
      media: { format: 'IMAGE', imageUrl: 'blob:x/1', fileName: 'banner.png' },
    });
    expect(video.media).toEqual({ format: 'VIDEO', fileName: 'promo.mp4' });
    expect(document.media).toEqual({ format: 'DOCUMENT' });
    expect(templatePreview(filled()).media).toBeUndefined();
  });

  it('should preview a stored template from Meta’s components, media headers included', () => {
    const { body } = toCreateTemplateBody(filled());
    expect(storedTemplatePreview(z.array(templateComponentSchema).parse(body.components))).toMatchObject({
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

describe('header samples', () => {
  const file = (name: string, type: string, size: number) => ({ name, type, size });

  it('should accept a sample of the header’s kind within its size', () => {
    expect(checkHeaderSample(file('banner.png', 'image/png', 1024), 'IMAGE')).toEqual({ ok: true });
    expect(checkHeaderSample(file('promo.mp4', 'video/mp4', 16 * 1024 * 1024), 'VIDEO')).toEqual({ ok: true });
    expect(headerSampleAccept('IMAGE')).toBe('image/jpeg,image/png');
    expect(headerSampleAccept('DOCUMENT')).toBe('application/pdf');
  });

  it.each([
    ['another kind', file('menu.pdf', 'application/pdf', 10), 'IMAGE', 'menu.pdf is not a JPEG or PNG image'],
    ['a GIF', file('a.gif', 'image/gif', 10), 'IMAGE', 'not a JPEG or PNG image'],
    ['an empty file', file('a.png', 'image/png', 0), 'IMAGE', 'a.png is empty'],
    ['an image over 5 MB', file('big.jpg', 'image/jpeg', 5 * 1024 * 1024 + 1), 'IMAGE', 'up to 5 MB'],
    ['a 3GPP video', file('clip.3gp', 'video/3gpp', 10), 'VIDEO', 'not an MP4 video'],
  ] as const)('should refuse %s before uploading it', (_case, chosen, format, message) => {
    const check = checkHeaderSample(chosen, format);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.message).toContain(message);
  });
});
