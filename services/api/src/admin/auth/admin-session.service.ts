import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { AuthenticationRequiredError, SessionReplacedError } from '../../auth/auth.errors';
import { AdminDeactivatedError, TotpEnrolmentRequiredError } from './admin-auth.errors';
import { type AdminPrincipal } from './admin-principal';
import { AdminTokenService } from './admin-token.service';
import { PlatformAdminRepository } from './platform-admin.repository';

const invalidSession = () =>
  new AuthenticationRequiredError('Your admin session is invalid or has expired: sign in again');

/**
 * Turns an admin token into the calling admin. The admin row is read on every request, so a deactivation, role
 * change or sign-out applies at once on every API instance.
 */
@Injectable()
export class AdminSessionService {
  constructor(
    private readonly tokens: AdminTokenService,
    private readonly admins: PlatformAdminRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(token: string | null, options: { beforeEnrolment?: boolean } = {}): Promise<AdminPrincipal> {
    if (!token) throw new AuthenticationRequiredError('Sign in to the admin panel to continue');
    const claims = await this.tokens.decode(token);
    if (!claims) throw invalidSession();
    const admin = await this.admins.findSession(claims.sub, claims.jti);
    if (!admin || admin.tokenRevoked) throw invalidSession();
    if (admin.status !== 'active') throw new AdminDeactivatedError();
    if (admin.tokenVersion !== claims.ver) throw new SessionReplacedError();
    if (this.config.NODE_ENV === 'production' && !admin.totpEnabled && !options.beforeEnrolment) {
      throw new TotpEnrolmentRequiredError();
    }
    return {
      adminId: admin.id,
      email: admin.email,
      role: admin.role,
      totpEnabled: admin.totpEnabled,
      tokenId: claims.jti,
      tokenExpiresAt: claims.exp,
    };
  }
}
