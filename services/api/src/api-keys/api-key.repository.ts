import { Injectable } from '@nestjs/common';
import { API_KEY_SCOPES, type ApiKeyDto, type ApiKeyScope } from '@aerostic/shared';
import { bool, text, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { type Row, Sql } from '../database/sql';

/** A live key as the guard needs it, found by its prefix. */
export interface ApiKeyCredential {
  id: string;
  tenantId: string;
  tenantSuspended: boolean;
  secretHash: Buffer;
  scopes: ApiKeyScope[];
  createdBy: string;
}

export interface NewApiKey {
  tenantId: string;
  name: string;
  prefix: string;
  secretHash: Buffer;
  scopes: ApiKeyScope[];
  createdBy: string;
}

function scopes(row: Row): ApiKeyScope[] {
  const values = row.scopes;
  if (!Array.isArray(values)) throw new Error('api_keys.scopes is not an array');
  return values.filter((v): v is ApiKeyScope => (API_KEY_SCOPES as readonly unknown[]).includes(v));
}

function decodeCredential(row: Row): ApiKeyCredential {
  const hash = row.secret_hash;
  if (!Buffer.isBuffer(hash)) throw new Error('api_keys.secret_hash is not bytea');
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    tenantSuspended: bool(row, 'tenant_suspended'),
    secretHash: hash,
    scopes: scopes(row),
    createdBy: text(row, 'created_by'),
  };
}

function decodeKey(row: Row): ApiKeyDto {
  const creatorId = textOrNull(row, 'created_by');
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    prefix: text(row, 'prefix'),
    scopes: scopes(row),
    createdAt: timestamp(row, 'created_at').toISOString(),
    lastUsedAt: timestampOrNull(row, 'last_used_at')?.toISOString() ?? null,
    createdBy: creatorId ? { id: creatorId, name: text(row, 'creator_name') } : null,
  };
}

const SELECT_KEY = `SELECT k.id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.created_by,
  u.name AS creator_name FROM api_keys k LEFT JOIN users u ON u.id = k.created_by`;

/** The only reader and writer of `api_keys`. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  async insert(key: NewApiKey): Promise<ApiKeyDto> {
    const [row] = await this.sql.query(
      `WITH k AS (
         INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, scopes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *
       )
       ${SELECT_KEY.replace('FROM api_keys k', 'FROM k')}`,
      [key.tenantId, key.name, key.prefix, key.secretHash, key.scopes, key.createdBy],
      decodeKey,
    );
    if (!row) throw new Error('INSERT INTO api_keys answered no row');
    return row;
  }

  /** The tenant's keys that are not revoked, newest first. */
  listActive(tenantId: string): Promise<ApiKeyDto[]> {
    return this.sql.query(
      `${SELECT_KEY} WHERE k.tenant_id = $1 AND k.revoked_at IS NULL ORDER BY k.created_at DESC, k.id`,
      [tenantId],
      decodeKey,
    );
  }

  /** Answers the revoked key, or null when the tenant has no such live key. */
  async revoke(tenantId: string, id: string): Promise<ApiKeyDto | null> {
    const [row] = await this.sql.query(
      `WITH k AS (
         UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING *
       )
       ${SELECT_KEY.replace('FROM api_keys k', 'FROM k')}`,
      [tenantId, id],
      decodeKey,
    );
    return row ?? null;
  }

  /** Read at every request, so a revocation committed on any instance is refused by all at once. */
  async findLiveByPrefix(prefix: string): Promise<ApiKeyCredential | null> {
    const [row] = await this.sql.query(
      `SELECT k.id, k.tenant_id, k.secret_hash, k.scopes, k.created_by, t.status = 'suspended' AS tenant_suspended
       FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
       WHERE k.prefix = $1 AND k.revoked_at IS NULL`,
      [prefix],
      decodeCredential,
    );
    return row ?? null;
  }

  /** At most one write a minute per key, whichever instance serves it. */
  async touch(id: string): Promise<void> {
    await this.sql.execute(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
