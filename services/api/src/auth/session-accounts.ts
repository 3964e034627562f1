import { Injectable } from '@nestjs/common';
import { type LocalSessionChange, LocalSessionChanges } from '../users/local-session-changes';
import { UserAccountsService } from '../users/user-accounts.service';
import { type SessionAccount } from '../users/user.repository';
import { type SessionChange, SessionChanges } from './session-changes';

/** Enough for every member of many busy workspaces; past it the cache starts over rather than grow. */
const MAX_ACCOUNTS = 50_000;

/**
 * The session state of users (role, status, token version, workspace status), read once and kept until a change is
 * announced on the session-changes channel, which every API instance hears (the triggers announce changes made in
 * SQL too); this instance's own changes are forgotten as soon as they are made. Nothing is kept while the channel is
 * not heard. A read in flight when its user changes is not kept.
 */
@Injectable()
export class SessionAccounts {
  private readonly accounts = new Map<string, Promise<SessionAccount | null>>();

  constructor(
    private readonly users: UserAccountsService,
    private readonly changes: SessionChanges,
    local: LocalSessionChanges,
  ) {
    changes.subscribe((change) => this.forget(change));
    local.subscribe((change) => this.forget(change));
  }

  find(userId: string): Promise<SessionAccount | null> {
    if (!this.changes.listening) return this.users.findSessionAccountAcrossTenants(userId);
    const known = this.accounts.get(userId);
    if (known) return known;
    if (this.accounts.size >= MAX_ACCOUNTS) this.accounts.clear();
    const loading = this.users.findSessionAccountAcrossTenants(userId);
    this.accounts.set(userId, loading);
    // A failed read is asked again by the next request.
    loading.catch(() => {
      if (this.accounts.get(userId) === loading) this.accounts.delete(userId);
    });
    return loading;
  }

  private forget(change: SessionChange | LocalSessionChange): void {
    if (change.kind === 'user') this.accounts.delete(change.id);
    // A workspace's status is part of each of its users' state; such changes are rare.
    else if (change.kind === 'tenant' || change.kind === 'resync') this.accounts.clear();
  }
}
