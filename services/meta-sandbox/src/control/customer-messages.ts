import { baseMimeType, BSUID_PATTERN, MEDIA_LIMITS, type MediaKind } from '@aerostic/shared';
import { createHash } from 'node:crypto';
import { unixSeconds } from '../clock';
import { sampleMedia } from '../media/sample-media';
import type { SandboxContext } from '../sandbox-context';
import type { PhoneNumberRecord } from '../state/accounts';
import { newWamid } from '../state/ids';
import {
  buildInboundMessage,
  buildMessagesValue,
  type InboundMessage,
  type ResolvedMedia,
  type SenderIdentity,
} from '../webhooks/message-builder';
import type { CustomerRecord } from '../state/customers';
import { type CustomerMessageInput, customerWaIdSchema, type MediaInput } from '../webhooks/message-schema';
import { assertSubscribed, findBusinessNumber } from './business-number';
import { ControlError, parseInput } from './control-error';

export type CustomerMessageResult = { wamid: string; delivery_id: string; message: InboundMessage };

function mediaOf(
  input: CustomerMessageInput,
): { kind: MediaKind; media: MediaInput & { filename?: string } } | undefined {
  switch (input.type) {
    case 'image':
      return { kind: 'image', media: input.image };
    case 'video':
      return { kind: 'video', media: input.video };
    case 'audio':
      return { kind: 'audio', media: input.audio };
    case 'document':
      return { kind: 'document', media: input.document };
    case 'sticker':
      return { kind: 'sticker', media: input.sticker };
    default:
      return undefined;
  }
}

function checkMimeType(kind: MediaKind, mimeType: string): void {
  const accepted: readonly string[] = MEDIA_LIMITS[kind].mimeTypes;
  if (!accepted.includes(baseMimeType(mimeType))) {
    throw new ControlError(
      400,
      `${kind}.mime_type ${mimeType} is not one WhatsApp accepts for ${kind}: use ${accepted.join(', ')}`,
    );
  }
}

/** The media a message points to: an existing id as is, otherwise new stored bytes (sample or data_base64). */
function resolveMedia(
  ctx: SandboxContext,
  phoneNumber: PhoneNumberRecord,
  kind: MediaKind,
  input: MediaInput & { filename?: string },
): ResolvedMedia {
  const sample = sampleMedia(kind);
  if (input.id !== undefined) {
    const existing = ctx.state.media.find(input.id);
    // An id the sandbox does not know is passed through: its download then fails, as expired media does at Meta.
    return {
      id: input.id,
      mime_type: existing?.mimeType ?? input.mime_type ?? sample.mimeType,
      sha256: existing?.sha256Base64 ?? input.sha256 ?? createHash('sha256').update(input.id).digest('base64'),
      filename: input.filename ?? sample.filename,
    };
  }
  const custom = input.data_base64 !== undefined;
  const bytes = custom ? Buffer.from(input.data_base64 ?? '', 'base64') : sample.bytes;
  const mimeType = input.mime_type ?? (custom ? undefined : sample.mimeType);
  if (mimeType === undefined) throw new ControlError(400, `${kind}.mime_type is required with ${kind}.data_base64`);
  checkMimeType(kind, mimeType);
  const { maxBytes } = MEDIA_LIMITS[kind];
  if (bytes.length > maxBytes) {
    throw new ControlError(400, `${kind} is ${bytes.length} bytes; WhatsApp accepts at most ${maxBytes} for ${kind}`);
  }
  const media = ctx.state.media.create({
    phoneNumberId: phoneNumber.id,
    wabaId: phoneNumber.wabaId,
    mimeType,
    bytes,
    source: 'customer',
  });
  return {
    id: media.id,
    mime_type: media.mimeType,
    sha256: media.sha256Base64,
    filename: input.filename ?? (custom ? undefined : sample.filename),
  };
}

/**
 * Who the business sees writing: a customer created with a user id shows it (and their number only once shared); any
 * other number writes as before Meta's user ids.
 */
export function senderOf(ctx: SandboxContext, id: string): { sender: SenderIdentity; customer?: CustomerRecord } {
  const customer = ctx.state.customers.find(id);
  if (!customer) {
    if (BSUID_PATTERN.test(id)) {
      throw new ControlError(404, `Unknown customer ${id}: create one with POST /_sandbox/customers`);
    }
    return { sender: { waId: parseInput(customerWaIdSchema, id, 'wa_id') } };
  }
  return {
    customer,
    sender: {
      ...(customer.phoneShared && customer.waId !== null && { waId: customer.waId }),
      userId: customer.userId,
      ...(customer.parentUserId !== null && { parentUserId: customer.parentUserId }),
      ...(customer.username !== null && { username: customer.username }),
    },
  };
}

/** A customer, by wa_id or user id, writes to a business number: build Meta's webhook and queue its delivery. */
export function sendCustomerMessage(
  ctx: SandboxContext,
  id: string,
  input: CustomerMessageInput,
): CustomerMessageResult {
  const { phoneNumber, waba } = findBusinessNumber(ctx, input.phone_number_id);
  assertSubscribed(waba);
  const { sender, customer } = senderOf(ctx, id);

  const attachment = mediaOf(input);
  const media = attachment && resolveMedia(ctx, phoneNumber, attachment.kind, attachment.media);
  const handle = sender.waId ?? sender.userId ?? id;
  const profileName = input.profile_name ?? customer?.profileName ?? `Customer ${handle.slice(-4)}`;
  const business = { id: phoneNumber.id, displayPhoneNumber: phoneNumber.displayPhoneNumber };
  const message = buildInboundMessage(input, {
    wamid: input.id ?? newWamid(handle),
    timestamp: String(input.timestamp ?? unixSeconds(ctx.clock)),
    sender,
    business,
    profileName,
    media,
  });
  // Meta sends no contacts with system messages (e.g. a customer changed number).
  const contact = input.type === 'system' ? null : { sender, profileName };
  const delivery = ctx.deliverer.enqueue({
    wabaId: waba.id,
    field: 'messages',
    value: buildMessagesValue(business, message, contact),
  });
  // The window opens for sends by number and by user id alike.
  const now = ctx.clock.now();
  for (const key of new Set([id, customer?.waId, customer?.userId]))
    if (key) ctx.state.conversations.recordInbound(phoneNumber.id, key, now);
  return { wamid: message.id, delivery_id: delivery.id, message };
}
