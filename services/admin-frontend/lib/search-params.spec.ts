import { param, pick, queryString } from './search-params';

describe(queryString.name, () => {
  it('should leave out empty values and encode the rest when building a query', () => {
    expect(queryString({ search: 'Acme & Co', status: '', cursor: undefined, limit: 50 })).toBe(
      '?search=Acme+%26+Co&limit=50',
    );
  });

  it('should answer an empty string when nothing is left', () => {
    expect(queryString({ search: '' })).toBe('');
  });
});

describe(pick.name, () => {
  it('should keep only the named, non-empty parameters when given a page query', () => {
    expect(
      pick({ status: 'suspended', search: '', evil: 'x', cursor: ['a', 'b'] }, ['status', 'search', 'cursor']),
    ).toEqual({ status: 'suspended', cursor: 'a' });
  });
});

describe(param.name, () => {
  it('should read the first value when a parameter is repeated', () => {
    expect(param({ sort: ['tenant', 'quality'] }, 'sort')).toBe('tenant');
    expect(param({}, 'sort')).toBeUndefined();
  });
});
