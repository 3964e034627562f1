import { Injectable } from '@nestjs/common';

/**
 * Users whose session state (role, status, token version) this instance changed, told once the change is committed,
 * so that its own next request sees it without waiting for the session-changes channel, which tells the others.
 */
@Injectable()
export class LocalSessionChanges {
  private readonly listeners: ((userId: string) => void)[] = [];

  subscribe(listener: (userId: string) => void): void {
    this.listeners.push(listener);
  }

  changed(userId: string): void {
    for (const listener of this.listeners) listener(userId);
  }
}
