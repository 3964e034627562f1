import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EmbeddedSignupInput, type WhatsAppAccountDto } from '@aerostic/shared';
import { pacerKeysOf, readSlowdowns } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { EmailVerificationService } from '../auth/email-verification.service';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { REDIS } from '../common/redis/redis.module';
import { type Principal } from '../common/tenant-context/principal';
import { Transactions } from '../database/sql';
import { isUniqueViolation } from '../database/unique-violation';
import { LimitsService } from '../limits/limits.service';
import { GraphClient } from './graph-client';
import { SecretBox } from '../common/crypto/secret-box';
import { grantedWabaIds, judgeToken, numberFactsOf, numberProblem } from './number-health';
import { toWhatsAppAccountDto } from './whatsapp-account.mapper';
import { WhatsAppAccountRepository } from './whatsapp-account.repository';
import { NumberConnectedElsewhereError, NumberNotInWabaError, WabaNotGrantedError } from './whatsapp.errors';
import { TenantScope } from '../database/tenant-scope';

const digits = (s: string) => s.replace(/\D/g, '');

@Injectable()
export class WhatsAppService {
  private readonly logger = new Logger(WhatsAppService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly graph: GraphClient,
    private readonly accounts: WhatsAppAccountRepository,
    private readonly secrets: SecretBox,
    private readonly auditLogs: AuditLogsService,
    private readonly limits: LimitsService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly verification: EmailVerificationService,
  ) {}

  /**
   * Embedded Signup, server side: the ids from the browser are not trusted; the token's granted targets and
   * the WABA's own number list decide. The token is sealed before it is stored and never leaves the API.
   */
  async connect(principal: Principal, input: EmbeddedSignupInput, meta: RequestMeta): Promise<WhatsAppAccountDto> {
    await this.verification.assertVerified(principal);
    // Before anything happens at Meta; checked again, race-safe, where the number is saved.
    await this.assertRoomForNumber(principal.tenantId, input.phoneNumberId);
    const token = await this.graph.exchangeCode(input.code);
    const debug = await this.graph.debugToken(token);
    if (debug.is_valid === false || !grantedWabaIds(debug).includes(input.wabaId)) throw new WabaNotGrantedError();

    const numbers = await this.graph.listPhoneNumbers(input.wabaId, token);
    if (!numbers.some((n) => n.id === input.phoneNumberId)) throw new NumberNotInWabaError();
    const elsewhere = await TenantScope.acrossTenants('number-ownership', () =>
      this.accounts.findConnectedByPhoneNumberIdAcrossTenants(input.phoneNumberId),
    );
    if (elsewhere && elsewhere.tenantId !== principal.tenantId) throw new NumberConnectedElsewhereError();

    await this.graph.subscribeApp(input.wabaId, token);
    // Registering sets the number's two-step verification PIN; we choose it and keep it sealed for re-registration.
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.graph.registerNumber(input.phoneNumberId, pin, token);
    const details = await this.graph.getPhoneNumber(input.phoneNumberId, token);
    // Connecting is the number's first health check: what Meta just said is stored with it.
    const checkedAt = new Date();
    const tokenHealth = judgeToken(debug, input.wabaId, checkedAt);
    const number = numberFactsOf(details);

    try {
      const account = await this.transactions.run(async () => {
        await this.assertRoomForNumber(principal.tenantId, input.phoneNumberId);
        const saved = await this.accounts.upsertConnected(
          principal.tenantId,
          {
            wabaId: input.wabaId,
            phoneNumberId: input.phoneNumberId,
            displayPhoneNumber: digits(details.display_phone_number ?? ''),
            verifiedName: details.verified_name ?? null,
            qualityRating: details.quality_rating ?? null,
            throughputLevel: details.throughput?.level ?? 'STANDARD',
            messagingLimitTier: details.whatsapp_business_manager_messaging_limit ?? null,
          },
          (accountId) => ({
            accessTokenEncrypted: this.secrets.seal(token, accountId),
            pinEncrypted: this.secrets.seal(pin, accountId),
          }),
          {
            tokenStatus: tokenHealth.status,
            tokenExpiresAt: tokenHealth.expiresAt,
            healthCheckedAt: checkedAt,
            healthError: tokenHealth.problem ?? numberProblem(number),
          },
        );
        await this.auditLogs.recordBy(principal, meta, 'whatsapp.connected', {
          target: { type: 'whatsapp_account', id: saved.id },
          metadata: { wabaId: input.wabaId, phoneNumberId: input.phoneNumberId },
        });
        return saved;
      });
      this.logger.log(
        { tenantId: principal.tenantId, phoneNumberId: input.phoneNumberId },
        'WhatsApp number connected',
      );
      return toWhatsAppAccountDto(account);
    } catch (error) {
      // Two workspaces connecting the same number at once: the partial unique index decides.
      if (isUniqueViolation(error)) {
        throw new NumberConnectedElsewhereError();
      }
      throw error;
    }
  }

  /** A number the workspace has connected already is refreshed, not added: it needs no room under the limit. */
  private async assertRoomForNumber(tenantId: string, phoneNumberId: string): Promise<void> {
    if (await this.accounts.isConnected(tenantId, phoneNumberId)) return;
    await this.limits.assertWithin(tenantId, 'whatsappNumbers', () => this.accounts.countConnected(tenantId));
  }

  async list(principal: Principal): Promise<WhatsAppAccountDto[]> {
    const accounts = await this.accounts.listConnected(principal.tenantId);
    const slowedUntil = await this.slowedUntil(accounts.map((account) => account.phoneNumberId));
    return accounts.map((account, i) => toWhatsAppAccountDto(account, slowedUntil[i]));
  }

  async findOne(principal: Principal, id: string): Promise<WhatsAppAccountDto> {
    const account = await this.accounts.findById(principal.tenantId, id);
    if (!account || account.status !== 'connected') throw new NotFoundError('WhatsApp number');
    const [slowedUntil] = await this.slowedUntil([account.phoneNumberId]);
    return toWhatsAppAccountDto(account, slowedUntil);
  }

  /**
   * When each number's spam cool-off ends (the message-worker's pacer spaces its sends wider until then), or null
   * while it sends at its full rate.
   */
  private async slowedUntil(phoneNumberIds: readonly string[]): Promise<(Date | null)[]> {
    const slowdowns = await readSlowdowns(
      this.redis,
      phoneNumberIds.map((id) => pacerKeysOf(id).slowdown),
    );
    return slowdowns.map((slowdown) => (slowdown ? new Date(slowdown.untilMs) : null));
  }

  /** Stops receiving the number's webhooks; the conversations stay. */
  async disconnect(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    const account = await this.accounts.findByIdWithToken(principal.tenantId, id);
    if (!account || account.status !== 'connected') throw new NotFoundError('WhatsApp number');
    await this.accounts.update(principal.tenantId, id, { status: 'disconnected' });
    // The app stays subscribed while another connected number still uses the same WABA.
    const stillUsed = await TenantScope.acrossTenants('number-ownership', () =>
      this.accounts.countConnectedForWabaAcrossTenants(account.wabaId),
    );
    if (stillUsed === 0) {
      await this.graph
        .unsubscribeApp(account.wabaId, this.secrets.open(account.accessTokenEncrypted, account.id))
        .catch((error: unknown) =>
          this.logger.warn({ err: error, wabaId: account.wabaId }, 'Unsubscribing the app failed'),
        );
    }
    await this.auditLogs.recordBy(principal, meta, 'whatsapp.disconnected', {
      target: { type: 'whatsapp_account', id },
      metadata: { phoneNumberId: account.phoneNumberId },
    });
  }
}
