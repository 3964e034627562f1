import type { MetaErrorInput } from './message-schema';

export const ERROR_CODES_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

export type MetaError = {
  code: number;
  title: string;
  message: string;
  error_data: { details: string; [key: string]: unknown };
  href?: string;
};

/** Completes an error the way Meta writes them in webhooks: message repeats the title, details always present. */
export function toMetaError(input: MetaErrorInput): MetaError {
  return {
    code: input.code,
    title: input.title,
    message: input.message ?? input.title,
    error_data: { ...input.error_data, details: input.error_data?.details ?? input.title },
    href: input.href ?? ERROR_CODES_HREF,
  };
}

export const UNSUPPORTED_MESSAGE_ERROR: MetaErrorInput = {
  code: 131051,
  title: 'Message type unknown',
  error_data: { details: 'Message type is currently not supported.' },
};

export const UNDELIVERABLE_ERROR: MetaErrorInput = {
  code: 131026,
  title: 'Message undeliverable',
  error_data: { details: 'Message Undeliverable.' },
};
