import { randomInt } from 'node:crypto';

/**
 * A WhatsApp user known to the sandbox by business-scoped user id (BSUID), with or without a phone number the
 * business may see. Customers written to only by number (`/customers/:wa_id/messages` without creating one) are not
 * kept here and carry no user id, as before Meta's 2026 rollout.
 */
export type CustomerRecord = {
  userId: string;
  parentUserId: string | null;
  username: string | null;
  /** The customer's phone number (digits), known or not to the business. */
  waId: string | null;
  /** Whether webhooks carry the phone number: a customer with a username hides it until they share it. */
  phoneShared: boolean;
  profileName: string | null;
};

/** A new BSUID: two-letter country, a period, 20 digits (Meta's example `US.13491208655302741918`). */
export function newUserId(country = 'US'): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < 20) digits += String(randomInt(0, 10));
  return `${country}.${digits}`;
}

/** The customers with user ids, found by user id or phone number. */
export class CustomerStore {
  private readonly byUserId = new Map<string, CustomerRecord>();
  private readonly byWaId = new Map<string, CustomerRecord>();

  add(customer: CustomerRecord): void {
    this.byUserId.set(customer.userId, customer);
    if (customer.waId) this.byWaId.set(customer.waId, customer);
  }

  /** By user id (`CC.…`) or phone number (digits). */
  find(id: string): CustomerRecord | undefined {
    return this.byUserId.get(id) ?? this.byWaId.get(id);
  }

  /** A new number comes with a new user id, as at Meta; the old ones no longer find the customer. */
  changeNumber(customer: CustomerRecord, waId: string, userId: string): void {
    this.byUserId.delete(customer.userId);
    if (customer.waId) this.byWaId.delete(customer.waId);
    customer.waId = waId;
    customer.userId = userId;
    this.add(customer);
  }

  /** Meta issued a new user id for the same customer (no phone number change). */
  changeUserId(customer: CustomerRecord, userId: string): void {
    this.byUserId.delete(customer.userId);
    customer.userId = userId;
    this.add(customer);
  }
}
