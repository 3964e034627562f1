import { marketOf } from './meta-markets';

describe(marketOf.name, () => {
  it('should find the market of a number by its country, NANP area codes included', () => {
    expect(marketOf('919812345678')).toBe('IN');
    expect(marketOf('5511987654321')).toBe('BR');
    expect(marketOf('12025550143')).toBe('NORTH_AMERICA');
    expect(marketOf('14165550123')).toBe('NORTH_AMERICA');
    // Jamaica shares +1 with the US and Canada, and is priced in the rest of Latin America.
    expect(marketOf('18765550123')).toBe('REST_OF_LATAM');
    expect(marketOf('33612345678')).toBe('REST_OF_WESTERN_EUROPE');
  });

  it('should answer OTHER for a customer without a number, a country not listed, or digits no country claims', () => {
    expect(marketOf(null)).toBe('OTHER');
    expect(marketOf('US.13491208655302741918')).toBe('OTHER');
    expect(marketOf('79161234567')).toBe('OTHER');
    expect(marketOf('99912345678')).toBe('OTHER');
  });
});
