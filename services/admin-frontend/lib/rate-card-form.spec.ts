import type { MetaRateDto } from '@aerostic/shared';
import { toApiErrorBody } from '@aerostic/shared/web';
import { RATE_FORMAT_ERROR, rateCardApiRefusal, rateGrid, rateText, ratesFromForm } from './rate-card-form';

const RATES: MetaRateDto[] = [
  { market: 'OTHER', category: 'marketing', rateMicros: 60_000 },
  { market: 'IN', category: 'utility', rateMicros: 1_400 },
  { market: 'IN', category: 'marketing', rateMicros: 10_700 },
  { market: 'BR', category: 'service', rateMicros: 0 },
];

describe(rateGrid.name, () => {
  it('should list markets A–Z with OTHER last and categories in Meta’s order', () => {
    const grid = rateGrid(RATES);
    expect(grid.markets).toEqual(['BR', 'IN', 'OTHER']);
    expect(grid.categories).toEqual(['marketing', 'utility', 'service']);
    expect(grid.micros.get('rate.IN.marketing')).toBe(10_700);
    expect(grid.micros.has('rate.BR.marketing')).toBe(false);
  });
});

describe(rateText.name, () => {
  it.each([
    [10_700, '0.0107'],
    [1_000_000, '1.00'],
    [0, '0.00'],
    [1, '0.000001'],
  ])('should write %p micros as %p dollars', (micros, text) => {
    expect(rateText(micros)).toBe(text);
  });
});

describe(ratesFromForm.name, () => {
  function form(cells: Record<string, string>): FormData {
    const data = new FormData();
    for (const [name, value] of Object.entries(cells)) data.set(name, value);
    data.set('reason', 'ignored');
    return data;
  }

  it('should read each filled cell as a rate in micros and leave empty cells out', () => {
    const result = ratesFromForm(
      form({ 'rate.IN.marketing': '0.0107', 'rate.IN.utility': ' 0.0014 ', 'rate.BR.marketing': '' }),
    );
    expect(result).toEqual({
      ok: true,
      rates: [
        { market: 'IN', category: 'marketing', rateMicros: 10_700 },
        { market: 'IN', category: 'utility', rateMicros: 1_400 },
      ],
      values: { 'rate.IN.marketing': '0.0107', 'rate.IN.utility': '0.0014', 'rate.BR.marketing': '' },
    });
  });

  it('should name each cell that is not an amount in dollars', () => {
    const result = ratesFromForm(
      form({ 'rate.IN.marketing': '1,07', 'rate.IN.utility': '-1', 'rate.BR.service': '0.1234567' }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fields).toEqual({
      'rate.IN.marketing': RATE_FORMAT_ERROR,
      'rate.IN.utility': RATE_FORMAT_ERROR,
      'rate.BR.service': RATE_FORMAT_ERROR,
    });
  });
});

describe(rateCardApiRefusal.name, () => {
  it('should put the API’s field errors on the cells of the rates they name', () => {
    const sent = RATES.slice(1, 3);
    const error = toApiErrorBody(400, 'Bad Request', {
      message: 'Check the rates.',
      fields: { 'rates.1.rateMicros': 'rateMicros must be at most 1000000', rates: 'duplicate market and category' },
    });
    expect(rateCardApiRefusal(error, sent, {}).fields).toEqual({
      'rate.IN.marketing': 'rateMicros must be at most 1000000',
      rates: 'duplicate market and category',
    });
  });
});
