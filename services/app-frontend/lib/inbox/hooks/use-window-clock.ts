import { useEffect, useMemo, useState } from 'react';
import type { ConversationDto } from '@aerostic/shared';
import { type WindowState, windowState } from '../inbox-format';

const TICK_MS = 30_000;
const NO_WINDOW: WindowState = { open: false, leftMs: 0, label: '' };

/** The time shown in the list ("5 min") and the open conversation's 24-hour window, both kept current. */
export function useWindowClock(serviceWindow: ConversationDto['window'] | undefined): {
  now: number;
  window: WindowState;
} {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const state = useMemo(() => (serviceWindow ? windowState(serviceWindow, now) : NO_WINDOW), [serviceWindow, now]);
  // Close the composer exactly when the window closes, not at the next tick.
  useEffect(() => {
    if (!state.open || state.leftMs <= 0 || state.leftMs > TICK_MS) return;
    const timer = setTimeout(() => setNow(Date.now()), state.leftMs + 50);
    return () => clearTimeout(timer);
  }, [state]);

  return { now, window: state };
}
