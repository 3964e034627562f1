import { createHash, randomBytes } from 'node:crypto';

/** A single-use link token: 256 random bits; only its SHA-256 is stored. */
export function newEmailToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashEmailToken(token) };
}

export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A dashboard page holding the token in its query (`/reset-password`, `/verify-email`). */
export function emailLinkUrl(appUrl: string, page: string, token: string): string {
  const url = new URL(page, appUrl);
  url.searchParams.set('token', token);
  return url.toString();
}
