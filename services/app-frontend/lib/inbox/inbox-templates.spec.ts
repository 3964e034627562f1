import type { TemplateDto } from '@aerostic/shared';
import {
  fillPlaceholders,
  missingValues,
  placeholders,
  sentValues,
  templateMessage,
  toInboxTemplate,
} from './inbox-templates';

const aTemplate = (overrides: Partial<TemplateDto> = {}): TemplateDto => ({
  id: '1',
  metaTemplateId: 'meta-1',
  wabaId: 'waba-1',
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  status: 'APPROVED',
  rejectedReason: null,
  qualityScore: null,
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{order}}' },
    { type: 'BODY', text: 'Hi {{name}}, {{name}}, it ships {{day}}.' },
    { type: 'FOOTER', text: 'Thanks' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Track' },
        { type: 'COPY_CODE', example: 'SAVE10' },
      ],
    },
  ],
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

describe('templates', () => {
  it('should lay Meta’s components flat when the API lists a template', () => {
    expect(toInboxTemplate(aTemplate())).toEqual({
      id: '1',
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      status: 'APPROVED',
      header: { format: 'TEXT', text: 'Order {{order}}' },
      body: 'Hi {{name}}, {{name}}, it ships {{day}}.',
      footer: 'Thanks',
      buttons: ['Track'],
    });
  });

  it('should leave out the header, footer and buttons when the template has none', () => {
    const template = toInboxTemplate(
      aTemplate({ category: null, components: [{ type: 'BODY', text: 'Your code is ready.' }] }),
    );
    expect(template).toMatchObject({ category: null, body: 'Your code is ready.', buttons: [] });
    expect(template.header).toBeUndefined();
    expect(template.footer).toBeUndefined();
  });

  it('should list placeholders once each and fill them', () => {
    expect(placeholders('{{1}} and {{2}} and {{1}}')).toEqual(['1', '2']);
    expect(fillPlaceholders('Hi {{1}}, {{2}}', { '1': 'Ada' })).toBe('Hi Ada, {{2}}');
  });

  it('should build named parameters and say which are missing', () => {
    const template = toInboxTemplate(aTemplate());
    const values = { header: { order: '#1' }, body: { name: 'Ada', day: '' } };
    expect(missingValues(template, values)).toEqual(['body {{day}}']);
    expect(templateMessage(template, { ...values, body: { name: 'Ada', day: 'Monday' } })).toEqual({
      name: 'order_update',
      language: { code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: '#1', parameter_name: 'order' }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Ada', parameter_name: 'name' },
            { type: 'text', text: 'Monday', parameter_name: 'day' },
          ],
        },
      ],
    });
  });

  it('should read the values back from a sent template', () => {
    const content = {
      template: {
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ada' },
              { type: 'currency', currency: { fallback_value: '$5' } },
            ],
          },
        ],
      },
    };
    expect(sentValues(content)).toEqual({ header: {}, body: { '1': 'Ada', '2': '$5' } });
  });
});
