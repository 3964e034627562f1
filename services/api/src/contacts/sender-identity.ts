import { CONTACT_LIMITS } from '@aerostic/shared';
import { type Contact } from '../database/entities';

/** The sender of an inbound message, as the webhook names them: phone number, business-scoped user id, or both. */
export interface InboundSender {
  tenantId: string;
  waId: string | null;
  userId: string | null;
  parentUserId: string | null;
  username: string | null;
  /** The WhatsApp profile name the message came with, if any. */
  profileName: string | null;
}

/** A phone number or user id of a tenant, as one string: the unit identities are matched and locked by. */
export const identityKey = (tenantId: string, kind: 'phone' | 'user', value: string): string =>
  `${tenantId} ${kind}:${value}`;

/**
 * One customer of a batch: the senders of a tenant linked by a shared phone number or user id (a message with both
 * links the two). Its identity and profile are the last ones the batch gave, as storing the messages in order would
 * leave them.
 */
export interface SenderGroup {
  tenantId: string;
  waIds: string[];
  userIds: string[];
  waId: string | null;
  userId: string | null;
  parentUserId: string | null;
  username: string | null;
  profileName: string | null;
  /** The indexes of its senders in the batch. */
  members: number[];
}

/**
 * Groups a batch's senders by customer: senders of a tenant sharing a phone number or user id, or whose phone number
 * and user id one stored contact (of `linkedBy`) holds together.
 */
export function groupSenders(senders: readonly InboundSender[], linkedBy: readonly Contact[] = []): SenderGroup[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const keysOf = (s: InboundSender) => [
    ...(s.waId ? [identityKey(s.tenantId, 'phone', s.waId)] : []),
    ...(s.userId ? [identityKey(s.tenantId, 'user', s.userId)] : []),
  ];
  for (const sender of senders) {
    const keys = keysOf(sender);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) {
      const [a, b] = [find(keys[0]!), find(key)];
      if (a !== b) parent.set(b, a);
    }
  }
  for (const contact of linkedBy) {
    if (contact.waId === null || contact.userId === null) continue;
    const phone = identityKey(contact.tenantId, 'phone', contact.waId);
    const user = identityKey(contact.tenantId, 'user', contact.userId);
    if (!parent.has(phone) || !parent.has(user)) continue;
    const [a, b] = [find(phone), find(user)];
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<string, SenderGroup>();
  senders.forEach((sender, i) => {
    const [first] = keysOf(sender);
    if (!first) throw new Error('An inbound sender has a phone number or a user id');
    const root = find(first);
    let group = groups.get(root);
    if (!group) {
      group = { tenantId: sender.tenantId, waIds: [], userIds: [], members: [], ...EMPTY_PROFILE };
      groups.set(root, group);
    }
    group.members.push(i);
    if (sender.waId && !group.waIds.includes(sender.waId)) group.waIds.push(sender.waId);
    if (sender.userId && !group.userIds.includes(sender.userId)) group.userIds.push(sender.userId);
    group.waId = sender.waId ?? group.waId;
    group.userId = sender.userId ?? group.userId;
    group.parentUserId = sender.parentUserId ?? group.parentUserId;
    group.username = sender.username ?? group.username;
    group.profileName = sender.profileName ?? group.profileName;
  });
  return [...groups.values()];
}

const EMPTY_PROFILE = { waId: null, userId: null, parentUserId: null, username: null, profileName: null };

/** What a contact becomes: its identity and the profile WhatsApp last gave. Undefined keeps the stored value. */
export interface IdentityValues {
  waId?: string | null;
  userId?: string | null;
  parentUserId?: string | null;
  username?: string | null;
  profileName?: string | null;
}

/** The values a group's messages give its contact: only what they carry replaces what is stored. */
export function valuesOfGroup(group: SenderGroup): IdentityValues {
  return {
    ...(group.waId !== null && { waId: group.waId }),
    ...(group.userId !== null && { userId: group.userId }),
    ...(group.parentUserId !== null && { parentUserId: group.parentUserId }),
    ...(group.username !== null && { username: group.username }),
    ...(group.profileName !== null && { profileName: group.profileName }),
  };
}

/** What to do for one customer: nothing (known, unchanged), create it, change it, or merge several contacts into one. */
export type IdentityPlan =
  | { kind: 'known'; contact: Contact }
  | { kind: 'create'; values: IdentityValues }
  | { kind: 'update'; contact: Contact; changes: Partial<Contact> }
  | { kind: 'merge'; survivor: Contact; losers: Contact[]; changes: Partial<Contact> };

/**
 * Decides what the contacts holding a customer's identities become (docs/adr/0113): none → a new contact; one → it,
 * with the new values; several → the oldest absorbs the others (their conversations, messages, tags and attributes).
 */
export function planIdentity(matched: readonly Contact[], values: IdentityValues): IdentityPlan {
  if (matched.length === 0) return { kind: 'create', values };
  const [survivor, ...losers] = [...matched].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
  if (losers.length === 0) {
    const changes = changed(survivor!, values);
    return Object.keys(changes).length === 0
      ? { kind: 'known', contact: survivor! }
      : { kind: 'update', contact: survivor!, changes };
  }
  return { kind: 'merge', survivor: survivor!, losers, changes: mergedChanges(survivor!, losers, values) };
}

function changed(contact: Contact, values: IdentityValues): Partial<Contact> {
  const changes: Partial<Contact> = {};
  for (const key of ['waId', 'userId', 'parentUserId', 'username', 'profileName'] as const) {
    const value = values[key];
    if (value !== undefined && value !== contact[key]) changes[key] = value;
  }
  return changes;
}

/**
 * The survivor of a merge keeps what it has and takes from the others what it lacks: the team's name, tags and
 * attributes up to the limits; an opt-out anywhere wins, so a merge never lets marketing reach someone who refused it.
 */
function mergedChanges(survivor: Contact, losers: readonly Contact[], values: IdentityValues): Partial<Contact> {
  const all = [survivor, ...losers];
  const first = <K extends keyof Contact>(key: K): Contact[K] | undefined => all.find((c) => c[key] !== null)?.[key];
  const optedOutConsent = all.find((c) => c.marketingConsent === 'opted_out');
  const knownConsent = optedOutConsent ?? all.find((c) => c.marketingConsent !== 'unknown');
  const merged: Contact = {
    ...survivor,
    waId: values.waId !== undefined ? values.waId : (first('waId') ?? null),
    userId: values.userId !== undefined ? values.userId : (first('userId') ?? null),
    parentUserId: values.parentUserId !== undefined ? values.parentUserId : (first('parentUserId') ?? null),
    username: values.username ?? first('username') ?? null,
    profileName: values.profileName ?? first('profileName') ?? null,
    name: first('name') ?? null,
    tags: [...new Set(all.flatMap((c) => c.tags))].slice(0, CONTACT_LIMITS.tagsMax),
    attributes: mergedAttributes(all),
    optedOut: optedOutConsent !== undefined,
    marketingConsent: knownConsent?.marketingConsent ?? 'unknown',
    marketingConsentAt: knownConsent?.marketingConsentAt ?? null,
    marketingConsentSource: knownConsent?.marketingConsentSource ?? null,
  };
  const changes: Partial<Contact> = {};
  for (const key of MERGED_FIELDS) {
    if (JSON.stringify(merged[key]) !== JSON.stringify(survivor[key])) Object.assign(changes, { [key]: merged[key] });
  }
  return changes;
}

/** The survivor's attributes, then each other contact's that it lacks, up to the limit. */
function mergedAttributes(all: readonly Contact[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const contact of all) {
    for (const [key, value] of Object.entries(contact.attributes)) {
      if (!(key in attributes) && Object.keys(attributes).length < CONTACT_LIMITS.attributesMax)
        attributes[key] = value;
    }
  }
  return attributes;
}

const MERGED_FIELDS = [
  'waId',
  'userId',
  'parentUserId',
  'username',
  'profileName',
  'name',
  'tags',
  'attributes',
  'marketingConsent',
  'marketingConsentAt',
  'marketingConsentSource',
] as const;
