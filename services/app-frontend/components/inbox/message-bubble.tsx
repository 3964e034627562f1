'use client';

import { useState } from 'react';
import type { AutomatedBy, MessageDto } from '@aerostic/shared';
import { cn } from '@/lib/cn';
import { messageTime } from '@/lib/inbox/inbox-format';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import type { ReactionChip } from '@/lib/inbox/inbox-thread';
import { messagePreview } from '@aerostic/shared';
import { MessageTicks } from './message-ticks';
import { MessageContent } from './messages/message-content';
import { ReferralCard } from './messages/referral-card';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

export interface MessageBubbleProps {
  message: MessageDto;
  quoted?: MessageDto;
  /** The message quotes one that is not loaded. */
  quotesUnknown?: boolean;
  reactions: ReactionChip[];
  templates?: InboxTemplate[];
  /** Whether free-form sends are possible now (retry needs the window; otherwise a template). */
  windowOpen: boolean;
  canRetry: boolean;
  onReply?: (message: MessageDto) => void;
  onReact?: (message: MessageDto, emoji: string) => void;
  onRetry?: (message: MessageDto) => void;
  onUseTemplate?: () => void;
}

const NOTICE_TYPES = ['system', 'reaction'];

export function MessageBubble({
  message,
  quoted,
  quotesUnknown,
  reactions,
  templates,
  windowOpen,
  canRetry,
  onReply,
  onReact,
  onRetry,
  onUseTemplate,
}: MessageBubbleProps) {
  const [picking, setPicking] = useState(false);
  const outbound = message.direction === 'outbound';

  if (NOTICE_TYPES.includes(message.type)) {
    return (
      <li className="flex justify-center px-4" data-message-id={message.id}>
        <div className="rounded-full bg-surface px-3 py-1 text-center shadow-sm">
          <MessageContent message={message} templates={templates} />
        </div>
      </li>
    );
  }

  // Only messages WhatsApp knows (with a wamid) can be quoted or reacted to.
  const actionable = Boolean(message.wamid) && message.status !== 'failed';
  return (
    <li
      className={cn('group flex flex-col px-4', outbound ? 'items-end' : 'items-start', reactions.length > 0 && 'mb-3')}
      data-message-id={message.id}
      aria-label={`${outbound ? 'Sent' : 'Received'} message`}
    >
      <div
        className={cn(
          'relative max-w-[min(34rem,85%)] rounded-xl px-3 py-2 text-sm shadow-sm',
          outbound ? 'rounded-br-sm bg-brand-50' : 'rounded-bl-sm bg-surface',
          message.status === 'failed' && 'border border-danger-600/40',
        )}
      >
        <ReferralCard message={message} />
        {(quoted || quotesUnknown) && (
          <blockquote className="mb-2 border-l-4 border-brand-500 bg-canvas px-2 py-1 text-xs text-ink-muted">
            <span className="block font-medium text-ink">
              {quoted ? (quoted.direction === 'outbound' ? 'You' : 'Customer') : 'Quoted message'}
            </span>
            <span className="line-clamp-2">
              {quoted ? messagePreview(quoted.type, quoted.content ?? {}) : 'An earlier message that is not loaded'}
            </span>
          </blockquote>
        )}
        <MessageContent message={message} templates={templates} />
        <div className="mt-1 flex items-center justify-end gap-1.5 text-[11px] text-ink-subtle">
          {message.automatedBy && <AutomatedBadge by={message.automatedBy} />}
          <time dateTime={message.sentAt ?? message.createdAt}>{messageTime(message)}</time>
          <MessageTicks message={message} />
        </div>
        {reactions.length > 0 && (
          <ul className="absolute -bottom-3 left-2 flex gap-1" aria-label="Reactions">
            {reactions.map((r) => (
              <li
                key={r.by}
                className="rounded-full border border-line bg-surface px-1.5 text-xs shadow-sm"
                title={r.by === 'customer' ? 'Customer reacted' : 'Your team reacted'}
                aria-label={`${r.by === 'customer' ? 'Customer' : 'Team'} reacted ${r.emoji}`}
              >
                {r.emoji}
              </li>
            ))}
          </ul>
        )}
      </div>
      {message.status === 'failed' && (
        <div role="alert" className="mt-1 max-w-[min(34rem,85%)] text-xs text-danger-700">
          <p>
            <strong>Not delivered</strong>
            {message.error ? (
              <>
                : {message.error.title ?? 'WhatsApp refused it'} (code {message.error.code})
                {message.error.details ? `. ${message.error.details}` : ''}
              </>
            ) : (
              '.'
            )}
          </p>
          {canRetry && windowOpen && onRetry && (
            <button type="button" className="mt-1 font-medium underline" onClick={() => onRetry(message)}>
              Retry
            </button>
          )}
          {(!windowOpen || message.error?.code === 131047) && onUseTemplate && (
            <button type="button" className="mt-1 ml-3 font-medium underline" onClick={onUseTemplate}>
              Send a template instead
            </button>
          )}
        </div>
      )}
      {actionable && (onReply || onReact) && (
        <div
          className={cn(
            'mt-1 flex gap-1 text-xs opacity-100 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100',
            reactions.length > 0 && 'mt-4',
          )}
        >
          {onReply && (
            <button
              type="button"
              className="rounded px-1.5 py-0.5 text-ink-muted hover:bg-surface"
              onClick={() => onReply(message)}
            >
              Reply
            </button>
          )}
          {onReact && (
            <button
              type="button"
              className="rounded px-1.5 py-0.5 text-ink-muted hover:bg-surface"
              aria-expanded={picking}
              onClick={() => setPicking((p) => !p)}
            >
              React
            </button>
          )}
          {picking && onReact && (
            <span
              role="group"
              aria-label="Pick a reaction"
              className="flex gap-0.5 rounded-full bg-surface px-1 shadow"
            >
              {QUICK_REACTIONS.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  aria-label={`React ${emoji}`}
                  className="rounded-full px-1 hover:bg-canvas"
                  onClick={() => {
                    setPicking(false);
                    onReact(message, emoji);
                  }}
                >
                  {emoji}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
    </li>
  );
}

/** Who wrote a message the team did not type: the AI, or an automation rule. */
function AutomatedBadge({ by }: { by: AutomatedBy }) {
  const [label, title] =
    by === 'ai' ? ['AI', 'Written and sent by the AI'] : ['Automated', 'Sent by an automation rule'];
  return (
    <span
      title={title}
      className={cn(
        'rounded-full px-1.5 py-px text-[10px] font-semibold uppercase tracking-wide',
        by === 'ai' ? 'bg-brand-100 text-brand-800' : 'bg-canvas text-ink-muted',
      )}
    >
      {label}
      <span className="sr-only"> ({title})</span>
    </span>
  );
}
