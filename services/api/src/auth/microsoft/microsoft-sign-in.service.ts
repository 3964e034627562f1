import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type MicrosoftSignInErrorCode,
  type MicrosoftSignInSettingsDto,
  type MicrosoftSignInSettingsInput,
} from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { type Principal } from '../../common/tenant-context/principal';
import { type Tenant, type User } from '../../database/entities';
import { Transactions } from '../../database/sql';
import { LimitsService } from '../../limits/limits.service';
import { TenantsService } from '../../tenants/tenants.service';
import { UserAccountsService } from '../../users/user-accounts.service';
import { PasswordService } from '../password.service';
import { TokenService } from '../token.service';
import { type EntraClaims, MICROSOFT_AUTH_CLIENT, MicrosoftAuthClient } from './microsoft-auth-client';
import { MicrosoftSignInStates } from './microsoft-sign-in-states';
import { type EntraLink, MicrosoftSignInRepository } from './microsoft-sign-in.repository';
import { SignIns } from '../sign-ins';

export type CallbackOutcome = { redirect: string; token?: string };
type Decision = { user: User; tenant: Tenant } | { refused: MicrosoftSignInErrorCode; tenantId?: string };

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

@Injectable()
export class MicrosoftSignInService {
  private readonly logger = new Logger(MicrosoftSignInService.name);

  constructor(
    @Inject(MICROSOFT_AUTH_CLIENT) private readonly client: MicrosoftAuthClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: MicrosoftSignInStates,
    private readonly repository: MicrosoftSignInRepository,
    private readonly transactions: Transactions,
    private readonly users: UserAccountsService,
    private readonly tenants: TenantsService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly limits: LimitsService,
    private readonly auditLogs: AuditLogsService,
    private readonly signIns: SignIns,
  ) {}

  /** The dashboard's route handler, which forwards to the callback here and keeps the cookie on its own host. */
  private get redirectUri(): string {
    return `${this.config.APP_URL}/api/auth/microsoft/callback`;
  }

  private loginPage(code: MicrosoftSignInErrorCode): string {
    return `${this.config.APP_URL}/login?microsoft_error=${code}`;
  }

  /** Where to send the browser: the authority's sign-in page, with a fresh single-use state. */
  async start(): Promise<string> {
    if (!this.client) return this.loginPage('unavailable');
    const client = this.client;
    return this.states.begin('app', (state) => client.start(this.redirectUri, state));
  }

  async callback(query: { code?: string; state?: string }, meta: RequestMeta): Promise<CallbackOutcome> {
    if (!this.client) return { redirect: this.loginPage('unavailable') };
    const verifier = await this.states.take('app', query.state);
    if (!verifier || !query.code) return { redirect: this.loginPage('expired') };
    let claims: EntraClaims | null;
    try {
      claims = await this.client.redeem(query.code, this.redirectUri, verifier);
    } catch (err) {
      this.logger.warn({ err }, 'Microsoft code redemption failed');
      return { redirect: this.loginPage('failed') };
    }
    if (!claims) return { redirect: this.loginPage('failed') };

    const decision = await this.decide(claims, meta);
    if ('refused' in decision) {
      await this.auditLogs.record({
        tenantId: decision.tenantId ?? null,
        actorUserId: null,
        action: 'auth.login_failed',
        ip: meta.ip,
        metadata: { method: 'microsoft', reason: decision.refused, email: claims.email, entraTenantId: claims.tid },
      });
      return { redirect: this.loginPage(decision.refused) };
    }
    const { user } = decision;
    await this.signIns.succeeded(user, meta, { method: 'microsoft', entraTenantId: claims.tid });
    return { redirect: `${this.config.APP_URL}/dashboard`, token: await this.tokens.issue(user) };
  }

  /** Later sign-ins match (tid, oid); the first links an existing account by email, or lets a newcomer join. */
  private async decide(claims: EntraClaims, meta: RequestMeta): Promise<Decision> {
    const linkedUserId = await this.repository.findUserIdByIdentityAcrossTenants(claims.tid, claims.oid);
    if (linkedUserId) {
      const found = await this.users.findForAuthAcrossTenants(linkedUserId);
      if (!found) return { refused: 'failed' };
      const link = await this.repository.findLink(found.tenant.id);
      if (link?.entraTenantId !== claims.tid) return { refused: 'wrong_tenant', tenantId: found.tenant.id };
      return this.usable(found.user, found.tenant);
    }

    const existing = await this.users.findByEmailWithPasswordAcrossTenants(claims.email);
    if (existing) {
      const { user, tenant } = existing;
      const link = await this.repository.findLink(tenant.id);
      const refused = this.linkRefusal(link, claims);
      if (refused) return { refused, tenantId: tenant.id };
      const usable = this.usable(user, tenant);
      if ('refused' in usable) return usable;
      await this.transactions.run(async () => {
        await this.repository.insertIdentity(tenant.id, user.id, claims.tid, claims.oid);
        await this.auditLogs.record({
          tenantId: tenant.id,
          actorUserId: user.id,
          action: 'auth.microsoft_linked',
          ip: meta.ip,
          target: { type: 'user', id: user.id },
          metadata: { entraTenantId: claims.tid, objectId: claims.oid },
        });
      });
      return usable;
    }
    return this.join(claims, meta);
  }

  /** A newcomer: the first workspace linked to their Entra tenant that allows their domain. */
  private async join(claims: EntraClaims, meta: RequestMeta): Promise<Decision> {
    const links = await this.repository.findLinksByEntraTenantAcrossTenants(claims.tid);
    if (links.length === 0) return { refused: 'wrong_tenant' };
    const link = links.find((l) => l.allowedDomains.includes(domainOf(claims.email)));
    if (!link) return { refused: 'domain_not_allowed', tenantId: links[0]?.tenantId };
    if (link.joinPolicy !== 'agent') return { refused: 'invitation_required', tenantId: link.tenantId };
    const tenant = await this.tenants.findById(link.tenantId);
    if (!tenant) return { refused: 'failed' };
    if (tenant.status === 'suspended') return { refused: 'suspended', tenantId: tenant.id };
    // Never usable for password sign-in: nobody knows it, and "forgot password" is not offered.
    const passwordHash = await this.passwords.hash(randomBytes(32).toString('base64url'));
    try {
      const user = await this.transactions.run(async () => {
        await this.limits.assertWithin(tenant.id, 'agents', () => this.users.countActive(tenant.id));
        const created = await this.users.create({
          tenantId: tenant.id,
          email: claims.email,
          name: claims.name,
          passwordHash,
          role: 'agent',
        });
        await this.repository.insertIdentity(tenant.id, created.id, claims.tid, claims.oid);
        await this.auditLogs.record({
          tenantId: tenant.id,
          actorUserId: created.id,
          action: 'auth.microsoft_joined',
          ip: meta.ip,
          target: { type: 'user', id: created.id },
          metadata: { entraTenantId: claims.tid, objectId: claims.oid, role: 'agent' },
        });
        return created;
      });
      return { user, tenant };
    } catch (err) {
      this.logger.warn({ err }, 'Microsoft newcomer could not join');
      return { refused: 'failed', tenantId: tenant.id };
    }
  }

  private linkRefusal(link: EntraLink | null, claims: EntraClaims): MicrosoftSignInErrorCode | null {
    if (!link?.entraTenantId || link.entraTenantId !== claims.tid) return 'wrong_tenant';
    if (!link.allowedDomains.includes(domainOf(claims.email))) return 'domain_not_allowed';
    return null;
  }

  private usable(user: User, tenant: Tenant): Decision {
    if (user.status !== 'active') return { refused: 'deactivated', tenantId: tenant.id };
    if (tenant.status === 'suspended') return { refused: 'suspended', tenantId: tenant.id };
    return { user, tenant };
  }

  /** Whether the workspace lets its members sign in with a password (on unless an admin turned it off). */
  async passwordSignInAllowed(tenantId: string): Promise<boolean> {
    return (await this.repository.findLink(tenantId))?.passwordSignIn ?? true;
  }

  async getSettings(principal: Principal): Promise<MicrosoftSignInSettingsDto> {
    return this.toDto(await this.repository.findLink(principal.tenantId));
  }

  async updateSettings(
    principal: Principal,
    meta: RequestMeta,
    input: MicrosoftSignInSettingsInput,
  ): Promise<MicrosoftSignInSettingsDto> {
    const saved = await this.transactions.run(async () => {
      const link = await this.repository.saveLink({ tenantId: principal.tenantId, ...input });
      await this.auditLogs.recordBy(principal, meta, 'auth.microsoft_settings_updated', {
        target: { type: 'tenant', id: principal.tenantId },
        metadata: { ...input },
      });
      return link;
    });
    return this.toDto(saved);
  }

  private toDto(link: EntraLink | null): MicrosoftSignInSettingsDto {
    return {
      available: this.client !== null,
      entraTenantId: link?.entraTenantId ?? null,
      allowedDomains: link?.allowedDomains ?? [],
      joinPolicy: link?.joinPolicy ?? 'invitation',
      passwordSignIn: link?.passwordSignIn ?? true,
    };
  }
}
