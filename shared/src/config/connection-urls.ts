// Checks of DATABASE_URL and REDIS_URL shared by the env schemas (which name the variable) and the Node
// connections in shared/src/node/connection-tls.ts; no Node import here, the frontends bundle this entry.

/** libpq's sslmode values that node-postgres can honour; `allow` and `prefer` would need a plain-text fallback. */
export const POSTGRES_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type PostgresSslMode = (typeof POSTGRES_SSL_MODES)[number];

/** A parsed URL, or undefined for a malformed one (which the schema's own URL check reports). */
function parse(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** Why DATABASE_URL's TLS settings cannot work, or undefined. */
export function postgresTlsProblem(databaseUrl: string, caFile?: string): string | undefined {
  const url = parse(databaseUrl);
  if (!url) return undefined;
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return 'must start with postgres://';
  const mode = url.searchParams.get('sslmode');
  if (mode !== null && !(POSTGRES_SSL_MODES as readonly string[]).includes(mode)) {
    return `sslmode=${mode} is not supported; use one of ${POSTGRES_SSL_MODES.join(', ')}`;
  }
  if (mode === 'verify-ca' && !url.searchParams.get('sslrootcert') && !caFile) {
    return 'sslmode=verify-ca needs a CA: sslrootcert=<file> in the URL or DATABASE_CA_FILE';
  }
  return undefined;
}

/** Why REDIS_URL cannot work, or undefined. */
export function redisTlsProblem(redisUrl: string, caFile?: string): string | undefined {
  const protocol = parse(redisUrl)?.protocol;
  if (protocol === undefined) return undefined;
  if (protocol !== 'redis:' && protocol !== 'rediss:') return 'must start with redis:// or rediss:// (TLS)';
  if (caFile && protocol === 'redis:') return 'is redis:// (plain text) but REDIS_CA_FILE is set; use rediss://';
  return undefined;
}
