'use client';

import { type ReactNode, useLayoutEffect, useMemo, useRef } from 'react';
import type { ConversationDto, ConversationStatus, MessageDto, UserDto } from '@aerostic/shared';
import { CONVERSATION_STATUSES } from '@aerostic/shared';
import { cn } from '@/lib/cn';
import type { WindowState } from '@/lib/inbox/inbox-format';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import { quotedMessage, reactionChips, retryInput, teamReactions, visibleMessages } from '@/lib/inbox/inbox-thread';
import { MessageBubble } from './message-bubble';

interface ThreadProps {
  conversation: ConversationDto;
  messages: MessageDto[];
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: string | null;
  team: UserDto[];
  templates?: InboxTemplate[];
  window: WindowState;
  updating: boolean;
  updateError: string | null;
  onLoadOlder: () => void;
  onUpdate: (patch: { status?: ConversationStatus; assigneeId?: string | null }) => void;
  onReply: (message: MessageDto) => void;
  onReact: (message: MessageDto, emoji: string) => void;
  onRetry: (message: MessageDto) => void;
  onUseTemplate: () => void;
  onBack: () => void;
  composer: ReactNode;
}

const STATUS_LABELS: Record<ConversationStatus, string> = { open: 'Open', pending: 'Pending', resolved: 'Resolved' };

export function Thread({
  conversation,
  messages,
  hasOlder,
  loadingOlder,
  olderError,
  team,
  templates,
  window,
  updating,
  updateError,
  onLoadOlder,
  onUpdate,
  onReply,
  onReact,
  onRetry,
  onUseTemplate,
  onBack,
  composer,
}: ThreadProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const previous = useRef<{
    conversationId: string;
    first?: string;
    last?: string;
    height: number;
    nearBottom: boolean;
  }>(null);

  const shown = useMemo(() => visibleMessages(messages), [messages]);
  const team_ = useMemo(() => teamReactions(messages), [messages]);

  // Keep the reader's place: older messages prepended keep the view still; new ones scroll down only when the
  // reader was already at the bottom; a newly opened conversation starts at its newest message.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    const first = shown[0]?.id;
    const last = shown.at(-1)?.id;
    if (!before || before.conversationId !== conversation.id) el.scrollTop = el.scrollHeight;
    else if (before.first !== first && before.last === last) el.scrollTop += el.scrollHeight - before.height;
    else if (before.last !== last && before.nearBottom) el.scrollTop = el.scrollHeight;
    previous.current = {
      conversationId: conversation.id,
      first,
      last,
      height: el.scrollHeight,
      nearBottom: el.scrollHeight - el.scrollTop - el.clientHeight < 80,
    };
  }, [shown, conversation.id]);

  return (
    <section
      aria-label={`Conversation with ${conversation.contact.displayName}`}
      className="flex h-full min-h-0 flex-col"
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-line bg-surface px-4 py-2">
        <button type="button" onClick={onBack} className="text-sm text-brand-700 underline lg:hidden">
          ← Conversations
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{conversation.contact.displayName}</h2>
          <p
            className={cn('text-xs', window.open ? 'text-success-700' : 'text-warning-700')}
            aria-live="polite"
            data-testid="service-window"
          >
            {window.label}
          </p>
        </div>
        <label className="flex items-center gap-1 text-xs text-ink-muted">
          Status
          <select
            value={conversation.status}
            disabled={updating}
            onChange={(event) => onUpdate({ status: event.target.value as ConversationStatus })}
            className="rounded-md border border-line bg-surface px-1 py-1 text-xs text-ink"
          >
            {CONVERSATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-ink-muted">
          Assignee
          <select
            value={conversation.assigneeId ?? ''}
            disabled={updating}
            onChange={(event) => onUpdate({ assigneeId: event.target.value || null })}
            className="max-w-40 rounded-md border border-line bg-surface px-1 py-1 text-xs text-ink"
          >
            <option value="">Unassigned</option>
            {team.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
            {conversation.assigneeId && !team.some((u) => u.id === conversation.assigneeId) && (
              <option value={conversation.assigneeId}>A former member</option>
            )}
          </select>
        </label>
        {updateError && (
          <p role="alert" className="w-full text-xs text-danger-700">
            {updateError}
          </p>
        )}
      </header>
      <div
        ref={scroller}
        className="min-h-0 flex-1 overflow-y-auto bg-canvas py-3"
        onScroll={(event) => {
          if (event.currentTarget.scrollTop < 120 && hasOlder && !loadingOlder && !olderError) onLoadOlder();
        }}
      >
        {hasOlder && (
          <div className="flex justify-center pb-2">
            {loadingOlder ? (
              <span role="status" className="text-xs text-ink-subtle">
                Loading earlier messages…
              </span>
            ) : (
              <button type="button" onClick={onLoadOlder} className="text-xs text-brand-700 underline">
                {olderError ? `${olderError} Try again` : 'Load earlier messages'}
              </button>
            )}
          </div>
        )}
        {shown.length === 0 ? (
          <p className="p-6 text-center text-sm text-ink-muted">No messages in this conversation yet.</p>
        ) : (
          <ol className="flex flex-col gap-2" aria-label="Messages">
            {shown.map((message) => {
              const quoted = quotedMessage(messages, message);
              const quotes = Boolean(
                message.replyToWamid ?? (message.content.context as { id?: string } | undefined)?.id,
              );
              return (
                <MessageBubble
                  key={message.id}
                  message={message}
                  quoted={quoted}
                  quotesUnknown={quotes && !quoted}
                  reactions={reactionChips(message, team_)}
                  templates={templates}
                  windowOpen={window.open}
                  canRetry={retryInput(message) !== undefined}
                  onReply={window.open ? onReply : undefined}
                  onReact={window.open ? onReact : undefined}
                  onRetry={onRetry}
                  onUseTemplate={onUseTemplate}
                />
              );
            })}
          </ol>
        )}
      </div>
      {composer}
    </section>
  );
}
