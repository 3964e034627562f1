import { Injectable } from '@nestjs/common';
import { type Principal } from '../common/tenant-context/principal';
import { UserAccountsService } from '../users/user-accounts.service';
import { AccountDeactivatedError, AuthenticationRequiredError, WorkspaceSuspendedError } from './auth.errors';
import { TokenService } from './token.service';

/**
 * Turns a token into the caller's tenant context, for HTTP requests and Socket.IO handshakes alike. The user and
 * workspace are read every time, so deactivation, role changes and suspension take effect at once.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserAccountsService,
  ) {}

  async authenticate(token: string | null): Promise<Principal> {
    if (!token) throw new AuthenticationRequiredError();
    const claims = await this.tokens.verify(token);
    if (!claims) throw new AuthenticationRequiredError('Your session is invalid or has expired: sign in again');
    const found = await this.users.findForAuthAcrossTenants(claims.sub);
    if (!found || found.user.tenantId !== claims.tid || found.user.tokenVersion !== claims.ver) {
      throw new AuthenticationRequiredError('Your session is no longer valid: sign in again');
    }
    if (found.user.status !== 'active') throw new AccountDeactivatedError();
    if (found.tenant.status === 'suspended') throw new WorkspaceSuspendedError();
    return {
      tenantId: found.user.tenantId,
      userId: found.user.id,
      role: found.user.role,
      tokenId: claims.jti,
      tokenExpiresAt: claims.exp,
    };
  }
}
