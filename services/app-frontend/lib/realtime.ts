'use client';

import { useEffect, useRef, useState } from 'react';
import type { RealtimeEvents } from '@aerostic/shared';
import { type Socket, io } from 'socket.io-client';

export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export type RealtimeHandlers = {
  [E in keyof RealtimeEvents]?: (payload: RealtimeEvents[E]) => void;
} & {
  /**
   * Each time the socket is authenticated, the first time included: events sent before it was live (between the
   * page's render and the connection, or while the connection was down) never arrive, so refetch what may have
   * been missed.
   */
  onCatchUp?: () => void;
};

interface ServerEvents extends Record<keyof RealtimeEvents, (payload: never) => void> {
  ready: (payload: { tenantId: string; userId: string }) => void;
  unauthorized: (payload: { message: string }) => void;
  /** The server could not check the session (its session store is unreachable): try again after the delay. */
  unavailable: (payload: { message: string; retryAfterSeconds: number }) => void;
  /** The API's Redis is back after an outage, during which events between its instances were lost. */
  'catch-up': () => void;
}

/**
 * A catch-up the server asks for reaches every open dashboard at once: each one waits a random moment up to this
 * long, so that their reads do not all reach the API in the same instant.
 */
export const CATCH_UP_SPREAD_MS = 3_000;

const EVENTS: Array<keyof RealtimeEvents> = [
  'message.created',
  'message.updated',
  'conversation.updated',
  'note.created',
  'template.updated',
  'whatsapp.updated',
  'campaign.updated',
  'presence.updated',
];

/**
 * The tenant's live events over Socket.IO on the page's own origin, authenticated by the HttpOnly session cookie.
 * Every (re)connection and the server's `catch-up` call `onCatchUp`, so the page reads again what it may have missed;
 * `unavailable` is retried after the delay it names, and only `unauthorized` ends the attempts.
 */
export function useRealtime(
  handlers: RealtimeHandlers,
  connect: (() => Socket) | null = defaultConnect,
): RealtimeStatus {
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  // One socket per mounted page: read once, because a minifier may inline the default into a new function
  // per render, and a changed identity must not reconnect.
  const connectOnce = useRef(connect);

  useEffect(() => {
    if (!connectOnce.current) return;
    const socket = connectOnce.current() as Socket<ServerEvents>;
    socket.on('ready', () => {
      setStatus('live');
      latest.current.onCatchUp?.();
    });
    socket.on('unauthorized', () => setStatus('refused'));
    // Several requests while one waits are one catch-up; an authenticated (re)connection catches up by itself.
    let catchUp: ReturnType<typeof setTimeout> | undefined;
    socket.on('catch-up', () => {
      catchUp ??= setTimeout(() => {
        catchUp = undefined;
        latest.current.onCatchUp?.();
      }, Math.random() * CATCH_UP_SPREAD_MS);
    });
    // The server closes the socket after `unavailable`, and Socket.IO does not reconnect a socket the server closed.
    let retry: ReturnType<typeof setTimeout> | undefined;
    socket.on('unavailable', ({ retryAfterSeconds }) => {
      setStatus('reconnecting');
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), Math.max(1, retryAfterSeconds) * 1_000);
    });
    socket.on('disconnect', () => setStatus((s) => (s === 'refused' ? s : 'reconnecting')));
    socket.on('connect_error', () => setStatus((s) => (s === 'live' || s === 'connecting' ? 'reconnecting' : s)));
    for (const name of EVENTS) {
      socket.on(name, (payload: never) => {
        const handler = latest.current[name] as ((p: unknown) => void) | undefined;
        handler?.(payload);
      });
    }
    return () => {
      clearTimeout(retry);
      clearTimeout(catchUp);
      socket.removeAllListeners();
      socket.close();
    };
  }, []);

  return status;
}

function defaultConnect(): Socket {
  // WebSocket first (no sticky sessions needed behind several API instances), long-polling if a proxy blocks it.
  return io({
    path: '/socket.io/',
    withCredentials: true,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
  });
}
