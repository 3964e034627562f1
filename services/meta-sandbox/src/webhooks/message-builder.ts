import { type MetaError, toMetaError, UNSUPPORTED_MESSAGE_ERROR } from './meta-errors';
import type { CustomerMessageInput } from './message-schema';

/** The media fields a message carries once the media object exists. */
export type ResolvedMedia = { id: string; mime_type: string; sha256: string; filename?: string };

export type InboundMessage = {
  context?: Record<string, unknown>;
  /** Absent for a customer who hides their number behind a username. */
  from?: string;
  from_user_id?: string;
  id: string;
  timestamp: string;
  type: string;
  referral?: Record<string, unknown>;
  errors?: MetaError[];
  [content: string]: unknown;
};

export type MessagesValue = {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  contacts?: WebhookContact[];
  messages: InboundMessage[];
};

export type BusinessNumber = { id: string; displayPhoneNumber: string };

/** contacts[] of a messages webhook: the phone number and user id the business may see (docs/adr/0113). */
export type WebhookContact = {
  profile: { name: string; username?: string };
  wa_id?: string;
  user_id?: string;
  parent_user_id?: string;
};

/** Who writes: a phone number, a user id, or both, as the business sees them. */
export type SenderIdentity = {
  waId?: string;
  userId?: string;
  parentUserId?: string;
  username?: string;
};

export type BuildMessageOptions = {
  wamid: string;
  /** Unix seconds as a string, as Meta writes it. */
  timestamp: string;
  sender: SenderIdentity;
  business: BusinessNumber;
  profileName: string;
  /** Required for image, video, audio, document and sticker. */
  media?: ResolvedMedia;
};

function mediaContent(media: ResolvedMedia | undefined, type: string): ResolvedMedia {
  if (!media) throw new Error(`a ${type} message needs its media resolved first`);
  return media;
}

function content(input: CustomerMessageInput, options: BuildMessageOptions): Record<string, unknown> | undefined {
  switch (input.type) {
    case 'text':
      return { body: input.text.body };
    case 'image':
    case 'video': {
      const { id, mime_type, sha256 } = mediaContent(options.media, input.type);
      const { caption } = input.type === 'image' ? input.image : input.video;
      return { ...(caption !== undefined && { caption }), mime_type, sha256, id };
    }
    case 'document': {
      const { id, mime_type, sha256, filename } = mediaContent(options.media, input.type);
      const { caption } = input.document;
      return { ...(caption !== undefined && { caption }), filename: filename ?? 'document', mime_type, sha256, id };
    }
    case 'audio': {
      const { id, mime_type, sha256 } = mediaContent(options.media, input.type);
      return { mime_type, sha256, id, voice: input.audio.voice ?? false };
    }
    case 'sticker': {
      const { id, mime_type, sha256 } = mediaContent(options.media, input.type);
      return { mime_type, sha256, id, animated: input.sticker.animated ?? false };
    }
    case 'location':
      return input.location;
    case 'interactive':
      return input.interactive;
    case 'button':
      return input.button;
    case 'reaction':
      return input.reaction;
    case 'order':
      return input.order;
    case 'system': {
      const { system } = input;
      const body =
        system.body ??
        (system.type === 'user_changed_number' && system.wa_id
          ? `User ${options.profileName} changed from ${options.sender.waId ?? 'a hidden number'} to ${system.wa_id}`
          : `System message: ${system.type}`);
      return { ...system, body };
    }
    case 'contacts':
    case 'unsupported':
    case 'unknown':
      return undefined;
  }
}

/** A reply quotes a business message: Meta names the business number as the quoted message's sender. */
function contextOf(context: NonNullable<CustomerMessageInput['context']>, business: BusinessNumber) {
  const { from, ...rest } = context;
  const quotedFrom = from ?? (rest.id !== undefined ? business.displayPhoneNumber : undefined);
  return { ...(quotedFrom !== undefined && { from: quotedFrom }), ...rest };
}

/** One entry of value.messages[], shaped (and keys ordered) as in Meta's webhook catalogue. */
export function buildInboundMessage(input: CustomerMessageInput, options: BuildMessageOptions): InboundMessage {
  const message: InboundMessage = {
    ...(input.context && { context: contextOf(input.context, options.business) }),
    ...(options.sender.waId !== undefined && { from: options.sender.waId }),
    ...(options.sender.userId !== undefined && { from_user_id: options.sender.userId }),
    id: options.wamid,
    timestamp: options.timestamp,
    type: input.type,
  };
  if (input.type === 'contacts') message.contacts = input.contacts;
  else if (input.type === 'unsupported' || input.type === 'unknown') {
    if (input.unsupported) message.unsupported = input.unsupported;
  } else message[input.type] = content(input, options);

  if (input.referral) message.referral = input.referral;
  const errors =
    input.errors ??
    (input.type === 'unsupported' || input.type === 'unknown' ? [UNSUPPORTED_MESSAGE_ERROR] : undefined);
  if (errors) message.errors = errors.map(toMetaError);
  return message;
}

/** value of a `messages` change; system messages carry no contacts (Meta's §3.10). */
export function buildMessagesValue(
  business: BusinessNumber,
  message: InboundMessage,
  contact: { sender: SenderIdentity; profileName: string } | null,
): MessagesValue {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: business.displayPhoneNumber, phone_number_id: business.id },
    ...(contact && { contacts: [webhookContact(contact.sender, contact.profileName)] }),
    messages: [message],
  };
}

function webhookContact(sender: SenderIdentity, profileName: string): WebhookContact {
  return {
    profile: { name: profileName, ...(sender.username !== undefined && { username: sender.username }) },
    ...(sender.waId !== undefined && { wa_id: sender.waId }),
    ...(sender.userId !== undefined && { user_id: sender.userId }),
    ...(sender.parentUserId !== undefined && { parent_user_id: sender.parentUserId }),
  };
}
