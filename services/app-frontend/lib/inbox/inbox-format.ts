import type { ConversationDto, MessageDto } from '@aerostic/shared';

/** "5 h 12 min", "45 min", "under a minute" for a positive duration. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export interface WindowState {
  open: boolean;
  /** Milliseconds left while open. */
  leftMs: number;
  label: string;
}

/**
 * The 24-hour customer service window as of `now`. The API computes `expiresAt` with the shared
 * `serviceWindow()`; the page counts down from it so that a conversation left open closes on screen too.
 */
export function windowState(window: ConversationDto['window'], now: number): WindowState {
  const expiresAt = window.expiresAt ? Date.parse(window.expiresAt) : Number.NaN;
  const leftMs = Number.isNaN(expiresAt) ? 0 : expiresAt - now;
  if (leftMs > 0) return { open: true, leftMs, label: `Window open · ${formatDuration(leftMs)} left` };
  return {
    open: false,
    leftMs: 0,
    label: window.expiresAt ? 'Window closed · templates only' : 'No customer message yet · templates only',
  };
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Time today, otherwise the day: for the conversation list. */
export function shortTime(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(now).toDateString() === date.toDateString() ? TIME.format(date) : DAY.format(date);
}

export function fullTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : FULL.format(date);
}

export function messageTime(message: Pick<MessageDto, 'sentAt' | 'createdAt'>): string {
  const date = new Date(message.sentAt ?? message.createdAt);
  return Number.isNaN(date.getTime()) ? '' : TIME.format(date);
}

/** The tab title: the number of conversations with unread messages first, so it shows in a crowded tab bar. */
export function inboxTitle(unreadConversations: number): string {
  return unreadConversations > 0 ? `(${unreadConversations}) Inbox · Aerostic` : 'Inbox · Aerostic';
}
