import {
  describeMessagingLimit,
  describeQuality,
  describeThroughput,
  describeTokenStatus,
  formatPhoneNumber,
  tokenWarning,
} from './whatsapp-format';

describe(formatPhoneNumber.name, () => {
  it('should prefix the stored digits with + when given an E.164 number without it', () => {
    expect(formatPhoneNumber('15551234567')).toBe('+15551234567');
  });

  it('should say so when no number was reported', () => {
    expect(formatPhoneNumber('')).toBe('Number not reported');
  });
});

describe(describeQuality.name, () => {
  it.each([
    ['GREEN', 'High', 'success'],
    ['YELLOW', 'Medium', 'warning'],
    ['RED', 'Low', 'danger'],
    ['UNKNOWN', 'Not rated yet', 'neutral'],
    [null, 'Not rated yet', 'neutral'],
  ])('should read %s as %s', (rating, label, tone) => {
    expect(describeQuality(rating)).toMatchObject({ label, tone });
  });
});

describe(describeMessagingLimit.name, () => {
  it.each([
    ['TIER_250', '250 customers / 24 h'],
    ['TIER_1K', '1,000 customers / 24 h'],
    ['TIER_UNLIMITED', 'Unlimited'],
    ['TIER_NEW', 'TIER_NEW'],
    [null, 'Not reported yet'],
  ])('should read %s as %s', (tier, text) => {
    expect(describeMessagingLimit(tier)).toBe(text);
  });
});

describe(describeThroughput.name, () => {
  it('should show messages per second with the level', () => {
    expect(describeThroughput(80, 'STANDARD')).toBe('80 messages/s (standard)');
    expect(describeThroughput(1000, 'HIGH')).toBe('1,000 messages/s (high)');
  });
});

describe(describeTokenStatus.name, () => {
  it('should tell the admin to reconnect when Meta no longer accepts the token', () => {
    const described = describeTokenStatus('invalid');
    expect(described).toMatchObject({ label: 'Needs reconnecting', tone: 'danger' });
    expect(described.hint).toContain('Connect WhatsApp number');
  });
});

describe(tokenWarning.name, () => {
  it('should warn about an expiring token even when Meta gave no expiry', () => {
    expect(tokenWarning({ tokenStatus: 'expiring', tokenExpiresAt: null })).toMatchObject({
      tone: 'warning',
      title: expect.stringMatching(/expires within a few days$/),
    });
  });

  it('should not warn about a valid token or one not checked yet', () => {
    expect(tokenWarning({ tokenStatus: 'valid', tokenExpiresAt: '2027-01-01T00:00:00.000Z' })).toBeNull();
    expect(tokenWarning({ tokenStatus: 'unknown', tokenExpiresAt: null })).toBeNull();
  });
});
