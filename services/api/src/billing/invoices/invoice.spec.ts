import { type PlanPrice } from '@aerostic/shared';
import { invoiceNumber, overageLines, taxOf } from './invoice';
import { addMonth } from './invoices.service';

const PRICE: PlanPrice = {
  currency: 'USD',
  monthlyMinor: 4900,
  overageMinor: { agents: 1500, whatsappNumbers: null, outboundMessages: 500, campaignRecipients: 300, aiReplies: 200 },
};
const NONE = { agents: 0, whatsappNumbers: 0, outboundMessages: 0, campaignRecipients: 0, aiReplies: 0 };

describe(overageLines.name, () => {
  it('should bill each started block of 1,000 when messages go past the quota', () => {
    const lines = overageLines({ outboundMessagesPerMonth: 10_000 }, PRICE, { ...NONE, outboundMessages: 10_001 });

    expect(lines).toEqual([
      {
        kind: 'overage',
        description: '1 outbound message beyond the 10,000 included (1 × 1,000)',
        quantity: 1,
        unitAmountMinor: 500,
        amountMinor: 500,
      },
    ]);
  });

  it('should bill extra agents one by one and nothing at or under the quota', () => {
    expect(overageLines({ agents: 5 }, PRICE, { ...NONE, agents: 7 }).map((l) => l.amountMinor)).toEqual([3000]);
    expect(overageLines({ agents: 5 }, PRICE, { ...NONE, agents: 5 })).toEqual([]);
  });

  it('should bill nothing when the quota is unlimited or absent, or the overage is not sold', () => {
    const used = { ...NONE, whatsappNumbers: 9, campaignRecipients: 50_000, aiReplies: 50_000 };

    expect(overageLines({ whatsappNumbers: 1, campaignRecipientsPerMonth: null }, PRICE, used)).toEqual([]);
  });
});

describe(taxOf.name, () => {
  it('should round half up to the minor unit', () => {
    expect(taxOf(6434, 1900)).toBe(1222);
    expect(taxOf(50, 1000)).toBe(5);
    expect(taxOf(25, 1000)).toBe(3);
    expect(taxOf(4900, 0)).toBe(0);
  });
});

describe(invoiceNumber.name, () => {
  it('should pad the counter to six digits after the year', () => {
    expect(invoiceNumber(2026, 42)).toBe('AER-2026-000042');
  });
});

describe(addMonth.name, () => {
  it('should keep the day and time, clamped to the last day of a shorter month', () => {
    expect(addMonth(new Date('2026-01-15T10:30:00Z')).toISOString()).toBe('2026-02-15T10:30:00.000Z');
    expect(addMonth(new Date('2026-01-31T00:00:00Z')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonth(new Date('2028-01-31T00:00:00Z')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addMonth(new Date('2026-12-31T00:00:00Z')).toISOString()).toBe('2027-01-31T00:00:00.000Z');
  });
});
