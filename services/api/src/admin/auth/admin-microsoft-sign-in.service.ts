import { Inject, Injectable, Logger } from '@nestjs/common';
import { type MicrosoftSignInErrorCode } from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import {
  type EntraClaims,
  MICROSOFT_AUTH_CLIENT,
  MicrosoftAuthClient,
} from '../../auth/microsoft/microsoft-auth-client';
import { MicrosoftSignInStates } from '../../auth/microsoft/microsoft-sign-in-states';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { AdminTokenService } from './admin-token.service';
import { PlatformAdminRepository } from './platform-admin.repository';

export type AdminCallbackOutcome = { redirect: string; token?: string };

/**
 * Platform admins of the company's own Entra tenant (ADMIN_ENTRA_TENANT_ID) sign in to the admin panel with
 * Microsoft; they are matched by email among the platform admins (docs/adr/0150).
 */
@Injectable()
export class AdminMicrosoftSignInService {
  private readonly logger = new Logger(AdminMicrosoftSignInService.name);

  constructor(
    @Inject(MICROSOFT_AUTH_CLIENT) private readonly client: MicrosoftAuthClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly states: MicrosoftSignInStates,
    private readonly admins: PlatformAdminRepository,
    private readonly tokens: AdminTokenService,
    private readonly auditLogs: AuditLogsService,
  ) {}

  get available(): boolean {
    return this.client !== null && Boolean(this.config.ADMIN_ENTRA_TENANT_ID);
  }

  private get redirectUri(): string {
    return `${this.config.ADMIN_URL}/api/auth/microsoft/callback`;
  }

  private loginPage(code: MicrosoftSignInErrorCode): string {
    return `${this.config.ADMIN_URL}/login?microsoft_error=${code}`;
  }

  async start(): Promise<string> {
    const client = this.client;
    if (!client || !this.available) return this.loginPage('unavailable');
    return this.states.begin('admin', (state) => client.start(this.redirectUri, state));
  }

  async callback(query: { code?: string; state?: string }, meta: RequestMeta): Promise<AdminCallbackOutcome> {
    if (!this.client || !this.available) return { redirect: this.loginPage('unavailable') };
    const verifier = await this.states.take('admin', query.state);
    if (!verifier || !query.code) return { redirect: this.loginPage('expired') };
    let claims: EntraClaims | null;
    try {
      claims = await this.client.redeem(query.code, this.redirectUri, verifier);
    } catch (err) {
      this.logger.warn({ err }, 'Microsoft code redemption failed');
      return { redirect: this.loginPage('failed') };
    }
    if (!claims) return { redirect: this.loginPage('failed') };

    const refuse = async (reason: MicrosoftSignInErrorCode, adminId?: string) => {
      await this.auditLogs.record({
        tenantId: null,
        actorUserId: null,
        action: 'admin.login_failed',
        ip: meta.ip,
        ...(adminId && { target: { type: 'platform_admin', id: adminId } }),
        metadata: { method: 'microsoft', failure: reason, email: claims.email, entraTenantId: claims.tid },
      });
      return { redirect: this.loginPage(reason) };
    };
    if (claims.tid !== this.config.ADMIN_ENTRA_TENANT_ID?.toLowerCase()) return refuse('wrong_tenant');
    const admin = await this.admins.findCredentialsByEmail(claims.email);
    if (!admin) return refuse('not_platform_admin');
    if (admin.status !== 'active') return refuse('deactivated', admin.id);

    const lastLoginAt = new Date();
    await this.admins.recordLogin(admin.id, lastLoginAt);
    await this.auditLogs.recordByAdmin({ adminId: admin.id }, meta, 'admin.login', {
      target: { type: 'platform_admin', id: admin.id },
      metadata: { method: 'microsoft', userAgent: meta.userAgent, entraTenantId: claims.tid },
    });
    return { redirect: `${this.config.ADMIN_URL}/`, token: await this.tokens.issue(admin) };
  }
}
