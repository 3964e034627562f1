'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { RealtimeEvents } from '@aerostic/shared';
import type { Socket } from 'socket.io-client';
import { type RealtimeHandlers, useRealtime } from '@/lib/realtime';

/** Several events in a burst (a sync, a batch of status webhooks) make one refresh. */
export const REFRESH_DELAY_MS = 300;

type EventName = keyof RealtimeEvents;

/**
 * Calls `refresh` once shortly after any of `events` arrives, and each time the socket goes live (what happened
 * before, since the page rendered or while the connection was down, was missed).
 */
export function useLiveRefresh(
  events: ReadonlyArray<EventName>,
  refresh: () => void,
  connect?: (() => Socket) | null,
): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const refreshSoon = (): void => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, REFRESH_DELAY_MS);
  };
  // useRealtime reads the latest handlers at each event, so they may be rebuilt on every render.
  const byEvent = Object.fromEntries(events.map((name) => [name, refreshSoon])) as RealtimeHandlers;
  useRealtime({ ...byEvent, onCatchUp: refreshSoon }, connect);
}

/**
 * Keeps a server-rendered page current: its server components render again with fresh data (`router.refresh()`)
 * when one of `events` arrives, keeping client state such as a half-filled form.
 */
export function LiveRefresh({ events }: { events: ReadonlyArray<EventName> }) {
  const router = useRouter();
  useLiveRefresh(events, () => router.refresh());
  return null;
}
