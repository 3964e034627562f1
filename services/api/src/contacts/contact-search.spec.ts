import { SqlParams } from '../database/sql-text';
import { contactSearch } from './contact-search';

describe(contactSearch.name, () => {
  const build = (search: string) => {
    const params = new SqlParams();
    const match = contactSearch(search, params);
    return { sql: match.condition('k'), values: params.values, indexed: match.indexed };
  };

  it('should match names, profile names and usernames in any case with LIKE characters taken literally', () => {
    expect(build('100%_a')).toEqual({
      sql: '(k.name ILIKE $1 OR k.profile_name ILIKE $1 OR k.username ILIKE $1)',
      values: ['%100\\%\\_a%'],
      indexed: true,
    });
  });

  it('should match the number by its digits only when the search looks like a phone number', () => {
    expect(build('+1 650-555')).toMatchObject({
      sql: '(k.name ILIKE $1 OR k.profile_name ILIKE $1 OR k.username ILIKE $1 OR k.wa_id LIKE $2)',
      values: ['%+1 650-555%', '%1650555%'],
    });
    expect(build('Grace 4').values).toEqual(['%Grace 4%']);
  });

  it('should leave the trigram index out when no three letters or digits stand in a row', () => {
    expect(build('al').indexed).toBe(false);
    expect(build('a b c').indexed).toBe(false);
    expect(build('12').indexed).toBe(false);
    expect(build('Zoë').indexed).toBe(true);
    expect(build('4477').indexed).toBe(true);
  });
});
