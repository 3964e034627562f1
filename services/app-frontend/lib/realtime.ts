'use client';

import { useEffect, useRef, useState } from 'react';
import type { RealtimeEvents } from '@aerostic/shared';
import { type Socket, io } from 'socket.io-client';

export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export type RealtimeHandlers = {
  [E in keyof RealtimeEvents]?: (payload: RealtimeEvents[E]) => void;
} & {
  /** After a drop, once the socket is authenticated again: refetch what may have been missed. */
  onReconnect?: () => void;
};

interface ServerEvents extends Record<keyof RealtimeEvents, (payload: never) => void> {
  ready: (payload: { tenantId: string; userId: string }) => void;
  unauthorized: (payload: { message: string }) => void;
}

const EVENTS: Array<keyof RealtimeEvents> = [
  'message.created',
  'message.updated',
  'conversation.updated',
  'note.created',
  'template.updated',
];

/**
 * The tenant's live events over Socket.IO on the page's own origin: nginx passes `/socket.io/` to the API and
 * the HttpOnly session cookie authenticates the handshake. Socket.IO reconnects by itself with back-off; every
 * authenticated reconnect calls `onReconnect` so the page catches up on what happened while it was away.
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
    let readyBefore = false;
    socket.on('ready', () => {
      setStatus('live');
      if (readyBefore) latest.current.onReconnect?.();
      readyBefore = true;
    });
    socket.on('unauthorized', () => setStatus('refused'));
    socket.on('disconnect', () => setStatus((s) => (s === 'refused' ? s : 'reconnecting')));
    socket.on('connect_error', () => setStatus((s) => (s === 'live' || s === 'connecting' ? 'reconnecting' : s)));
    for (const name of EVENTS) {
      socket.on(name, (payload: never) => {
        const handler = latest.current[name] as ((p: unknown) => void) | undefined;
        handler?.(payload);
      });
    }
    return () => {
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
