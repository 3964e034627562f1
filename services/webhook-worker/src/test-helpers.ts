// Builders and plumbing shared by the integration tests (excluded from the build).
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { Redis } from 'ioredis';
import { signPayload } from './signature-verify';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Nothing listens on port 1: the connection is refused at once. */
export const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:1';
export const TEST_APP_SECRET = 'test-app-secret';
export const TEST_VERIFY_TOKEN = 'test-verify-token';

/** A Redis prefix that no other test file (or run) shares. */
export function uniquePrefix(label: string): string {
  return `test-webhook-worker-${label}-${randomUUID()}`;
}

/** Removes every key under `prefix`, whatever created it. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * A text-message webhook as Meta sends it: non-ASCII as lower-case `\uXXXX` escapes and `/` as `\/`,
 * so a receiver that re-serialises the body changes its bytes.
 */
export function webhookBody(wamid: string = randomUUID()): string {
  return (
    '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":' +
    '{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",' +
    '"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"J\\u00fcrgen \\u00e4\\u00f6\\u00e5"},' +
    '"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.' +
    wamid +
    '","timestamp":"1749416383","type":"text","text":{"body":"Gr\\u00fc\\u00dfe \\ud83d\\ude00 https:\\/\\/example.com\\/a"}}]},' +
    '"field":"messages"}]}]}'
  );
}

export function postWebhook(baseUrl: string, body: string | Buffer, signature?: string): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/meta`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
  });
}

export function postSigned(baseUrl: string, body: string | Buffer): Promise<Response> {
  return postWebhook(baseUrl, body, signPayload(body, TEST_APP_SECRET));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends the headers and `bodyBytes` of a POST but never ends the body, then waits for the answer:
 * a response proves that the server answered without reading the request to its end.
 */
export function postWithoutEnding(
  url: string,
  headers: Record<string, string>,
  bodyBytes: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        req.destroy();
      });
    });
    // Once answered, a write racing the server's close settles nothing.
    req.on('error', reject);
    req.flushHeaders();
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let sent = 0; sent < bodyBytes; sent += chunk.length) {
      req.write(chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent)));
    }
  });
}
