'use client';

import type { Dispatch, RefObject } from 'react';
import type { UserDto } from '@aerostic/shared';
import type { useInboxThread } from '@/lib/inbox/hooks/use-inbox-thread';
import type { WindowState } from '@/lib/inbox/inbox-format';
import type { InboxAction, InboxState } from '@/lib/inbox/inbox-reducer';
import { retryInput } from '@/lib/inbox/inbox-thread';
import { Composer } from './composer';
import { Thread } from './thread';
import { ThreadSkeleton } from './thread-skeleton';

interface ThreadPaneProps {
  state: InboxState;
  team: UserDto[];
  window: WindowState;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  actions: ReturnType<typeof useInboxThread>;
  needTemplates: () => void;
  dispatch: Dispatch<InboxAction>;
}

/** The middle column: the open conversation with its composer, or why there is none. */
export function ThreadPane({ state, team, window, composerRef, actions, needTemplates, dispatch }: ThreadPaneProps) {
  const { thread, replyTo, showContact, templateRequest } = state;
  const { selectedId, open } = thread;
  if (thread.loading) return <ThreadSkeleton />;
  if (thread.error) {
    return (
      <div role="alert" className="p-6 text-sm text-danger-700">
        {thread.error}{' '}
        {selectedId && (
          <button type="button" className="underline" onClick={() => void actions.openConversation(selectedId)}>
            Try again
          </button>
        )}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="flex h-full items-center justify-center p-6 text-center text-sm text-ink-muted">
        <p>
          Choose a conversation to read and reply.
          <span className="mt-1 block text-xs text-ink-subtle">
            Keys: j / k or Alt+↓ / Alt+↑ to move between conversations, / or r to write.
          </span>
        </p>
      </div>
    );
  }

  const { conversation } = open;
  const templates = state.templates[conversation.whatsappAccountId];
  return (
    <Thread
      conversation={conversation}
      messages={open.messages}
      hasOlder={open.olderCursor !== null}
      loadingOlder={thread.loadingOlder}
      olderError={thread.olderError}
      team={team}
      templates={templates?.state === 'ready' ? templates.templates : undefined}
      window={window}
      updating={thread.updating}
      updateError={thread.updateError}
      onLoadOlder={() => void actions.loadOlder()}
      onUpdate={(patch) => void actions.update(patch)}
      onReply={(message) => {
        dispatch({ type: 'reply/chosen', message });
        composerRef.current?.focus();
      }}
      onReact={(message, emoji) => void actions.send({ type: 'reaction', reaction: { messageId: message.id, emoji } })}
      onRetry={(message) => {
        const input = retryInput(message);
        if (input) void actions.send(input);
      }}
      onUseTemplate={() => dispatch({ type: 'template/asked' })}
      onBack={() => dispatch({ type: 'thread/closed' })}
      composer={
        <>
          <Composer
            key={conversation.id}
            whatsappAccountId={conversation.whatsappAccountId}
            window={window}
            replyTo={replyTo}
            onCancelReply={() => dispatch({ type: 'reply/chosen', message: null })}
            onSend={actions.send}
            templates={templates ?? { state: 'loading' }}
            onNeedTemplates={needTemplates}
            textareaRef={composerRef}
            templateRequest={templateRequest}
            marketingOptedOut={open.contact?.marketingConsent === 'opted_out'}
            canAskForPhone={conversation.contact.waId === null}
            onSuggest={actions.suggest}
          />
          <div className="flex justify-end border-t border-line bg-surface px-3 py-1 xl:hidden">
            <button
              type="button"
              className="text-xs text-brand-700 underline"
              aria-expanded={showContact}
              onClick={() => dispatch({ type: 'contact/shown', show: !showContact })}
            >
              {showContact ? 'Hide contact and notes' : 'Contact and notes'}
            </button>
          </div>
        </>
      }
    />
  );
}
