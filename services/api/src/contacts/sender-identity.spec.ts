import { type Contact } from '../database/entities';
import { groupSenders, type InboundSender, planIdentity, valuesOfGroup } from './sender-identity';

const TENANT = '00000000-0000-4000-8000-000000000001';
const sender = (s: Partial<InboundSender>): InboundSender => ({
  tenantId: TENANT,
  waId: null,
  userId: null,
  parentUserId: null,
  username: null,
  profileName: null,
  ...s,
});

function contact(c: Partial<Contact> & { id: string }): Contact {
  return {
    tenantId: TENANT,
    waId: null,
    userId: null,
    parentUserId: null,
    profileName: null,
    username: null,
    name: null,
    tags: [],
    attributes: {},
    optedOut: false,
    marketingConsent: 'unknown',
    marketingConsentAt: null,
    marketingConsentSource: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...c,
  };
}

describe('groupSenders', () => {
  it('should make one customer of senders linked by a message carrying both phone number and user id', () => {
    const groups = groupSenders([
      sender({ userId: 'US.1' }),
      sender({ waId: '351900000001' }),
      sender({ waId: '351900000001', userId: 'US.1', profileName: 'Ana' }),
      sender({ waId: '351900000002' }),
    ]);

    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      waIds: ['351900000001'],
      userIds: ['US.1'],
      waId: '351900000001',
      userId: 'US.1',
      profileName: 'Ana',
      members: [0, 1, 2],
    });
    expect(groups[1]).toMatchObject({ waIds: ['351900000002'], members: [3] });
  });

  it('should link a phone-only and a user-id-only sender when a stored contact holds both', () => {
    const stored = contact({ id: 'c1', waId: '351900000001', userId: 'US.1' });

    expect(groupSenders([sender({ userId: 'US.1' }), sender({ waId: '351900000001' })])).toHaveLength(2);
    expect(groupSenders([sender({ userId: 'US.1' }), sender({ waId: '351900000001' })], [stored])).toHaveLength(1);
  });

  it('should keep the same identity of two tenants apart', () => {
    const other = '00000000-0000-4000-8000-000000000002';

    expect(groupSenders([sender({ userId: 'US.1' }), sender({ userId: 'US.1', tenantId: other })])).toHaveLength(2);
  });
});

describe('planIdentity', () => {
  const values = valuesOfGroup(groupSenders([sender({ waId: '351900000001', userId: 'US.1', username: 'ana' })])[0]!);

  it('should create a contact when none holds the identities, and change nothing when one holds them all', () => {
    expect(planIdentity([], values)).toEqual({ kind: 'create', values });
    const same = contact({ id: 'c1', waId: '351900000001', userId: 'US.1', username: 'ana' });
    expect(planIdentity([same], values)).toEqual({ kind: 'known', contact: same });
  });

  it('should add what the message carries to the one contact holding part of it', () => {
    const byPhone = contact({ id: 'c1', waId: '351900000001', profileName: 'Ana' });

    expect(planIdentity([byPhone], values)).toEqual({
      kind: 'update',
      contact: byPhone,
      changes: { userId: 'US.1', username: 'ana' },
    });
  });

  it('should keep the oldest contact when several hold the identities, with what the others add', () => {
    const older = contact({
      id: 'c2',
      waId: '351900000001',
      name: null,
      tags: ['lead'],
      attributes: { city: 'Lisboa' },
      createdAt: new Date('2026-01-01T00:00:00Z'),
    });
    const newer = contact({
      id: 'c1',
      userId: 'US.1',
      name: 'Ana Lima',
      tags: ['vip', 'lead'],
      attributes: { city: 'Porto', tier: 'gold' },
      optedOut: true,
      marketingConsent: 'opted_out',
      createdAt: new Date('2026-02-01T00:00:00Z'),
    });

    const plan = planIdentity([newer, older], values);

    expect(plan).toEqual({
      kind: 'merge',
      survivor: older,
      losers: [newer],
      changes: {
        userId: 'US.1',
        username: 'ana',
        name: 'Ana Lima',
        tags: ['lead', 'vip'],
        attributes: { city: 'Lisboa', tier: 'gold' },
        marketingConsent: 'opted_out',
      },
    });
  });

  it('should choose the lower id when two contacts were created at the same time', () => {
    const a = contact({ id: 'a', waId: '351900000001' });
    const b = contact({ id: 'b', userId: 'US.1' });

    expect(planIdentity([b, a], values)).toMatchObject({ kind: 'merge', survivor: a, losers: [b] });
  });
});
