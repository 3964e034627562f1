'use client';

import { useState } from 'react';
import { SmileIcon } from './icons';

/** A small built-in set: no emoji data or fonts are fetched from elsewhere. */
export const EMOJIS = [
  '😀',
  '😁',
  '😂',
  '🙂',
  '😉',
  '😊',
  '😍',
  '😘',
  '🤔',
  '😮',
  '😢',
  '😡',
  '👍',
  '👎',
  '👏',
  '🙏',
  '👋',
  '💪',
  '🤝',
  '👌',
  '✅',
  '❌',
  '⚠️',
  '❗',
  '❤️',
  '🎉',
  '🔥',
  '⭐',
  '📦',
  '🚚',
  '🕒',
  '📞',
  '💬',
  '📍',
  '💳',
  '🎁',
];

export function EmojiPicker({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <button
        type="button"
        disabled={disabled}
        aria-expanded={open}
        aria-label="Insert an emoji"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-2 text-ink-muted hover:bg-canvas hover:text-ink disabled:opacity-50"
      >
        <SmileIcon />
      </button>
      {open && (
        <div
          role="group"
          aria-label="Emoji"
          className="absolute bottom-full left-0 z-20 mb-1 grid w-72 grid-cols-8 gap-0.5 rounded-lg border border-line bg-surface p-2 shadow-lg"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
          }}
        >
          {EMOJIS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-label={`Insert ${emoji}`}
              className="rounded p-1 text-lg hover:bg-canvas"
              onClick={() => {
                onPick(emoji);
                setOpen(false);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
