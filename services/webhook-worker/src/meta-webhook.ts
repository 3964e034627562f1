import { isUtf8 } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WEBHOOK_MAX_BYTES } from '@aerostic/shared';
import type { WebhookMetrics, WebhookOutcome } from '@aerostic/shared/node';
import type { MetaWebhookDispatcher } from './dispatcher';
import { sendError } from './http-reply';
import { isJsonObject } from './json-object';
import { SIGNATURE_HEADER, verifySignature } from './signature-verify';

export const META_WEBHOOK_PATH = '/webhooks/meta';

export interface MetaWebhookOptions {
  dispatcher: MetaWebhookDispatcher;
  appSecret: string;
  verifyToken: string;
  /** Bodies above this answer 413 without being read further; Meta's own limit is 3 MB. */
  maxBodyBytes?: number;
  /** Counts every POST's outcome and times its answer. */
  metrics?: WebhookMetrics;
}

// Precomputed: the 200 is the hot path, and Meta only looks at the status. A string body (not a Buffer)
// lets Node send it in the same write as the headers.
const ACCEPTED_BODY = '{"received":true}';
const ACCEPTED_HEADERS = [
  'content-type',
  'application/json; charset=utf-8',
  'content-length',
  String(ACCEPTED_BODY.length),
  'cache-control',
  'no-store',
];

/**
 * `/webhooks/meta`: Meta's verification handshake (GET) and its signed event batches (POST). A POST's raw bytes are
 * checked against `X-Hub-Signature-256` before anything else, then to be a JSON object, and handed on exactly as
 * received; it answers 200 only once Redis holds the job.
 */
export class MetaWebhookHandler {
  private readonly maxBodyBytes: number;
  private readonly verifyTokenDigest: Buffer;
  /** The app secret's bytes, converted once rather than for every signature. */
  private readonly appSecretKey: Buffer;

  constructor(private readonly options: MetaWebhookOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? WEBHOOK_MAX_BYTES;
    this.appSecretKey = Buffer.from(options.appSecret, 'utf8');
    this.verifyTokenDigest = sha256(options.verifyToken);
  }

  /** `url` is the request target; `queryStart` the index of its `?`, or -1. */
  handle(req: IncomingMessage, res: ServerResponse, url: string, queryStart: number): void {
    if (req.method === 'POST') {
      this.receive(req, res);
    } else if (req.method === 'GET') {
      this.verifySubscription(res, new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1)));
    } else {
      res.setHeader('allow', 'GET, POST');
      sendError(res, 405, 'Method Not Allowed', `Cannot ${req.method ?? ''} ${META_WEBHOOK_PATH}`);
    }
  }

  /** Meta's handshake: echo `hub.challenge` when the verify token matches. */
  private verifySubscription(res: ServerResponse, query: URLSearchParams): void {
    const token = query.get('hub.verify_token');
    const challenge = query.get('hub.challenge');
    // Digests of equal length, so the comparison leaks neither the token nor its length.
    if (
      query.get('hub.mode') !== 'subscribe' ||
      token === null ||
      challenge === null ||
      !timingSafeEqual(sha256(token), this.verifyTokenDigest)
    ) {
      sendError(res, 403, 'Forbidden', 'hub.mode must be subscribe and hub.verify_token must match META_VERIFY_TOKEN');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(challenge),
      // The challenge is reflected: never let a browser sniff it into HTML.
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(challenge);
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    const started = process.hrtime.bigint();
    const done = (outcome: WebhookOutcome): void =>
      this.options.metrics?.record(outcome, Number(process.hrtime.bigint() - started) / 1e9);
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > this.maxBodyBytes) {
      this.refuseTooLarge(req, res);
      done('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        req.off('data', onData);
        this.refuseTooLarge(req, res);
        done('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!refused) this.accept(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), req, res, done);
    });
    // The client went away mid-body: nothing was queued and nobody is left to answer.
    req.on('error', () => undefined);
  }

  private accept(
    body: Buffer,
    req: IncomingMessage,
    res: ServerResponse,
    done: (outcome: WebhookOutcome) => void,
  ): void {
    const digest = verifySignature(body, req.headers[SIGNATURE_HEADER], this.appSecretKey);
    if (digest === undefined) {
      sendError(res, 401, 'Unauthorized', 'X-Hub-Signature-256 is missing or does not match the body');
      done('bad-signature');
      return;
    }
    // JSON is UTF-8 by definition (RFC 8259); checking it also keeps `rawBody` byte-for-byte the signed body.
    // The bytes are checked without being parsed: the API parses them, here the value would only be garbage.
    if (!isUtf8(body) || !isJsonObject(body)) {
      sendError(res, 400, 'Bad Request', 'The body must be a JSON object encoded in UTF-8');
      done('not-json');
      return;
    }
    const rawBody = body.toString('utf8');
    // Meta redelivers the exact same bytes: their digest is the job id of a webhook queued alone, and BullMQ
    // ignores an add whose id exists (until the job is removed). Only a first filter; the API's unique keys are
    // the guarantee.
    this.options.dispatcher.submit({ rawBody, receivedAt: Date.now() }, digest, (error) => {
      if (error === undefined) {
        res.writeHead(200, ACCEPTED_HEADERS);
        res.end(ACCEPTED_BODY);
        done('accepted');
      } else {
        sendError(res, 503, 'Service Unavailable', 'The webhook could not be queued; retry later');
        done('queue-unavailable');
      }
    });
  }

  /** Answers 413 and closes the connection rather than reading (and buffering) the rest of the body. */
  private refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('connection', 'close');
    sendError(res, 413, 'Payload Too Large', `The body must not exceed ${this.maxBodyBytes} bytes`);
    req.on('error', () => undefined);
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
