import {
  fillPlaceholders,
  missingValues,
  placeholders,
  sentValues,
  templateMessage,
  toInboxTemplate,
} from './inbox-templates';

const raw = {
  id: '1',
  name: 'order_update',
  language: 'en_US',
  status: 'APPROVED',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{order}}' },
    { type: 'BODY', text: 'Hi {{name}}, {{name}}, it ships {{day}}.' },
    { type: 'FOOTER', text: 'Thanks' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track' }] },
  ],
};

describe('templates', () => {
  it('should read Meta’s template shape', () => {
    expect(toInboxTemplate(raw)).toEqual({
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
    expect(toInboxTemplate({ components: [] })).toBeUndefined();
  });

  it('should list placeholders once each and fill them', () => {
    expect(placeholders('{{1}} and {{2}} and {{1}}')).toEqual(['1', '2']);
    expect(fillPlaceholders('Hi {{1}}, {{2}}', { '1': 'Ada' })).toBe('Hi Ada, {{2}}');
  });

  it('should build named parameters and say which are missing', () => {
    const template = toInboxTemplate(raw)!;
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
