import { type RefObject, useEffect, useEffectEvent } from 'react';
import { inboxShortcut, stepConversation } from '../inbox-shortcuts';

interface ShortcutOptions {
  conversations: ReadonlyArray<{ id: string }>;
  selectedId: string | null;
  onOpen: (id: string) => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
}

/** Keys to move through the list and to start writing (see inboxShortcut), listened to on the whole window. */
export function useInboxShortcuts({ conversations, selectedId, onOpen, composerRef }: ShortcutOptions): void {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target instanceof HTMLElement ? event.target : null;
    const typing = Boolean(
      target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)),
    );
    const shortcut = inboxShortcut({ ...pick(event), typing });
    if (shortcut === 'write') {
      if (!composerRef.current) return;
      event.preventDefault();
      composerRef.current.focus();
      return;
    }
    if (!shortcut || conversations.length === 0) return;
    event.preventDefault();
    const next = stepConversation(conversations, selectedId, shortcut === 'next' ? 1 : -1);
    if (!next || next.id === selectedId) return;
    onOpen(next.id);
    document.querySelector<HTMLElement>(`[data-conversation-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
  });

  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function pick({ key, altKey, ctrlKey, metaKey }: KeyboardEvent) {
  return { key, altKey, ctrlKey, metaKey };
}
