import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AdminWhatsAppAccountDto } from '@aerostic/shared';
import { pacerKeysOf, readSlowdowns } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { type WhatsAppAccount } from '../database/entities';
import { RealtimeService } from '../realtime/realtime.service';
import { NumberHealthQueue } from './number-health-queue';
import { toAdminWhatsAppAccountDto, toWhatsAppAccountDto } from './whatsapp-account.mapper';
import {
  type WebhookHealth,
  type WhatsAppAccountWithSecrets,
  WhatsAppAccountRepository,
} from './whatsapp-account.repository';

/** The connected numbers, as the modules that send, receive and sync through them read and mark them. */
@Injectable()
export class WhatsAppAccountsService {
  private readonly logger = new Logger(WhatsAppAccountsService.name);

  constructor(
    private readonly accounts: WhatsAppAccountRepository,
    private readonly realtime: RealtimeService,
    private readonly healthQueue: NumberHealthQueue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  findById(tenantId: string, id: string): Promise<WhatsAppAccount | null> {
    return this.accounts.findById(tenantId, id);
  }

  /** With the sealed access token, for calling Meta through the number. */
  findWithToken(tenantId: string, id: string): Promise<WhatsAppAccountWithSecrets | null> {
    return this.accounts.findByIdWithToken(tenantId, id);
  }

  /** What the `whatsappNumbers` limit counts. */
  countConnected(tenantId: string): Promise<number> {
    return this.accounts.countConnected(tenantId);
  }

  listConnected(tenantId: string): Promise<WhatsAppAccount[]> {
    return this.accounts.listConnected(tenantId);
  }

  /** Every number of a workspace, connected or not, with its health, for the admin panel. */
  async listForAdmin(tenant: { id: string; name: string }): Promise<AdminWhatsAppAccountDto[]> {
    return (await this.accounts.listAll(tenant.id)).map((account) =>
      toAdminWhatsAppAccountDto({ account, tenantName: tenant.name }),
    );
  }

  countHealthAcrossTenants(): Promise<{ connected: number; withProblems: number }> {
    return this.accounts.countHealthAcrossTenants();
  }

  /** The tenant that receives a number's webhooks, through its connected account. */
  findConnectedByPhoneNumberIdAcrossTenants(phoneNumberId: string): Promise<WhatsAppAccountWithSecrets | null> {
    return this.accounts.findConnectedByPhoneNumberIdAcrossTenants(phoneNumberId);
  }

  findConnectedAcrossTenants(where: { wabaId: string } | { displayPhoneNumber: string }): Promise<WhatsAppAccount[]> {
    return this.accounts.findConnectedAcrossTenants(where);
  }

  /** Meta refused the number's token: sends stop until the business reconnects it. */
  async markTokenInvalid(tenantId: string, id: string): Promise<void> {
    await this.accounts.update(tenantId, id, { tokenStatus: 'invalid' });
  }

  /**
   * What an account-level webhook (which names a WABA or a display number only) says of a number's health
   * (docs/adr/0115), applied to the connected numbers it
   * names and announced to their workspaces as `whatsapp.updated`. A rating to read again (a number Meta unflagged)
   * is asked of Meta by a health check. Answers how many numbers changed.
   */
  async applyWebhookHealthAcrossTenants(
    where: { wabaId: string } | { displayPhoneNumber: string },
    health: WebhookHealth,
  ): Promise<number> {
    const changed = await this.accounts.applyWebhookHealthAcrossTenants(where, health);
    await this.announce(changed);
    if (health.status?.qualityRating === null) {
      const sweep = `webhook-${health.status.at.getTime()}`;
      for (const account of changed) {
        await this.healthQueue
          .addCheck({ tenantId: account.tenantId, whatsappAccountId: account.id, sweep })
          .catch((err: unknown) =>
            this.logger.warn({ err, whatsappAccountId: account.id }, 'Number check not queued; the daily one reads it'),
          );
      }
    }
    return changed.length;
  }

  /** `whatsapp.updated` with each number as it is now, to its workspace. */
  async announce(accounts: readonly WhatsAppAccount[]): Promise<void> {
    if (accounts.length === 0) return;
    const slowdowns = await readSlowdowns(
      this.redis,
      accounts.map((a) => pacerKeysOf(a.phoneNumberId).slowdown),
    );
    accounts.forEach((account, i) => {
      const slowdown = slowdowns[i];
      const dto = toWhatsAppAccountDto(account, slowdown ? new Date(slowdown.untilMs) : null);
      this.realtime.emit(account.tenantId, 'whatsapp.updated', { account: dto });
    });
  }
}
