import { Injectable, Logger } from '@nestjs/common';
import { RevokedTokenRepository } from './revoked-token.repository';
import { type SessionChange, SessionChanges } from './session-changes';
import { TenantScope } from '../database/tenant-scope';

/** Past this many ids the list is read again, without the expired ones. */
const MAX_KNOWN = 100_000;
const RETRY_MS = 1_000;

/**
 * Which tokens were signed out, without a query per request: the unexpired revocations are read once the
 * session-changes channel is heard, and each new one is heard on it (a trigger announces it when it commits). Until
 * the list is read, and while the channel is not heard, each check asks PostgreSQL.
 */
@Injectable()
export class RevokedTokens {
  private readonly logger = new Logger(RevokedTokens.name);
  /** The revoked token ids, complete once `ready`; revocations heard while it is read are added too. */
  private known = new Set<string>();
  private ready = false;
  private loads = 0;

  constructor(
    private readonly revoked: RevokedTokenRepository,
    private readonly changes: SessionChanges,
  ) {
    changes.subscribe((change) => this.hear(change));
  }

  isRevoked(tokenId: string): Promise<boolean> {
    if (this.ready && this.changes.listening) return Promise.resolve(this.known.has(tokenId));
    return this.revoked.existsAcrossTenants(tokenId);
  }

  /** Refused from now on by every API instance: this one at once, the others when they hear of it. */
  async revoke(token: { id: string; tenantId: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.revoked.insert(token);
    this.known.add(token.id);
  }

  private hear(change: SessionChange): void {
    if (change.kind === 'token') this.known.add(change.id);
    if (change.kind === 'resync' || this.known.size > MAX_KNOWN) this.load();
  }

  /** Reads the list again; a revocation heard meanwhile goes into the new set as well. */
  private load(): void {
    const load = ++this.loads;
    const known = new Set<string>();
    this.known = known;
    this.ready = false;
    // Heard from the session-changes connection, in no request's scope: the list is every workspace's.
    TenantScope.acrossTenants('session-revocations', () => this.revoked.findActiveIdsAcrossTenants()).then(
      (ids) => {
        if (load !== this.loads) return;
        for (const id of ids) known.add(id);
        this.ready = true;
      },
      (err: unknown) => {
        if (load !== this.loads) return;
        this.logger.warn({ err }, 'Could not read the revoked tokens; checking each token in the database meanwhile');
        setTimeout(() => load === this.loads && this.load(), RETRY_MS).unref();
      },
    );
  }
}
