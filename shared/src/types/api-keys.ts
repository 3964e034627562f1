/** What an API key may call: read conversations, messages and contacts; send messages; create, edit, delete contacts. */
export const API_KEY_SCOPES = ['read', 'send', 'contacts'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Every key starts so: a bearer that does, is an API key and never a session token. */
export const API_KEY_MARKER = 'aer_live_';

/** Requests per key and minute when `API_KEY_RATE_LIMIT_PER_MINUTE` is unset. */
export const DEFAULT_API_KEY_RATE_LIMIT_PER_MINUTE = 600;

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { id: string; name: string } | null;
}

/** `POST /api-keys`: the only answer that holds the whole key. */
export interface CreatedApiKeyDto {
  id: string;
  key: string;
  prefix: string;
  scopes: ApiKeyScope[];
  name: string;
  createdAt: string;
}
