import { randomBytes } from 'node:crypto';

/** Meta-shaped webhook payloads (../reference §2–3), for feeding the inbound queue directly. */

export interface Number {
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export const newWamid = () => `wamid.${randomBytes(18).toString('base64url')}`;
const now = () => String(Math.floor(Date.now() / 1000));

export type MetaMessage = Record<string, unknown> & { id: string; from: string; type: string };

export function message(
  from: string,
  type: string,
  body: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): MetaMessage {
  return { from, id: newWamid(), timestamp: now(), type, ...body, ...extra };
}

export const text = (from: string, body: string, extra: Record<string, unknown> = {}) =>
  message(from, 'text', { text: { body } }, extra);

export function messagesChange(
  number: Number,
  parts: { messages?: MetaMessage[]; statuses?: Record<string, unknown>[]; names?: Record<string, string> },
) {
  const waIds = [...new Set((parts.messages ?? []).map((m) => m.from))];
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
      ...(waIds.length > 0 && {
        contacts: waIds.map((w) => ({ profile: { name: parts.names?.[w] ?? `Customer ${w.slice(-4)}` }, wa_id: w })),
      }),
      ...(parts.messages && { messages: parts.messages }),
      ...(parts.statuses && { statuses: parts.statuses }),
    },
  };
}

export function envelope(entries: { wabaId: string; changes: { field: string; value: unknown }[] }[]) {
  return { object: 'whatsapp_business_account', entry: entries.map((e) => ({ id: e.wabaId, changes: e.changes })) };
}

export function webhook(number: Number, parts: Parameters<typeof messagesChange>[1]) {
  return envelope([{ wabaId: number.wabaId, changes: [messagesChange(number, parts)] }]);
}

export function status(wamid: string, value: string, recipient: string, extra: Record<string, unknown> = {}) {
  return { id: wamid, status: value, timestamp: now(), recipient_id: recipient, ...extra };
}
