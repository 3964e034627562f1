import {
  formatAge,
  formatLimit,
  metaStatusLabel,
  metaStatusTone,
  qualityLabel,
  qualityTone,
  tokenStatusTone,
} from './labels';

describe(metaStatusLabel.name, () => {
  it('should name Meta’s standing in words, with a tone by how much it stops sends', () => {
    expect([metaStatusLabel(null), metaStatusTone(null)]).toEqual(['Standing not reported', 'neutral']);
    expect([metaStatusLabel('CONNECTED'), metaStatusTone('CONNECTED')]).toEqual(['In good standing', 'success']);
    expect([metaStatusLabel('FLAGGED'), metaStatusTone('FLAGGED')]).toEqual(['Flagged (low quality)', 'warning']);
    expect([metaStatusLabel('RESTRICTED'), metaStatusTone('RESTRICTED')]).toEqual(['Restricted', 'danger']);
    expect([metaStatusLabel('BANNED'), metaStatusTone('BANNED')]).toEqual(['Banned', 'danger']);
    expect(metaStatusLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});

describe(formatAge.name, () => {
  it.each([
    [null, 'none waiting'],
    [42, '42 s'],
    [600, '10 min'],
    [3 * 3600 + 120, '3 h 2 min'],
    [3 * 86_400 + 4 * 3600, '3 d 4 h'],
  ])('should read %p seconds as %p', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});

describe(qualityLabel.name, () => {
  it('should say a number is not rated when Meta has no rating for it', () => {
    expect(qualityLabel(null)).toBe('Not rated');
    expect(qualityLabel('UNKNOWN')).toBe('Not rated');
    expect(qualityLabel('YELLOW')).toBe('Yellow');
    expect(qualityTone('RED')).toBe('danger');
  });
});

describe(tokenStatusTone.name, () => {
  it('should warn about an expiring token and alarm about an invalid one', () => {
    expect(tokenStatusTone('expiring')).toBe('warning');
    expect(tokenStatusTone('invalid')).toBe('danger');
    expect(tokenStatusTone('unknown')).toBe('neutral');
  });
});

describe(formatLimit.name, () => {
  it('should say Unlimited for a limit without a maximum', () => {
    expect(formatLimit(null)).toBe('Unlimited');
    expect(formatLimit(12000)).toBe('12,000');
  });
});
