import { contactDisplayName } from './contact-name';

const blank = { name: null, profileName: null, username: null, waId: null };

describe('contactDisplayName', () => {
  it('should prefer the team name, then the profile name, then the username, then the number', () => {
    const all = { name: 'Ada', profileName: 'Ada L.', username: 'ada', waId: '351911111111' };

    expect(contactDisplayName(all)).toBe('Ada');
    expect(contactDisplayName({ ...all, name: null })).toBe('Ada L.');
    expect(contactDisplayName({ ...all, name: null, profileName: null })).toBe('ada');
    expect(contactDisplayName({ ...blank, waId: '351911111111' })).toBe('+351911111111');
  });

  it('should call a customer known only by user id "WhatsApp user"', () => {
    expect(contactDisplayName(blank)).toBe('WhatsApp user');
  });
});
