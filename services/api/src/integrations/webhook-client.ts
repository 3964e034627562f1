import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { type LookupFunction } from 'node:net';
import { isRefusedAddress } from './outbound-address';

/** How long a receiver has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** At most this much of a response is read; the rest is dropped with the connection. */
export const WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;
/** What a delivery keeps of the response body for the log. */
const EXCERPT_CHARS = 500;

export interface WebhookResponse {
  ok: boolean;
  /** Null when no response came (refused address, timeout, connection error). */
  status: number | null;
  durationMs: number;
  /** The start of the body, or why no response came. */
  excerpt: string;
  /** How much of the body was read (at most 64 KB). */
  bytesRead: number;
}

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, the `Aerostic-Signature` header. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

class RefusedAddressError extends Error {}

/**
 * A DNS lookup that refuses private addresses: run for each connection the agent opens, so the address checked is
 * the address connected to (a name that resolves differently the second time cannot slip through).
 */
const safeLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const allowed = addresses.filter((a) => !isRefusedAddress(a.address));
    if (allowed.length === 0 || allowed.length !== addresses.length)
      return callback(new RefusedAddressError(`${hostname} resolves to a private address`), '', 0);
    if ((options as LookupOptions).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    return callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

/**
 * Posts signed webhook bodies. In production (`production` true) private, loopback, link-local and metadata
 * addresses are refused on each connection's resolved address; redirects are never followed (Node's http does not);
 * at most 64 KB of a response is read.
 */
export class WebhookClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    private readonly production: boolean,
    private readonly timeoutMs = WEBHOOK_TIMEOUT_MS,
  ) {
    const lookup = production ? safeLookup : undefined;
    this.httpAgent = new http.Agent({ keepAlive: false, lookup });
    this.httpsAgent = new https.Agent({ keepAlive: false, lookup });
  }

  async post(url: string, body: string, secret: string, now: Date): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { ok: false, status: null, durationMs: 0, excerpt: 'The URL is not valid', bytesRead: 0 };
    }
    // A literal IP skips the lookup, so it is checked here.
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (this.production && /^[\d.]+$|:/.test(host) && isRefusedAddress(host))
      return { ok: false, status: null, durationMs: 0, excerpt: `Refused: ${host} is a private address`, bytesRead: 0 };
    const signature = signWebhook(secret, body, Math.floor(now.getTime() / 1000));
    try {
      const { status, text, bytesRead } = await this.send(target, body, signature);
      const ok = status >= 200 && status < 300;
      return { ok, status, durationMs: elapsed(), excerpt: text.slice(0, EXCERPT_CHARS), bytesRead };
    } catch (err) {
      const message =
        err instanceof RefusedAddressError ? `Refused: ${err.message}` : `No response: ${(err as Error).message}`;
      return { ok: false, status: null, durationMs: elapsed(), excerpt: message, bytesRead: 0 };
    }
  }

  private send(
    target: URL,
    body: string,
    signature: string,
  ): Promise<{ status: number; text: string; bytesRead: number }> {
    const secure = target.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: this.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'Aerostic-Webhooks/1',
            'aerostic-signature': signature,
          },
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = (): void => {
            const data = Buffer.concat(chunks);
            resolve({ status: response.statusCode ?? 0, text: data.toString('utf8'), bytesRead: data.length });
          };
          response.on('data', (chunk: Buffer) => {
            const room = WEBHOOK_MAX_RESPONSE_BYTES - size;
            chunks.push(chunk.subarray(0, Math.max(0, room)));
            size += Math.min(chunk.length, Math.max(0, room));
            if (size >= WEBHOOK_MAX_RESPONSE_BYTES) {
              finish();
              response.destroy();
            }
          });
          response.on('end', finish);
          response.on('error', reject);
        },
      );
      // Past the timeout the whole attempt fails, not only an idle socket.
      const timer = setTimeout(() => request.destroy(new Error('timed out')), this.timeoutMs);
      request.on('close', () => clearTimeout(timer));
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
      request.end(body);
    });
  }
}
