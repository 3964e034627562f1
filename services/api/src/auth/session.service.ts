import { Injectable } from '@nestjs/common';
import { type Principal } from '../common/tenant-context/principal';
import { type SessionAccount } from '../users/user.repository';
import {
  AccountDeactivatedError,
  AuthenticationRequiredError,
  SessionReplacedError,
  WorkspaceSuspendedError,
} from './auth.errors';
import { RevokedTokens } from './revoked-tokens';
import { SessionAccounts } from './session-accounts';
import { parseClaims, type TokenClaims, TokenService } from './token.service';
import { TenantScope } from '../database/tenant-scope';

const invalidSession = () => new AuthenticationRequiredError('Your session is invalid or has expired: sign in again');

/**
 * Turns a token into the caller's tenant context, for HTTP requests (through the passport-jwt strategy) and Socket.IO
 * handshakes alike. The user and workspace come from SessionAccounts, which forgets them as soon as a change is
 * announced, so deactivation, role changes and suspension take effect at once on every API instance.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tokens: TokenService,
    private readonly accounts: SessionAccounts,
    private readonly revokedTokens: RevokedTokens,
  ) {}

  /** A Socket.IO handshake's token, checked as the passport-jwt strategy checks a request's. */
  async authenticate(token: string | null): Promise<Principal> {
    if (!token) throw new AuthenticationRequiredError();
    return this.fromClaims(await this.tokens.decode(token));
  }

  /** The payload of a token whose signature, algorithm and expiry were checked already. */
  async fromClaims(payload: unknown): Promise<Principal> {
    const claims = parseClaims(payload);
    if (!claims) throw invalidSession();
    // The signed claims name the tenant: its session state is read in its scope.
    return TenantScope.forTenant(claims.tid, async () => {
      if (await this.revokedTokens.isRevoked(claims.jti)) throw invalidSession();
      const found = await this.load(claims);
      if (found.tokenVersion !== claims.ver) throw new SessionReplacedError();
      assertActive(found);
      return toPrincipal(found, claims);
    });
  }

  /**
   * A live socket's session, checked again after a change. The account's state comes before the token version, so a
   * deactivated user is told so, and revocation comes last.
   */
  async recheck(token: string): Promise<Principal> {
    const claims = await this.tokens.decode(token);
    if (!claims) throw invalidSession();
    return TenantScope.forTenant(claims.tid, async () => {
      const found = await this.load(claims);
      assertActive(found);
      if (found.tokenVersion !== claims.ver) throw new SessionReplacedError();
      if (await this.revokedTokens.isRevoked(claims.jti)) {
        throw new AuthenticationRequiredError('This session was signed out: sign in again');
      }
      return toPrincipal(found, claims);
    });
  }

  private async load(claims: TokenClaims): Promise<SessionAccount> {
    const found = await this.accounts.find(claims.sub);
    if (!found || found.tenantId !== claims.tid) {
      throw new AuthenticationRequiredError('Your session is no longer valid: sign in again');
    }
    return found;
  }
}

function assertActive(account: SessionAccount): void {
  if (account.status !== 'active') throw new AccountDeactivatedError();
  if (account.tenantStatus === 'suspended') throw new WorkspaceSuspendedError();
}

function toPrincipal(account: SessionAccount, claims: TokenClaims): Principal {
  return {
    tenantId: account.tenantId,
    userId: account.userId,
    role: account.role,
    tokenId: claims.jti,
    tokenExpiresAt: claims.exp,
  };
}
