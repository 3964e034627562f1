import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import { postgresTlsProblem, redisTlsProblem, type PostgresSslMode } from '../config/connection-urls';

/** The URL parameters read here; node-postgres would otherwise reinterpret them (it treats require as verify-full). */
const POSTGRES_TLS_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'] as const;

/** The TLS options node-postgres and TypeORM both accept. */
export type PostgresTls = Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'checkServerIdentity'>;

export interface PostgresConnection {
  connectionString: string;
  ssl: false | PostgresTls;
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${what}: cannot read ${file} (${(error as Error).message})`, { cause: error });
  }
}

/**
 * node-postgres options for DATABASE_URL with libpq's meaning of `sslmode`: require encrypts without checking
 * the certificate (unless a CA is given), verify-ca checks the chain, verify-full the chain and the host name.
 * The CA is `sslrootcert` in the URL, else caFile (DATABASE_CA_FILE); a CA alone implies verify-full.
 */
export function postgresConnection(databaseUrl: string, caFile?: string): PostgresConnection {
  const problem = postgresTlsProblem(databaseUrl, caFile) ?? (URL.canParse(databaseUrl) ? undefined : 'is not a URL');
  if (problem) throw new Error(`DATABASE_URL: ${problem}`);
  const url = new URL(databaseUrl);
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const caPath = param('sslrootcert') ?? caFile;
  const mode = (param('sslmode') ?? (caPath ? 'verify-full' : 'disable')) as PostgresSslMode;
  const certPath = param('sslcert');
  const keyPath = param('sslkey');
  for (const name of POSTGRES_TLS_PARAMS) url.searchParams.delete(name);
  const connectionString = url.toString();
  if (mode === 'disable') return { connectionString, ssl: false };

  const ssl: PostgresTls = {};
  if (caPath) ssl.ca = readPem(caPath, 'DATABASE_URL sslrootcert');
  if (certPath) ssl.cert = readPem(certPath, 'DATABASE_URL sslcert');
  if (keyPath) ssl.key = readPem(keyPath, 'DATABASE_URL sslkey');
  if (mode === 'require' && !caPath) ssl.rejectUnauthorized = false;
  // verify-ca, and require with a CA (as libpq does): the chain is checked, the host name is not.
  if (mode === 'verify-ca' || (mode === 'require' && caPath)) ssl.checkServerIdentity = () => undefined;
  return { connectionString, ssl };
}

/**
 * ioredis options for REDIS_URL: `rediss://` connects over TLS, checking the certificate against Node's CAs
 * (ElastiCache's are among them) or caFile (REDIS_CA_FILE). One parser for every client and BullMQ connection.
 */
export function redisConnectionOptions(redisUrl: string, caFile?: string): RedisOptions {
  const problem = redisTlsProblem(redisUrl, caFile) ?? (URL.canParse(redisUrl) ? undefined : 'is not a URL');
  if (problem) throw new Error(`REDIS_URL: ${problem}`);
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const options: RedisOptions = { host, port: url.port ? Number(url.port) : 6379 };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.pathname.length > 1) options.db = Number(url.pathname.slice(1));
  if (url.protocol === 'rediss:') {
    options.tls = { servername: host, ...(caFile ? { ca: readPem(caFile, 'REDIS_CA_FILE') } : {}) };
  }
  return options;
}
