import { decide, passagesOf, render } from './answer';

const KNOWLEDGE = [
  'Answer from these articles.',
  '<article title="Opening hours">We are open Monday to Friday from 9:00 to 18:00. On Saturdays we open at 10:00.</article>',
  '<article title="Refunds">Refunds are paid back to the card within 5 working days.</article>',
].join('\n');

const ask = (question: string, system = KNOWLEDGE) =>
  decide([
    { role: 'system', content: system },
    { role: 'user', content: 'an earlier question about something else' },
    { role: 'assistant', content: 'an earlier answer' },
    { role: 'user', content: question },
  ]);

describe(decide.name, () => {
  it('should answer with the matching sentence of an article when the question shares its words', () => {
    expect(ask('When are you open on Saturdays?')).toEqual({ kind: 'answer', text: 'On Saturdays we open at 10:00.' });
    expect(ask('How long do refunds take?')).toEqual({
      kind: 'answer',
      text: 'Refunds are paid back to the card within 5 working days.',
    });
  });

  it('should match words without regard to accents and case when the question is written differently', () => {
    const system = '<article title="Horário">Abrimos às 9h de segunda a sexta.</article>';

    expect(ask('HORARIO de sexta?', system)).toEqual({ kind: 'answer', text: 'Abrimos às 9h de segunda a sexta.' });
  });

  it('should say it cannot answer when no passage shares more than half of the question words', () => {
    expect(ask('Do you deliver pizza to Mars?')).toMatchObject({ kind: 'handoff', reason: 'cannot_answer' });
    expect(ask('Hello?', '')).toMatchObject({ kind: 'handoff', reason: 'cannot_answer' });
  });

  it('should hand off when the customer asks for a person', () => {
    expect(ask('Can I talk to a human please')).toMatchObject({
      kind: 'handoff',
      reason: 'customer_asked_for_person',
    });
    expect(ask('Quero falar com uma pessoa')).toMatchObject({ reason: 'customer_asked_for_person' });
  });

  it('should read only the knowledge block when the system text has one', () => {
    const system = 'Rules: never promise refunds.\n<knowledge>\n</knowledge>';

    expect(passagesOf(system)).toEqual([]);
    expect(ask('Will you promise refunds?', system)).toMatchObject({ reason: 'cannot_answer' });
  });

  it('should read the whole system text as knowledge when it has no article blocks', () => {
    expect(passagesOf('Parking is free for customers. Dogs are welcome.').map((p) => p.text)).toEqual([
      'Parking is free for customers.',
      'Dogs are welcome.',
    ]);
  });
});

describe(render.name, () => {
  it('should write the answer format Aerostic asks for when JSON is requested', () => {
    expect(JSON.parse(render({ kind: 'answer', text: 'Hi' }, true))).toEqual({ answer: 'Hi' });
    expect(JSON.parse(render({ kind: 'handoff', reason: 'cannot_answer', why: 'No idea' }, true))).toEqual({
      handoff: 'cannot_answer',
      why: 'No idea',
    });
  });

  it('should write plain words when JSON is not requested', () => {
    expect(render({ kind: 'answer', text: 'Hi' }, false)).toBe('Hi');
    expect(render({ kind: 'handoff', reason: 'customer_asked_for_person', why: '' }, false)).toMatch(/person/);
  });
});
