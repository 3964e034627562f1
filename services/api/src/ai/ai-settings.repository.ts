import { Injectable } from '@nestjs/common';
import { bool, text, textOrNull, timestamp } from '../database/columns';
import { type AiSettings } from '../database/entities';
import { type Row, Sql } from '../database/sql';

/** The settings with the sealed key, for calling the provider; never mapped to an answer. */
export interface AiSettingsWithKey extends AiSettings {
  providerApiKeyEncrypted: string | null;
}

export interface AiSettingsChange {
  enabled: boolean;
  instructions: string;
  provider: { baseUrl: string; model: string; apiKeyEncrypted: string | null } | null;
}

function decodeAiSettings(row: Row): AiSettingsWithKey {
  return {
    tenantId: text(row, 'tenant_id'),
    enabled: bool(row, 'enabled'),
    instructions: text(row, 'instructions'),
    providerBaseUrl: textOrNull(row, 'provider_base_url'),
    providerModel: textOrNull(row, 'provider_model'),
    providerApiKeyEncrypted: textOrNull(row, 'provider_api_key_encrypted'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}

/** The only writer of `ai_settings`: one row per workspace, absent until its first change. */
@Injectable()
export class AiSettingsRepository {
  constructor(private readonly sql: Sql) {}

  async find(tenantId: string): Promise<AiSettingsWithKey | null> {
    const [row] = await this.sql.query(`SELECT * FROM ai_settings WHERE tenant_id = $1`, [tenantId], decodeAiSettings);
    return row ?? null;
  }

  /** The row as it was before, for the audit; locked until the transaction ends so two saves apply in turn. */
  async findForUpdate(tenantId: string): Promise<AiSettingsWithKey | null> {
    const [row] = await this.sql.query(
      `SELECT * FROM ai_settings WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
      decodeAiSettings,
    );
    return row ?? null;
  }

  async save(tenantId: string, change: AiSettingsChange): Promise<AiSettingsWithKey> {
    const [row] = await this.sql.query(
      `INSERT INTO ai_settings (tenant_id, enabled, instructions, provider_base_url, provider_model,
         provider_api_key_encrypted)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled, instructions = EXCLUDED.instructions,
         provider_base_url = EXCLUDED.provider_base_url, provider_model = EXCLUDED.provider_model,
         provider_api_key_encrypted = EXCLUDED.provider_api_key_encrypted, updated_at = now()
       RETURNING *`,
      [
        tenantId,
        change.enabled,
        change.instructions,
        change.provider?.baseUrl ?? null,
        change.provider?.model ?? null,
        change.provider?.apiKeyEncrypted ?? null,
      ],
      decodeAiSettings,
    );
    return row!;
  }
}
