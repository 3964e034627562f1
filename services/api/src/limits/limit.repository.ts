import { Injectable } from '@nestjs/common';
import { LIMIT_NAMES, type LimitName, type LimitValues } from '@aerostic/shared';
import { intOrNull, oneOf, textOrNull } from '../database/columns';
import { type Row, Sql } from '../database/sql';

/** A tenant's limit settings as stored: the platform defaults and the tenant's own overrides. */
export interface LimitSettings {
  defaults: LimitValues;
  overrides: Partial<LimitValues>;
}

interface LimitRow {
  tenantId: string | null;
  name: LimitName;
  max: number | null;
}

function decodeLimit(row: Row): LimitRow {
  return { tenantId: textOrNull(row, 'tenant_id'), name: oneOf(row, 'name', LIMIT_NAMES), max: intOrNull(row, 'max') };
}

/** A limit without a stored default is unlimited; the migration seeds all of them and a change writes all of them. */
function toDefaults(rows: readonly LimitRow[]): LimitValues {
  const stored = new Map(rows.map((row) => [row.name, row.max]));
  return Object.fromEntries(LIMIT_NAMES.map((name) => [name, stored.get(name) ?? null])) as LimitValues;
}

function toOverrides(rows: readonly LimitRow[]): Partial<LimitValues> {
  return Object.fromEntries(rows.map((row) => [row.name, row.max]));
}

/** The only writer of `platform_limits` and `tenant_limit_overrides`. */
@Injectable()
export class LimitRepository {
  constructor(private readonly sql: Sql) {}

  /** The defaults and the tenant's overrides, in one statement. */
  async findSettings(tenantId: string): Promise<LimitSettings> {
    const rows = await this.sql.query(
      `SELECT NULL::uuid AS tenant_id, name, max FROM platform_limits
       UNION ALL
       SELECT tenant_id, name, max FROM tenant_limit_overrides WHERE tenant_id = $1`,
      [tenantId],
      decodeLimit,
    );
    return {
      defaults: toDefaults(rows.filter((row) => row.tenantId === null)),
      overrides: toOverrides(rows.filter((row) => row.tenantId !== null)),
    };
  }

  /** With `lock` (inside a transaction), concurrent changes of the defaults apply one after the other. */
  async findDefaults(lock = false): Promise<LimitValues> {
    const rows = await this.sql.query(
      `SELECT NULL::uuid AS tenant_id, name, max FROM platform_limits ORDER BY name${lock ? ' FOR UPDATE' : ''}`,
      [],
      decodeLimit,
    );
    return toDefaults(rows);
  }

  async saveDefaults(values: LimitValues): Promise<void> {
    await this.sql.execute(
      `INSERT INTO platform_limits (name, max)
       SELECT * FROM unnest($1::text[], $2::integer[])
       ON CONFLICT (name) DO UPDATE SET max = EXCLUDED.max, updated_at = now()`,
      [LIMIT_NAMES, LIMIT_NAMES.map((name) => values[name])],
    );
  }

  /** The tenant's overrides become exactly these: a limit left out loses its override and follows the default. */
  async replaceOverrides(tenantId: string, overrides: Partial<LimitValues>): Promise<void> {
    const names = LIMIT_NAMES.filter((name) => name in overrides);
    await this.sql.execute(`DELETE FROM tenant_limit_overrides WHERE tenant_id = $1 AND NOT (name = ANY($2::text[]))`, [
      tenantId,
      names,
    ]);
    if (names.length === 0) return;
    await this.sql.execute(
      `INSERT INTO tenant_limit_overrides (tenant_id, name, max)
       SELECT $1, * FROM unnest($2::text[], $3::integer[])
       ON CONFLICT (tenant_id, name) DO UPDATE SET max = EXCLUDED.max, updated_at = now()`,
      [tenantId, names, names.map((name) => overrides[name] ?? null)],
    );
  }

  /**
   * Takes the tenant's lock on one limit until the transaction ends: checks of the same limit queue behind it, each
   * counting what the one before committed. Other limits and other tenants are not held up (a hash collision only
   * makes two of them queue).
   */
  async lockUsage(tenantId: string, name: LimitName): Promise<void> {
    await this.sql.execute(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [`limits:${name}`, tenantId]);
  }
}
