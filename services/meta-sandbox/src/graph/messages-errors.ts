import type { MetaErrorInput } from '../webhooks/message-schema';
import { GraphError } from './graph-error';

/**
 * Codes Meta reports after accepting a send, in a `failed` status webhook (reference §5), not in the answer. The spam
 * rate limit 131048 comes either way; `fail_recipients` gives it as a status, `send_spam_limit` as the answer.
 */
export const ASYNC_FAILURE_CODES: ReadonlySet<number> = new Set([131026, 131047, 131048, 131049, 131050]);

type KnownError = { title: string; details: string; httpStatus?: number; isTransient?: boolean };

const KNOWN: Record<number, KnownError> = {
  1: { title: 'An unknown error occurred', details: 'An unknown error occurred.', httpStatus: 500, isTransient: true },
  2: { title: 'Service temporarily unavailable', details: 'Service unavailable.', httpStatus: 503, isTransient: true },
  4: { title: 'Application request limit reached', details: 'Too many API calls.', httpStatus: 429, isTransient: true },
  10: { title: 'Permission denied', details: 'Permission is not granted or has been removed.', httpStatus: 403 },
  100: { title: 'Invalid parameter', details: 'The recipient is not a valid WhatsApp user.' },
  190: { title: 'Access token has expired', details: 'Error validating access token.', httpStatus: 401 },
  131000: { title: 'Something went wrong', details: 'Something went wrong.', httpStatus: 500, isTransient: true },
  131008: { title: 'Required parameter is missing', details: 'A required parameter is missing.' },
  131009: { title: 'Parameter value is not valid', details: 'One or more parameter values are invalid.' },
  131021: { title: 'Recipient cannot be sender', details: 'Sender and recipient phone number is the same.' },
  131026: { title: 'Message undeliverable', details: 'Message Undeliverable.' },
  131030: {
    title: 'Recipient phone number not in allowed list',
    details: 'Recipient phone number not in allowed list: add it to the test number’s allowed list.',
  },
  131031: { title: 'Account has been locked', details: 'The business account has been locked.' },
  131047: {
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied.',
  },
  131048: {
    title: 'Spam rate limit hit',
    details:
      'Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.',
  },
  131049: {
    title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    details: 'Meta chose not to deliver this message.',
  },
  131050: { title: 'User has stopped marketing messages', details: 'The user stopped marketing messages.' },
  131056: {
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details:
      'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  },
  130429: {
    title: 'Rate limit hit',
    details: 'Cloud API message throughput has been reached.',
    isTransient: true,
  },
};

function known(code: number): KnownError {
  return KNOWN[code] ?? { title: `Error ${code}`, details: `The sandbox was told to fail this send with ${code}.` };
}

/** The error answer of a send (HTTP 400 unless the code has its own status, as in reference §4). */
export function sendError(code: number): GraphError {
  const { title, details, httpStatus = 400, isTransient } = known(code);
  return new GraphError(httpStatus, code, title, { details, ...(isTransient !== undefined && { isTransient }) });
}

/** The `errors[]` item of a failed status webhook. */
export function asyncFailure(code: number): MetaErrorInput {
  const { title, details } = known(code);
  return { code, title, error_data: { details } };
}
