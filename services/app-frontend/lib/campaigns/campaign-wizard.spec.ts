import {
  EMPTY_AUDIENCE,
  audienceOf,
  errorsOfStep,
  firstStepWithError,
  scheduledAtOf,
  splitTags,
  stepOfField,
} from './campaign-wizard';

const NOW = Date.parse('2026-06-01T10:00:00Z');

describe('campaign wizard steps', () => {
  it('should split tags on commas and semicolons, once each', () => {
    expect(splitTags(' vip, lisbon;vip ,, ')).toEqual(['vip', 'lisbon']);
  });

  it('should build an audience of tags and attributes', () => {
    const result = audienceOf({
      ...EMPTY_AUDIENCE,
      tags: 'vip, lisbon',
      attributes: [
        { id: 0, key: ' plan ', value: ' gold ' },
        { id: 1, key: '', value: '' },
      ],
    });
    expect(result).toEqual({ ok: true, value: { tags: ['vip', 'lisbon'], attributes: { plan: 'gold' } } });
  });

  it('should refuse an audience that names nobody rather than send to every contact', () => {
    expect(audienceOf(EMPTY_AUDIENCE)).toEqual({ ok: false, errors: { 'audience.tags': expect.any(String) } });
  });

  it('should refuse an attribute without a name, or listed twice', () => {
    expect(audienceOf({ ...EMPTY_AUDIENCE, attributes: [{ id: 0, key: '', value: 'gold' }] })).toEqual({
      ok: false,
      errors: { 'audience.attributes': 'Name each attribute you filter on' },
    });
    const twice = [
      { id: 0, key: 'plan', value: 'gold' },
      { id: 1, key: 'plan', value: 'silver' },
    ];
    expect(audienceOf({ ...EMPTY_AUDIENCE, attributes: twice })).toEqual({
      ok: false,
      errors: { 'audience.attributes': 'The attribute "plan" is listed twice' },
    });
  });

  it('should take the contacts of an uploaded file, and need one with at least a recipient', () => {
    expect(audienceOf({ ...EMPTY_AUDIENCE, mode: 'csv' })).toEqual({
      ok: false,
      errors: { 'audience.file': 'Upload a CSV file of recipients' },
    });
    const csv = { fileName: 'a.csv', contactIds: [], rejected: [{ line: 2, reason: 'bad phone' }] };
    expect(audienceOf({ ...EMPTY_AUDIENCE, mode: 'csv', csv })).toMatchObject({ ok: false });
    const ids = ['0b7a3f8e-0000-4000-8000-000000000001'];
    expect(audienceOf({ ...EMPTY_AUDIENCE, mode: 'csv', tags: 'ignored', csv: { ...csv, contactIds: ids } })).toEqual({
      ok: true,
      value: { contactIds: ids },
    });
  });

  it('should start now without a date, or at the instant typed on the workspace clock', () => {
    expect(scheduledAtOf({ mode: 'now', date: '', time: '' }, 'Europe/Lisbon', NOW)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(scheduledAtOf({ mode: 'later', date: '2026-06-02', time: '09:00' }, 'Europe/Lisbon', NOW)).toEqual({
      ok: true,
      value: '2026-06-02T08:00:00.000Z',
    });
  });

  it('should refuse a time in the past or a missing one', () => {
    expect(scheduledAtOf({ mode: 'later', date: '2026-06-01', time: '10:30' }, 'Europe/Lisbon', NOW)).toEqual({
      ok: false,
      errors: { scheduledAt: 'Choose a time in the future, or send it now' },
    });
    expect(scheduledAtOf({ mode: 'later', date: '', time: '10:30' }, 'UTC', NOW)).toEqual({
      ok: false,
      errors: { scheduledAt: 'Enter a date' },
    });
  });

  it('should send each error back to the step that holds its field', () => {
    expect(stepOfField('audience.contactIds')).toBe('audience');
    expect(stepOfField('whatsappAccountId')).toBe('template');
    expect(stepOfField('template.name')).toBe('template');
    expect(stepOfField('template.variables.2')).toBe('variables');
    expect(stepOfField('scheduledAt')).toBe('schedule');
    expect(stepOfField('name')).toBe('review');
    const fields = { name: 'name is required', 'template.variables.1': 'missing', scheduledAt: 'past' };
    expect(firstStepWithError(fields)).toBe('variables');
    expect(firstStepWithError({})).toBeNull();
    expect(errorsOfStep(fields, 'schedule')).toEqual({ scheduledAt: 'past' });
  });
});
