/** The inbox's keys: j / Alt+↓ next conversation, k / Alt+↑ previous, / or r to write. */
export type InboxShortcut = 'next' | 'previous' | 'write';

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The focus is in a field: plain letters are typing there, not commands. */
  typing: boolean;
}

export function inboxShortcut({ key, altKey, ctrlKey, metaKey, typing }: KeyPress): InboxShortcut | null {
  if (altKey && key === 'ArrowDown') return 'next';
  if (altKey && key === 'ArrowUp') return 'previous';
  if (typing || altKey || ctrlKey || metaKey) return null;
  if (key === 'j') return 'next';
  if (key === 'k') return 'previous';
  if (key === '/' || key === 'r') return 'write';
  return null;
}

/** The conversation to move to: the first one when none is open, and never past either end of the list. */
export function stepConversation<T extends { id: string }>(
  conversations: readonly T[],
  selectedId: string | null,
  step: 1 | -1,
): T | undefined {
  const index = conversations.findIndex((c) => c.id === selectedId);
  if (index === -1) return conversations[0];
  return conversations[Math.min(conversations.length - 1, Math.max(0, index + step))];
}
