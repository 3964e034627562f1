import { decryptSecret, encryptSecret, type KeyRing, needsResealing } from '@aerostic/shared';
import { type Sql } from '../../database/sql';

/**
 * Every column that holds a sealed secret, with what it is bound to (`boundTo`: the column whose value is the
 * associated data, or null for none). A new sealed column must be listed here, or `keys:rotate` leaves it behind.
 */
export const SEALED_COLUMNS = [
  { table: 'whatsapp_accounts', key: 'id', column: 'access_token_encrypted', boundTo: 'id' },
  { table: 'whatsapp_accounts', key: 'id', column: 'pin_encrypted', boundTo: 'id' },
  { table: 'ai_settings', key: 'tenant_id', column: 'provider_api_key_encrypted', boundTo: null },
  { table: 'platform_admins', key: 'id', column: 'totp_secret', boundTo: null },
  { table: 'webhook_endpoints', key: 'id', column: 'secret_sealed', boundTo: null },
] as const;

export interface RotationReport {
  resealed: number;
  /** Secrets no key of the ring opens (sealed with a key no longer configured, or bound to another row). */
  failed: { table: string; column: string; id: string }[];
}

/**
 * Re-seals every stored secret not yet sealed with the current key (old key, or the v1 format), in batches by key
 * order. Idempotent: a secret already under the current key is not read, and a row changed meanwhile is left as the
 * API wrote it (the update only applies when the column still holds what was read).
 */
export class SecretRotation {
  constructor(
    private readonly sql: Sql,
    private readonly ring: KeyRing,
  ) {}

  async rotate(batchSize = 100): Promise<RotationReport> {
    const report: RotationReport = { resealed: 0, failed: [] };
    const current = `v2.${this.ring.currentId}.%`;
    for (const { table, key, column, boundTo } of SEALED_COLUMNS) {
      let after = '';
      for (;;) {
        // Webhook secrets a migration left `plain:` are sealed by the API at start (LegacySecrets), not here.
        const rows = await this.sql.query(
          `SELECT ${key}::text AS key, ${column} AS sealed${boundTo ? `, ${boundTo}::text AS bound` : ''}
             FROM ${table}
            WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1 AND ${column} NOT LIKE 'plain:%'
              AND ${key}::text > $2
            ORDER BY ${key}::text LIMIT $3`,
          [current, after, batchSize],
          (row) => ({ key: String(row.key), sealed: String(row.sealed), bound: row.bound ? String(row.bound) : '' }),
        );
        for (const row of rows) {
          if (!needsResealing(row.sealed, this.ring)) continue;
          let plain: string;
          try {
            plain = decryptSecret(row.sealed, this.ring, row.bound);
          } catch {
            report.failed.push({ table, column, id: row.key });
            continue;
          }
          report.resealed += await this.sql.execute(
            `UPDATE ${table} SET ${column} = $1 WHERE ${key}::text = $2 AND ${column} = $3`,
            [encryptSecret(plain, this.ring, row.bound), row.key, row.sealed],
          );
        }
        if (rows.length < batchSize) break;
        after = rows.at(-1)?.key ?? after;
      }
    }
    return report;
  }
}
