import { createHash, randomBytes } from 'node:crypto';

/** A single-use invitation token: 256 random bits; only its SHA-256 is stored. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The accept page of the app at `baseUrl` (the dashboard or the admin panel), holding the token. */
export function invitationUrl(baseUrl: string, token: string): string {
  return new URL(`/accept-invitation?token=${token}`, baseUrl).toString();
}
