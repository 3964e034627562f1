import { act } from '@testing-library/react';
import type { Socket } from 'socket.io-client';

/**
 * Stands in for socket.io-client's socket (a third-party transport) in component tests: the server side is driven
 * by `serverSends`.
 */
export class FakeSocket {
  private listeners = new Map<string, Array<(payload: unknown) => void>>();
  closed = false;
  /** How often the page asked to connect again. */
  reconnects = 0;

  on(event: string, listener: (payload: unknown) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  connect(): this {
    this.reconnects++;
    return this;
  }

  close(): this {
    this.closed = true;
    return this;
  }

  serverSends(event: string, payload: unknown = {}): void {
    act(() => {
      for (const listener of this.listeners.get(event) ?? []) listener(payload);
    });
  }

  /** What `useRealtime` takes as its connection. */
  asSocket(): Socket {
    return this as unknown as Socket;
  }
}
