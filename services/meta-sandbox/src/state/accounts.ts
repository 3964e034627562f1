import { randomInt, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { IdGenerator } from './ids';

export const THROUGHPUT_LEVELS = ['STANDARD', 'HIGH'] as const;
export type ThroughputLevel = (typeof THROUGHPUT_LEVELS)[number];

export const MESSAGING_LIMIT_TIERS = [
  'TIER_50',
  'TIER_250',
  'TIER_1K',
  'TIER_2K',
  'TIER_10K',
  'TIER_100K',
  'TIER_UNLIMITED',
] as const;
export type MessagingLimitTier = (typeof MESSAGING_LIMIT_TIERS)[number];

export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN', 'NA'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];

/** The phone number's `status` as Meta reports it (OpenAPI, reference §9). */
export const PHONE_NUMBER_STATUSES = [
  'CONNECTED',
  'DISCONNECTED',
  'PENDING',
  'UNVERIFIED',
  'FLAGGED',
  'RESTRICTED',
  'BANNED',
] as const;
export type PhoneNumberStatus = (typeof PHONE_NUMBER_STATUSES)[number];

export type BusinessRecord = {
  id: string;
  name: string;
  createdAt: number;
};

export type SubscriptionRecord = {
  subscribedAt: number;
  overrideCallbackUri: string | undefined;
};

export type WabaRecord = {
  id: string;
  businessId: string;
  name: string;
  messageTemplateNamespace: string;
  /** The sandbox app's webhook subscription (POST /{waba-id}/subscribed_apps); null = no webhooks. */
  subscription: SubscriptionRecord | null;
  createdAt: number;
};

export type PhoneNumberRecord = {
  id: string;
  wabaId: string;
  businessId: string;
  /** Digits only, as in webhook metadata; the Graph API shows it formatted. */
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: QualityRating;
  /** STANDARD = 80 messages/s, HIGH = 1,000; enforced by the send endpoint. */
  throughputLevel: ThroughputLevel;
  messagingLimitTier: MessagingLimitTier;
  registered: boolean;
  /** Set by a control call (a flagged or banned number); null = CONNECTED once registered, PENDING before. */
  statusOverride: PhoneNumberStatus | null;
  /** The two-step verification PIN set by the first /register; later registers must repeat it. */
  pin: string | null;
  createdAt: number;
};

/** Meta's `status` of the number: as a control call set it, else CONNECTED once registered, PENDING before. */
export function phoneNumberStatus(p: PhoneNumberRecord): PhoneNumberStatus {
  return p.statusOverride ?? (p.registered ? 'CONNECTED' : 'PENDING');
}

export type NewBusiness = {
  name: string | undefined;
  verifiedName: string | undefined;
  displayPhoneNumber: string | undefined;
  throughputLevel: ThroughputLevel;
  messagingLimitTier: MessagingLimitTier;
  qualityRating: QualityRating;
  subscribed: boolean;
};

export class DisplayNumberTakenError extends Error {
  constructor(readonly displayPhoneNumber: string) {
    super(`display_phone_number ${displayPhoneNumber} already belongs to another sandbox business`);
  }
}

/** Businesses, their WhatsApp Business Accounts and phone numbers (one of each per Embedded Signup). */
export class AccountStore {
  readonly businesses = new Map<string, BusinessRecord>();
  readonly wabas = new Map<string, WabaRecord>();
  readonly phoneNumbers = new Map<string, PhoneNumberRecord>();
  private readonly phoneNumberIdByDisplay = new Map<string, string>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  create(input: NewBusiness): { business: BusinessRecord; waba: WabaRecord; phoneNumber: PhoneNumberRecord } {
    const displayPhoneNumber = input.displayPhoneNumber ?? this.freeDisplayNumber();
    if (this.phoneNumberIdByDisplay.has(displayPhoneNumber)) throw new DisplayNumberTakenError(displayPhoneNumber);
    const now = this.clock.now();
    const name = input.name ?? `Sandbox Business ${displayPhoneNumber.slice(-4)}`;
    const business: BusinessRecord = { id: this.ids.next(), name, createdAt: now };
    const waba: WabaRecord = {
      id: this.ids.next(),
      businessId: business.id,
      name,
      messageTemplateNamespace: randomUUID().replaceAll('-', '_'),
      subscription: input.subscribed ? { subscribedAt: now, overrideCallbackUri: undefined } : null,
      createdAt: now,
    };
    const phoneNumber: PhoneNumberRecord = {
      id: this.ids.next(),
      wabaId: waba.id,
      businessId: business.id,
      displayPhoneNumber,
      verifiedName: input.verifiedName ?? name,
      qualityRating: input.qualityRating,
      throughputLevel: input.throughputLevel,
      messagingLimitTier: input.messagingLimitTier,
      registered: false,
      statusOverride: null,
      pin: null,
      createdAt: now,
    };
    this.businesses.set(business.id, business);
    this.wabas.set(waba.id, waba);
    this.phoneNumbers.set(phoneNumber.id, phoneNumber);
    this.phoneNumberIdByDisplay.set(displayPhoneNumber, phoneNumber.id);
    return { business, waba, phoneNumber };
  }

  phoneNumbersOf(wabaId: string): PhoneNumberRecord[] {
    return [...this.phoneNumbers.values()].filter((p) => p.wabaId === wabaId);
  }

  subscribe(waba: WabaRecord, overrideCallbackUri: string | undefined): void {
    waba.subscription = { subscribedAt: this.clock.now(), overrideCallbackUri };
  }

  unsubscribe(waba: WabaRecord): void {
    waba.subscription = null;
  }

  /** 1555010xxxx: the fictional 555 range, random so numbers are not reused right after a reset. */
  private freeDisplayNumber(): string {
    for (let i = 0; i < 200; i++) {
      const candidate = `1555010${String(randomInt(0, 10_000)).padStart(4, '0')}`;
      if (!this.phoneNumberIdByDisplay.has(candidate)) return candidate;
    }
    // The 10,000 numbers above are nearly used up: widen to 1555xxxxxxx.
    for (;;) {
      const candidate = `1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      if (!this.phoneNumberIdByDisplay.has(candidate)) return candidate;
    }
  }
}
