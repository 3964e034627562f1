import { createHmac } from 'node:crypto';

/** `X-Hub-Signature-256`: HMAC-SHA256 of the raw body with the app secret, lower-case hex. */
export function signatureSha256(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body, 'utf8').digest('hex')}`;
}

/** The legacy `X-Hub-Signature` Meta still sends beside the SHA-256 one. */
export function signatureSha1(body: string, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body, 'utf8').digest('hex')}`;
}
