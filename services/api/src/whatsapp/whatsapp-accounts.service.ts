import { Injectable } from '@nestjs/common';
import { type AdminWhatsAppAccountDto } from '@aerostic/shared';
import { type WhatsAppAccount } from '../database/entities';
import { toAdminWhatsAppAccountDto } from './whatsapp-account.mapper';
import {
  type AccountChanges,
  type WhatsAppAccountWithSecrets,
  WhatsAppAccountRepository,
} from './whatsapp-account.repository';

/** The connected numbers, as the modules that send, receive and sync through them read and mark them. */
@Injectable()
export class WhatsAppAccountsService {
  constructor(private readonly accounts: WhatsAppAccountRepository) {}

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

  /** Account-level webhooks (quality, throughput, revoked access) name a WABA or a display number only. */
  updateConnectedAcrossTenants(
    where: { wabaId: string } | { displayPhoneNumber: string },
    changes: AccountChanges,
  ): Promise<number> {
    return this.accounts.updateConnectedAcrossTenants(where, changes);
  }
}
