import { keywordMatcher, normalizeText, REGEX_TEXT_MAX, textOfMessage } from './keywords';
import { isOpen, ALWAYS_OPEN } from './business-hours';
import { conditionsHold, type ConditionFacts } from './conditions';

describe('keywordMatcher', () => {
  it('should match contains, exact and regex case and accent insensitively', () => {
    expect(normalizeText('  Ça  VA?  ')).toBe('ca va?');
    expect(keywordMatcher(['preço'], 'contains')('Qual é o PRECO?')).toBe(true);
    expect(keywordMatcher(['preco'], 'contains')('Qual é o preço?')).toBe(true);
    expect(keywordMatcher(['horário'], 'exact')('  HORARIO ')).toBe(true);
    expect(keywordMatcher(['horario'], 'exact')('o horario')).toBe(false);
    expect(keywordMatcher(['^(oi|olá)\\b'], 'regex')('Olá, tudo bem?')).toBe(true);
    expect(keywordMatcher(['refund'], 'contains')('where is my order')).toBe(false);
  });

  it('should let a regex see only the first characters of a long message', () => {
    const long = `${'a'.repeat(REGEX_TEXT_MAX)}needle`;
    expect(keywordMatcher(['needle'], 'regex')(long)).toBe(false);
    expect(keywordMatcher(['needle'], 'contains')(long)).toBe(true);
  });

  it('should read the words of texts, captions and button replies', () => {
    expect(textOfMessage('text', { text: { body: 'hi' } })).toBe('hi');
    expect(textOfMessage('image', { image: { caption: 'look' } })).toBe('look');
    expect(textOfMessage('interactive', { interactive: { button_reply: { title: 'Yes' } } })).toBe('Yes');
    expect(textOfMessage('location', { location: { latitude: 1 } })).toBeNull();
  });
});

describe('isOpen', () => {
  const hours = {
    timeZone: 'America/New_York',
    weekly: { ...ALWAYS_OPEN, monday: [{ from: '09:00', to: '17:00' }], sunday: [] },
    holidays: [{ date: '2026-12-25' }],
  };

  it('should read the weekly intervals and holidays in the business time zone', () => {
    expect(isOpen(hours, new Date('2026-12-07T14:00:00Z'))).toBe(true); // Monday 09:00 in New York
    expect(isOpen(hours, new Date('2026-12-07T13:59:00Z'))).toBe(false); // Monday 08:59
    expect(isOpen(hours, new Date('2026-12-06T18:00:00Z'))).toBe(false); // Sunday
    expect(isOpen(hours, new Date('2026-12-25T18:00:00Z'))).toBe(false); // a holiday, a Friday
    expect(isOpen(hours, new Date('2026-12-26T18:00:00Z'))).toBe(true); // Saturday, open all day
  });
});

describe('conditionsHold', () => {
  const facts: ConditionFacts = {
    whatsappAccountId: 'n1',
    status: 'open',
    assigneeId: null,
    tags: ['VIP'],
    attributes: { city: 'Lisboa' },
    messageType: 'text',
    at: new Date('2026-12-07T23:30:00Z'),
    timeZone: 'UTC',
  };

  it('should hold when every condition holds, each negatable', () => {
    expect(conditionsHold([], facts)).toBe(true);
    expect(conditionsHold([{ type: 'contact_tag', tag: 'vip' }], facts)).toBe(true);
    expect(conditionsHold([{ type: 'contact_tag', tag: 'vip', negate: true }], facts)).toBe(false);
    expect(conditionsHold([{ type: 'contact_attribute', key: 'city', op: 'contains', value: 'LIS' }], facts)).toBe(
      true,
    );
    expect(
      conditionsHold(
        [
          { type: 'assignee', is: 'nobody' },
          { type: 'number', whatsappAccountIds: ['n2'] },
        ],
        facts,
      ),
    ).toBe(false);
    // 22:00 to 06:00 spans midnight; Monday is day 1.
    expect(conditionsHold([{ type: 'time_of_day', from: '22:00', to: '06:00', days: [1] }], facts)).toBe(true);
    expect(conditionsHold([{ type: 'message_type', messageTypes: ['image'] }], facts)).toBe(false);
  });
});
