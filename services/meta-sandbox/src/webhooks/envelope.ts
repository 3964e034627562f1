/** One change to deliver: what a single Meta event produces before any batching. */
export type WebhookItem = {
  wabaId: string;
  field: string;
  value: Record<string, unknown>;
  /** Unix seconds; Meta sets entry.time on account-level fields (templates, quality, account updates). */
  time?: number;
};

export type WebhookChange = { field: string; value: Record<string, unknown> };
export type WebhookEntry = { id: string; time?: number; changes: WebhookChange[] };
export type WebhookEnvelope = { object: 'whatsapp_business_account'; entry: WebhookEntry[] };

/** The array a `messages` value carries (Meta puts messages and statuses in separate values). */
function messagesKind(value: Record<string, unknown>): 'messages' | 'statuses' | undefined {
  if (Array.isArray(value.messages)) return 'messages';
  if (Array.isArray(value.statuses)) return 'statuses';
  return undefined;
}

function phoneNumberIdOf(value: Record<string, unknown>): string | undefined {
  const metadata = value.metadata;
  if (typeof metadata !== 'object' || metadata === null || !('phone_number_id' in metadata)) return undefined;
  return typeof metadata.phone_number_id === 'string' ? metadata.phone_number_id : undefined;
}

/** A contact's identity: its wa_id, else its user id (a customer behind a username has no wa_id). */
function waIdOf(contact: unknown): unknown {
  if (typeof contact !== 'object' || contact === null) return undefined;
  if ('wa_id' in contact) return contact.wa_id;
  return 'user_id' in contact ? `user:${String(contact.user_id)}` : undefined;
}

/** Appends `from`'s messages or statuses (and new contacts) to `into`, a copy owned by the envelope. */
function mergeValue(into: Record<string, unknown>, from: Record<string, unknown>, kind: 'messages' | 'statuses'): void {
  into[kind] = [...(into[kind] as unknown[]), ...(from[kind] as unknown[])];
  if (!Array.isArray(from.contacts)) return;
  const contacts = Array.isArray(into.contacts) ? [...(into.contacts as unknown[])] : [];
  const known = new Set(contacts.map(waIdOf));
  for (const contact of from.contacts as unknown[]) {
    if (!known.has(waIdOf(contact))) contacts.push(contact);
  }
  into.contacts = contacts;
}

/**
 * Groups items into one POST body the way Meta batches: one entry per WABA in order of first appearance, timed by its
 * latest item; inside it, `messages` items of one phone number and kind (messages or statuses) share a change, arrays
 * concatenated in order and contacts de-duplicated by wa_id (or user id), and every other item is a change of its own.
 */
export function buildEnvelope(items: readonly WebhookItem[]): WebhookEnvelope {
  const entries = new Map<string, WebhookEntry>();
  const mergeable = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    let entry = entries.get(item.wabaId);
    if (!entry) {
      entry = { id: item.wabaId, changes: [] };
      entries.set(item.wabaId, entry);
    }
    if (item.time !== undefined) entry.time = Math.max(entry.time ?? 0, item.time);

    const kind = item.field === 'messages' ? messagesKind(item.value) : undefined;
    const phoneNumberId = phoneNumberIdOf(item.value);
    if (kind && phoneNumberId) {
      const key = `${item.wabaId}|${phoneNumberId}|${kind}`;
      const existing = mergeable.get(key);
      if (existing) {
        mergeValue(existing, item.value, kind);
        continue;
      }
      const value = { ...item.value };
      mergeable.set(key, value);
      entry.changes.push({ field: item.field, value });
      continue;
    }
    entry.changes.push({ field: item.field, value: item.value });
  }
  // Meta writes id, then time, then changes.
  const entry = [...entries.values()].map(({ id, time, changes }) =>
    time === undefined ? { id, changes } : { id, time, changes },
  );
  return { object: 'whatsapp_business_account', entry };
}

/** The wamids a body carries (messages and statuses), so tests can find the delivery of a given message. */
export function wamidsOf(envelope: WebhookEnvelope): string[] {
  const ids: string[] = [];
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      for (const key of ['messages', 'statuses'] as const) {
        const list = change.value[key];
        if (!Array.isArray(list)) continue;
        for (const item of list as unknown[]) {
          if (typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string')
            ids.push(item.id);
        }
      }
    }
  }
  return ids;
}
