import { sendBody, templateContent } from './campaign-template';

describe(templateContent.name, () => {
  const template = (body: string) => ({
    name: 'spring_sale',
    language: 'en_US',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Sale' },
      { type: 'BODY', text: body },
    ],
  });

  it('should send positional values by number, whatever order the body mentions them in', () => {
    expect(templateContent(template('Code {{2}} for {{1}}, {{2}} again'), ['CODE10', 'Ana'])).toEqual({
      template: {
        name: 'spring_sale',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'CODE10' },
            ],
          },
        ],
      },
    });
  });

  it('should name named values, and leave components out of a template without variables', () => {
    const named = templateContent(template('Hi {{first_name}}, {{city}} awaits'), ['Ana', 'Lisbon']);
    expect((named.template as { components: unknown[] }).components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Ana' },
          { type: 'text', parameter_name: 'city', text: 'Lisbon' },
        ],
      },
    ]);
    expect(templateContent(template('Spring is here'), [])).toEqual({
      template: { name: 'spring_sale', language: { code: 'en_US' } },
    });
  });

  it('should address the body like an agent’s template send', () => {
    const content = templateContent(template('Hi'), []);
    expect(sendBody({ recipient: 'US.13491208655302741918' }, content)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: 'US.13491208655302741918',
      type: 'template',
      template: { name: 'spring_sale', language: { code: 'en_US' } },
    });
  });
});
