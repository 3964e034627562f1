'use client';

import { useCallback } from 'react';
import type { WhatsAppAccountDto, UserDto } from '@aerostic/shared';
import { cn } from '@/lib/cn';
import type { SendOutcome } from '@/lib/inbox/inbox-thread';
import type { OpenThread } from '@/lib/inbox/thread-state';
import { ContactPanel } from './contact-panel';
import { NotesPanel } from './notes-panel';

interface ContactAsideProps {
  open: OpenThread;
  accounts: WhatsAppAccountDto[];
  team: UserDto[];
  now: number;
  /** Shown over the thread on narrow screens; wide ones always show it as a third column. */
  shown: boolean;
  onClose: () => void;
  onOpen: (conversationId: string) => void;
  onAddNote: (body: string) => Promise<SendOutcome>;
}

/** The right column: who the customer is, their other conversations and the team's private notes. */
export function ContactAside({ open, accounts, team, now, shown, onClose, onOpen, onAddNote }: ContactAsideProps) {
  const numberLabel = useCallback(
    (id: string) => {
      const account = accounts.find((a) => a.id === id);
      return account ? `+${account.displayPhoneNumber}` : 'A disconnected number';
    },
    [accounts],
  );
  return (
    <aside
      aria-label="Contact and notes"
      className={cn(
        'min-h-0 overflow-y-auto border-l border-line bg-surface',
        shown
          ? 'fixed inset-y-0 right-0 z-30 w-80 max-w-full shadow-xl xl:static xl:w-auto xl:shadow-none'
          : 'hidden xl:block',
      )}
    >
      {shown && (
        <button type="button" className="m-2 text-xs text-brand-700 underline xl:hidden" onClick={onClose}>
          Close
        </button>
      )}
      <ContactPanel
        summary={open.conversation.contact}
        contact={open.contact}
        source={open.conversation.source}
        otherConversations={open.otherConversations}
        numberLabel={numberLabel}
        onOpen={onOpen}
        now={now}
      />
      <NotesPanel notes={open.notes} team={team} onAdd={onAddNote} />
    </aside>
  );
}
