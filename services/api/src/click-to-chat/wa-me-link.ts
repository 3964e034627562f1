import { randomInt } from 'node:crypto';
import { type ConversationSourceDto } from '@aerostic/shared';

const REF_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
// The ref is the last thing in the text, so a customer who edits the message usually leaves it whole.
const REF_IN_TEXT = /\(ref: ([a-z0-9]{6})\)/gi;

export function generateRef(): string {
  return Array.from({ length: 6 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join('');
}

/** The prefilled text as the customer sees it: the entry point's text with its ref appended. */
export function textWithRef(prefilledText: string, ref: string): string {
  return prefilledText ? `${prefilledText} (ref: ${ref})` : `(ref: ${ref})`;
}

/** `https://wa.me/<digits>?text=...`: wa.me takes the number in international format with digits only. */
export function waMeUrl(displayPhoneNumber: string, prefilledText: string, ref: string): string {
  const digits = displayPhoneNumber.replace(/\D/g, '');
  return `https://wa.me/${digits}?text=${encodeURIComponent(textWithRef(prefilledText, ref))}`;
}

/** The last ref written in a message's text, lowercased; null when it carries none. */
export function refInText(text: string | null | undefined): string | null {
  if (!text) return null;
  const matches = [...text.matchAll(REF_IN_TEXT)];
  return matches.at(-1)?.[1]?.toLowerCase() ?? null;
}

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A click-to-WhatsApp ad's `referral` object of an inbound message, as a conversation's source. */
export function adSource(referral: Record<string, unknown>): ConversationSourceDto {
  return {
    type: 'ad',
    headline: stringOrNull(referral['headline']),
    body: stringOrNull(referral['body']),
    sourceUrl: stringOrNull(referral['source_url']),
    sourceId: stringOrNull(referral['source_id']),
    sourceType: stringOrNull(referral['source_type']),
    ctwaClid: stringOrNull(referral['ctwa_clid']),
  };
}
