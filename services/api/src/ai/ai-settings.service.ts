import { Inject, Injectable } from '@nestjs/common';
import { type AiSettingsBody, type AiSettingsDto } from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { SecretBox } from '../common/crypto/secret-box';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { Transactions } from '../database/sql';
import { type AiSettingsWithKey, AiSettingsRepository } from './ai-settings.repository';
import { InvalidAiSettingsError } from './ai.errors';
import { type AiProvider } from './chat-completions.client';

/** What a reply is made with: the workspace's switch and instructions, and the provider it goes to (null: none). */
export interface ResolvedAiSettings {
  enabled: boolean;
  instructions: string;
  provider: AiProvider | null;
}

function toAiSettingsDto(row: AiSettingsWithKey | null): AiSettingsDto {
  return {
    enabled: row?.enabled ?? false,
    instructions: row?.instructions ?? '',
    provider:
      row?.providerBaseUrl && row.providerModel
        ? { baseUrl: row.providerBaseUrl, model: row.providerModel, hasApiKey: row.providerApiKeyEncrypted !== null }
        : null,
  };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/** A workspace's AI settings (docs/adr/0124): admins change them; the key is sealed and never shown back. */
@Injectable()
export class AiSettingsService {
  constructor(
    private readonly settings: AiSettingsRepository,
    private readonly secrets: SecretBox,
    private readonly auditLogs: AuditLogsService,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(principal: Principal): Promise<AiSettingsDto> {
    return toAiSettingsDto(await this.settings.find(principal.tenantId));
  }

  async update(principal: Principal, body: AiSettingsBody, meta: RequestMeta): Promise<AiSettingsDto> {
    return this.transactions.run(async () => {
      const before = await this.settings.findForUpdate(principal.tenantId);
      const provider = this.providerChange(before, body.provider);
      const saved = await this.settings.save(principal.tenantId, {
        enabled: body.enabled,
        instructions: body.instructions,
        provider,
      });
      await this.auditLogs.recordBy(principal, meta, 'automation.ai_changed', {
        metadata: {
          enabled: saved.enabled,
          provider: provider ? 'own' : 'platform',
          ...(provider && { baseUrl: provider.baseUrl, model: provider.model }),
          // Sealing the same key twice gives different texts: a key given is a key changed.
          apiKeyChanged: (before?.providerApiKeyEncrypted ?? null) !== (provider?.apiKeyEncrypted ?? null),
        },
      });
      return toAiSettingsDto(saved);
    });
  }

  /** The settings an answer is made with, the provider's key opened. */
  async resolve(tenantId: string): Promise<ResolvedAiSettings> {
    const row = await this.settings.find(tenantId);
    const own =
      row?.providerBaseUrl && row.providerModel
        ? {
            baseUrl: row.providerBaseUrl,
            model: row.providerModel,
            apiKey: row.providerApiKeyEncrypted ? this.secrets.open(row.providerApiKeyEncrypted) : null,
          }
        : null;
    const platform =
      this.config.AI_BASE_URL && this.config.AI_MODEL
        ? { baseUrl: this.config.AI_BASE_URL, model: this.config.AI_MODEL, apiKey: this.config.AI_API_KEY ?? null }
        : null;
    return { enabled: row?.enabled ?? false, instructions: row?.instructions ?? '', provider: own ?? platform };
  }

  /**
   * `undefined` keeps the stored provider, `null` goes back to the platform's. A stored key is kept only for the same
   * server: it must never travel to another address the admin types.
   */
  private providerChange(
    before: AiSettingsWithKey | null,
    given: AiSettingsBody['provider'],
  ): { baseUrl: string; model: string; apiKeyEncrypted: string | null } | null {
    if (given === undefined)
      return before?.providerBaseUrl && before.providerModel
        ? {
            baseUrl: before.providerBaseUrl,
            model: before.providerModel,
            apiKeyEncrypted: before.providerApiKeyEncrypted,
          }
        : null;
    if (given === null) return null;
    if (this.config.NODE_ENV === 'production' && new URL(given.baseUrl).protocol !== 'https:')
      throw new InvalidAiSettingsError(
        'provider.baseUrl',
        'must be an https URL: the API key travels with each request',
      );
    if (given.apiKey !== undefined)
      return { baseUrl: given.baseUrl, model: given.model, apiKeyEncrypted: this.secrets.seal(given.apiKey) };
    const stored = before?.providerApiKeyEncrypted ?? null;
    if (stored !== null && before?.providerBaseUrl && originOf(before.providerBaseUrl) !== originOf(given.baseUrl))
      throw new InvalidAiSettingsError(
        'provider.apiKey',
        'give the API key again: the provider is at a new address, and the stored key is only sent to the old one',
      );
    return { baseUrl: given.baseUrl, model: given.model, apiKeyEncrypted: stored };
  }
}
