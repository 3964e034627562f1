import { Injectable } from '@nestjs/common';

/** A user's session state changed, or a whole workspace's (its status). */
export interface LocalSessionChange {
  kind: 'user' | 'tenant';
  id: string;
}

/**
 * Users and workspaces whose session state (role, status, token version; the workspace's status) this instance
 * changed, told once the change is committed, so that its own next request sees it without waiting for the
 * session-changes channel, which tells the others.
 */
@Injectable()
export class LocalSessionChanges {
  private readonly listeners: ((change: LocalSessionChange) => void)[] = [];

  subscribe(listener: (change: LocalSessionChange) => void): void {
    this.listeners.push(listener);
  }

  changed(userId: string): void {
    this.publish({ kind: 'user', id: userId });
  }

  tenantChanged(tenantId: string): void {
    this.publish({ kind: 'tenant', id: tenantId });
  }

  private publish(change: LocalSessionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
