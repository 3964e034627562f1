'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  ConversationDto,
  ConversationStatus,
  MessageDto,
  NoteDto,
  Page,
  UserDto,
  WhatsAppAccountDto,
} from '@aerostic/shared';
import {
  addNoteAction,
  listTemplatesAction,
  loadConversationsAction,
  loadOlderMessagesAction,
  loadThreadAction,
  markReadAction,
  sendMessageAction,
  updateConversationAction,
} from '@/app/dashboard/inbox/actions';
import { cn } from '@/lib/cn';
import type { ThreadData } from '@/lib/inbox/inbox-api';
import { inboxTitle, windowState } from '@/lib/inbox/inbox-format';
import { type InboxFilters, belongsInList, inboxHref } from '@/lib/inbox/inbox-query';
import {
  LiveVersions,
  mergeMessages,
  retryInput,
  sortConversations,
  unreadConversations,
  upsertConversation,
} from '@/lib/inbox/inbox-thread';
import { type RealtimeStatus, useRealtime } from '@/lib/realtime';
import { Composer, type OutgoingMessage, type SendOutcome } from './composer';
import { ContactPanel } from './contact-panel';
import { ConversationList } from './conversation-list';
import { NotesPanel } from './notes-panel';
import type { TemplatesState } from './template-picker';
import { Thread } from './thread';

export interface InboxShellProps {
  userId: string;
  accounts: WhatsAppAccountDto[];
  team: UserDto[];
  filters: InboxFilters;
  initialPage: Page<ConversationDto> | null;
  initialError: string | null;
  initialThread: ThreadData | null;
  threadError: string | null;
}

interface ThreadState {
  conversation: ConversationDto;
  messages: MessageDto[];
  olderCursor: string | null;
  notes: NoteDto[];
  contact: ThreadData['contact'];
  otherConversations: ConversationDto[];
}

/** Puts a pushed or just-updated conversation in the loaded list, or takes it out (see belongsInList). */
function placeConversation(
  list: ConversationDto[],
  conversation: ConversationDto,
  filters: InboxFilters,
  userId: string,
  openId: string | null,
): ConversationDto[] {
  const inList = list.some((c) => c.id === conversation.id);
  const belongs = belongsInList(conversation, filters, userId, { inList, isOpen: conversation.id === openId });
  return upsertConversation(list, conversation, belongs);
}

function toThreadState(data: ThreadData): ThreadState {
  return {
    conversation: data.conversation,
    messages: mergeMessages([], data.messages.data),
    olderCursor: data.messages.nextCursor,
    notes: data.notes,
    contact: data.contact,
    otherConversations: data.otherConversations,
  };
}

const TICK_MS = 30_000;

/** The live inbox: the list, the open conversation and its contact, kept current over Socket.IO. */
export function InboxShell(props: InboxShellProps) {
  const { userId, accounts, team } = props;
  const [filters, setFilters] = useState(props.filters);
  const [conversations, setConversations] = useState<ConversationDto[]>(props.initialPage?.data ?? []);
  const [cursor, setCursor] = useState<string | null>(props.initialPage?.nextCursor ?? null);
  const [listLoading, setListLoading] = useState(false);
  const [listError, setListError] = useState<string | null>(props.initialError);
  const [selectedId, setSelectedId] = useState<string | null>(props.initialThread?.conversation.id ?? null);
  const [thread, setThread] = useState<ThreadState | null>(
    props.initialThread ? toThreadState(props.initialThread) : null,
  );
  const [threadLoading, setThreadLoading] = useState(false);
  const [threadError, setThreadError] = useState<string | null>(props.threadError);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [updating, setUpdating] = useState(false);
  const [updateError, setUpdateError] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);
  const [templates, setTemplates] = useState<Record<string, TemplatesState>>({});
  const [templateRequest, setTemplateRequest] = useState(0);
  const [showContact, setShowContact] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const listRequest = useRef(0);
  const threadRequest = useRef(0);
  const liveMessages = useRef(new LiveVersions<MessageDto>());
  const liveConversations = useRef(new LiveVersions<ConversationDto>());
  // Socket handlers and key bindings read the open conversation without re-subscribing on every change.
  const selectedRef = useRef(selectedId);
  const filtersRef = useRef(filters);
  useEffect(() => {
    selectedRef.current = selectedId;
  }, [selectedId]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  // The tab title counts conversations with unread messages, so a waiting customer shows in the tab bar.
  const unread = unreadConversations(conversations);
  useEffect(() => {
    document.title = inboxTitle(unread);
  }, [unread]);

  // URL state: reload (or a shared link) lands on the same filters and conversation.
  useEffect(() => {
    const href = inboxHref(filters, selectedId);
    if (`${window.location.pathname}${window.location.search}` !== href) window.history.replaceState(null, '', href);
  }, [filters, selectedId]);

  const loadList = useCallback(
    async (next: InboxFilters, after: string | null) => {
      const request = ++listRequest.current;
      const mark = liveConversations.current.mark();
      setListLoading(true);
      setListError(null);
      const result = await loadConversationsAction(next, after);
      if (request !== listRequest.current) return;
      setListLoading(false);
      if (!result.ok) {
        setListError(result.message);
        return;
      }
      // What events brought while the list was being read is newer than what was read.
      const late = liveConversations.current.since(mark);
      liveConversations.current.forget(mark);
      setConversations((current) => {
        let list = after ? sortConversations(dedupe([...current, ...result.data.data])) : result.data.data;
        for (const conversation of late)
          list = placeConversation(list, conversation, next, userId, selectedRef.current);
        return list;
      });
      setCursor(result.data.nextCursor);
    },
    [userId],
  );

  const changeFilters = useCallback(
    (next: InboxFilters) => {
      filtersRef.current = next;
      setFilters(next);
      setConversations([]);
      setCursor(null);
      void loadList(next, null);
    },
    [loadList],
  );

  const loadMore = useCallback(() => {
    if (cursor && !listLoading) void loadList(filters, cursor);
  }, [cursor, listLoading, filters, loadList]);

  const markRead = useCallback(async (conversation: ConversationDto) => {
    if (conversation.unreadCount === 0) return;
    const result = await markReadAction(conversation.id);
    if (result.ok) setConversations((list) => list.map((c) => (c.id === result.data.id ? result.data : c)));
  }, []);

  const openConversation = useCallback(
    async (id: string, options: { quiet?: boolean } = {}) => {
      const request = ++threadRequest.current;
      if (selectedRef.current !== id) liveMessages.current.clear();
      const mark = liveMessages.current.mark();
      selectedRef.current = id;
      setSelectedId(id);
      setShowContact(false);
      if (!options.quiet) {
        setReplyTo(null);
        setThreadLoading(true);
        setThreadError(null);
        setOlderError(null);
        setUpdateError(null);
      }
      const result = await loadThreadAction(id);
      if (request !== threadRequest.current) return;
      setThreadLoading(false);
      if (!result.ok) {
        setThreadError(result.status === 404 ? 'This conversation no longer exists.' : result.message);
        setThread(null);
        return;
      }
      setThreadError(null);
      setThread((current) => {
        const fresh = toThreadState(result.data);
        // A catch-up keeps the older pages already loaded.
        const kept =
          options.quiet && current?.conversation.id === id
            ? { ...fresh, messages: mergeMessages(current.messages, fresh.messages), olderCursor: current.olderCursor }
            : fresh;
        // What events brought while the thread was being read is newer than what was read.
        const late = liveMessages.current.since(mark, (message) => message.conversationId === id);
        return late.length > 0 ? { ...kept, messages: mergeMessages(kept.messages, late) } : kept;
      });
      if (!document.hidden) void markRead(result.data.conversation);
    },
    [markRead],
  );

  const loadOlder = useCallback(async () => {
    if (!thread?.olderCursor || loadingOlder) return;
    const id = thread.conversation.id;
    setLoadingOlder(true);
    setOlderError(null);
    const result = await loadOlderMessagesAction(id, thread.olderCursor);
    setLoadingOlder(false);
    if (!result.ok) {
      setOlderError(result.message);
      return;
    }
    setThread((current) =>
      current && current.conversation.id === id
        ? {
            ...current,
            messages: mergeMessages(current.messages, result.data.data),
            olderCursor: result.data.nextCursor,
          }
        : current,
    );
  }, [thread, loadingOlder]);

  // Live updates.
  const status: RealtimeStatus = useRealtime({
    'message.created': ({ conversationId, message }) => {
      if (conversationId !== selectedRef.current) return;
      liveMessages.current.record(message);
      setThread((current) =>
        current && current.conversation.id === conversationId
          ? { ...current, messages: mergeMessages(current.messages, [message]) }
          : current,
      );
    },
    'message.updated': ({ conversationId, message }) => {
      if (conversationId === selectedRef.current) liveMessages.current.record(message);
      setThread((current) =>
        current && current.conversation.id === conversationId
          ? { ...current, messages: mergeMessages(current.messages, [message]) }
          : current,
      );
    },
    'conversation.updated': ({ conversation }) => {
      liveConversations.current.record(conversation);
      const openId = selectedRef.current;
      const open = conversation.id === openId;
      setConversations((list) => placeConversation(list, conversation, filtersRef.current, userId, openId));
      if (open) {
        setThread((current) =>
          current && current.conversation.id === conversation.id ? { ...current, conversation } : current,
        );
        // The agent is looking at it: what just came in is read.
        if (conversation.unreadCount > 0 && !document.hidden) void markRead(conversation);
      }
    },
    'note.created': ({ conversationId, note }) => {
      setThread((current) =>
        current && current.conversation.id === conversationId && !current.notes.some((n) => n.id === note.id)
          ? { ...current, notes: [...current.notes, note] }
          : current,
      );
    },
    onCatchUp: () => {
      // Events sent before the socket was live (after the page rendered, or while it was down) never arrive.
      void loadList(filtersRef.current, null);
      if (selectedRef.current) void openConversation(selectedRef.current, { quiet: true });
    },
  });

  // Catch up too when the tab comes back after being hidden (laptops asleep, phones locked).
  useEffect(() => {
    const onVisible = () => {
      if (document.hidden) return;
      const current = conversations.find((c) => c.id === selectedRef.current);
      if (current) void markRead(current);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [conversations, markRead]);

  // Opening the page on a conversation with unread messages reads them.
  const initialThread = props.initialThread;
  useEffect(() => {
    if (!initialThread) return;
    // After the first paint: reading is a write, and not what the page waits for.
    const timer = setTimeout(() => void markRead(initialThread.conversation), 0);
    return () => clearTimeout(timer);
  }, [initialThread, markRead]);

  const conversation = thread?.conversation ?? null;
  const window_ = useMemo(
    () => (conversation ? windowState(conversation.window, now) : { open: false, leftMs: 0, label: '' }),
    [conversation, now],
  );
  // Close the composer exactly when the window closes, not at the next tick.
  useEffect(() => {
    if (!window_.open || window_.leftMs <= 0 || window_.leftMs > TICK_MS) return;
    const timer = setTimeout(() => setNow(Date.now()), window_.leftMs + 50);
    return () => clearTimeout(timer);
  }, [window_]);

  const accountId = conversation?.whatsappAccountId ?? null;
  // Asked once per number; a failed answer is asked again the next time the picker opens.
  const templatesRequested = useRef(new Set<string>());
  const needTemplates = useCallback(() => {
    if (!accountId || templatesRequested.current.has(accountId)) return;
    templatesRequested.current.add(accountId);
    setTemplates((current) => ({ ...current, [accountId]: { state: 'loading' } }));
    void listTemplatesAction(accountId).then((result) => {
      if (!result.available) templatesRequested.current.delete(accountId);
      setTemplates((latest) => ({
        ...latest,
        [accountId]: result.available
          ? { state: 'ready', templates: result.templates }
          : { state: 'unavailable', message: result.message },
      }));
    });
  }, [accountId]);
  // Sent templates show their text when the number's templates are known.
  const hasTemplateMessages = thread?.messages.some((m) => m.type === 'template') ?? false;
  useEffect(() => {
    if (!hasTemplateMessages) return;
    const timer = setTimeout(needTemplates, 0);
    return () => clearTimeout(timer);
  }, [hasTemplateMessages, needTemplates]);
  const accountTemplates = accountId ? templates[accountId] : undefined;

  const send = useCallback(
    async (message: OutgoingMessage): Promise<SendOutcome> => {
      if (!conversation) return { ok: false, message: 'Open a conversation first.' };
      const id = conversation.id;
      const result = await sendMessageAction(id, message, crypto.randomUUID());
      if (!result.ok) return { ok: false, message: result.message };
      setThread((current) =>
        current && current.conversation.id === id
          ? { ...current, messages: mergeMessages(current.messages, [result.data]) }
          : current,
      );
      return { ok: true };
    },
    [conversation],
  );

  const update = useCallback(
    async (patch: { status?: ConversationStatus; assigneeId?: string | null }) => {
      if (!conversation) return;
      setUpdating(true);
      setUpdateError(null);
      const result = await updateConversationAction(conversation.id, patch);
      setUpdating(false);
      if (!result.ok) {
        setUpdateError(result.message);
        return;
      }
      setThread((current) =>
        current && current.conversation.id === result.data.id ? { ...current, conversation: result.data } : current,
      );
      // The updated conversation is the open one.
      setConversations((list) => placeConversation(list, result.data, filtersRef.current, userId, result.data.id));
    },
    [conversation, userId],
  );

  // Keyboard: j / Alt+↓ next conversation, k / Alt+↑ previous, / or r to write.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const next =
        (event.altKey && event.key === 'ArrowDown') ||
        (!typing && !event.altKey && !event.ctrlKey && !event.metaKey && event.key === 'j');
      const previous =
        (event.altKey && event.key === 'ArrowUp') ||
        (!typing && !event.altKey && !event.ctrlKey && !event.metaKey && event.key === 'k');
      if (next || previous) {
        if (conversations.length === 0) return;
        event.preventDefault();
        const index = conversations.findIndex((c) => c.id === selectedRef.current);
        const target_ =
          index === -1
            ? conversations[0]
            : conversations[Math.min(conversations.length - 1, Math.max(0, index + (next ? 1 : -1)))];
        if (target_ && target_.id !== selectedRef.current) {
          void openConversation(target_.id);
          document
            .querySelector<HTMLElement>(`[data-conversation-id="${target_.id}"]`)
            ?.scrollIntoView({ block: 'nearest' });
        }
        return;
      }
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === '/' || event.key === 'r')) {
        if (!composerRef.current) return;
        event.preventDefault();
        composerRef.current.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [conversations, openConversation]);

  const numberLabel = useCallback(
    (id: string) => {
      const account = accounts.find((a) => a.id === id);
      return account ? `+${account.displayPhoneNumber}` : 'A disconnected number';
    },
    [accounts],
  );

  return (
    <div className="-mx-4 -my-6 flex h-[calc(100dvh-3.5rem)] min-h-[30rem] flex-col lg:-mx-8">
      <h1 className="sr-only">Inbox</h1>
      <ConnectionBanner status={status} />
      <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[18rem_minmax(0,1fr)] xl:grid-cols-[19rem_minmax(0,1fr)_17rem]">
        <div className={cn('min-h-0 border-r border-line bg-surface', selectedId ? 'hidden lg:block' : 'block')}>
          <ConversationList
            conversations={conversations}
            selectedId={selectedId}
            filters={filters}
            accounts={accounts}
            team={team}
            loading={listLoading}
            error={listError}
            hasMore={cursor !== null}
            now={now}
            onFilters={changeFilters}
            onSelect={(id) => void openConversation(id)}
            onLoadMore={loadMore}
            onRetry={() => void loadList(filters, null)}
          />
        </div>
        <div className={cn('min-h-0', selectedId ? 'block' : 'hidden lg:block')}>
          {threadLoading ? (
            <ThreadSkeleton />
          ) : threadError ? (
            <div role="alert" className="p-6 text-sm text-danger-700">
              {threadError}{' '}
              {selectedId && (
                <button type="button" className="underline" onClick={() => void openConversation(selectedId)}>
                  Try again
                </button>
              )}
            </div>
          ) : thread && conversation ? (
            <Thread
              conversation={conversation}
              messages={thread.messages}
              hasOlder={thread.olderCursor !== null}
              loadingOlder={loadingOlder}
              olderError={olderError}
              team={team}
              templates={accountTemplates?.state === 'ready' ? accountTemplates.templates : undefined}
              window={window_}
              updating={updating}
              updateError={updateError}
              onLoadOlder={() => void loadOlder()}
              onUpdate={(patch) => void update(patch)}
              onReply={(message) => {
                setReplyTo(message);
                composerRef.current?.focus();
              }}
              onReact={(message, emoji) => void send({ type: 'reaction', reaction: { messageId: message.id, emoji } })}
              onRetry={(message) => {
                const input = retryInput(message);
                if (input) void send(input);
              }}
              onUseTemplate={() => setTemplateRequest((n) => n + 1)}
              onBack={() => setSelectedId(null)}
              composer={
                <>
                  <Composer
                    key={conversation.id}
                    whatsappAccountId={conversation.whatsappAccountId}
                    window={window_}
                    replyTo={replyTo}
                    onCancelReply={() => setReplyTo(null)}
                    onSend={send}
                    templates={accountTemplates ?? { state: 'loading' }}
                    onNeedTemplates={needTemplates}
                    textareaRef={composerRef}
                    templateRequest={templateRequest}
                  />
                  <div className="flex justify-end border-t border-line bg-surface px-3 py-1 xl:hidden">
                    <button
                      type="button"
                      className="text-xs text-brand-700 underline"
                      aria-expanded={showContact}
                      onClick={() => setShowContact((s) => !s)}
                    >
                      {showContact ? 'Hide contact and notes' : 'Contact and notes'}
                    </button>
                  </div>
                </>
              }
            />
          ) : (
            <div className="flex h-full items-center justify-center p-6 text-center text-sm text-ink-muted">
              <p>
                Choose a conversation to read and reply.
                <span className="mt-1 block text-xs text-ink-subtle">
                  Keys: j / k or Alt+↓ / Alt+↑ to move between conversations, / or r to write.
                </span>
              </p>
            </div>
          )}
        </div>
        {thread && conversation && (
          <aside
            aria-label="Contact and notes"
            className={cn(
              'min-h-0 overflow-y-auto border-l border-line bg-surface',
              showContact
                ? 'fixed inset-y-0 right-0 z-30 w-80 max-w-full shadow-xl xl:static xl:w-auto xl:shadow-none'
                : 'hidden xl:block',
            )}
          >
            {showContact && (
              <button
                type="button"
                className="m-2 text-xs text-brand-700 underline xl:hidden"
                onClick={() => setShowContact(false)}
              >
                Close
              </button>
            )}
            <ContactPanel
              summary={conversation.contact}
              contact={thread.contact}
              otherConversations={thread.otherConversations}
              numberLabel={numberLabel}
              onOpen={(id) => void openConversation(id)}
              now={now}
            />
            <NotesPanel
              notes={thread.notes}
              team={team}
              onAdd={async (body) => {
                const result = await addNoteAction(conversation.id, body);
                if (!result.ok) return { ok: false, message: result.message };
                setThread((current) =>
                  current &&
                  current.conversation.id === conversation.id &&
                  !current.notes.some((n) => n.id === result.data.id)
                    ? { ...current, notes: [...current.notes, result.data] }
                    : current,
                );
                return { ok: true };
              }}
            />
          </aside>
        )}
      </div>
    </div>
  );
}

function dedupe(list: ConversationDto[]): ConversationDto[] {
  const seen = new Map<string, ConversationDto>();
  for (const c of list) seen.set(c.id, c);
  return [...seen.values()];
}

function ConnectionBanner({ status }: { status: RealtimeStatus }) {
  if (status === 'live' || status === 'connecting') return null;
  return (
    <p role="status" className="bg-warning-50 px-4 py-1 text-center text-xs text-warning-700">
      {status === 'refused'
        ? 'Live updates are off: your session was not accepted. Reload the page or log in again.'
        : 'Connection lost. Reconnecting… New messages will appear once it is back.'}
    </p>
  );
}

export function ThreadSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the conversation"
      className="flex h-full animate-pulse flex-col gap-3 bg-canvas p-4"
    >
      <div className="h-6 w-48 rounded bg-line" />
      <div className="h-10 w-2/3 rounded-xl bg-line/70" />
      <div className="h-10 w-1/2 self-end rounded-xl bg-line/70" />
      <div className="h-16 w-3/5 rounded-xl bg-line/70" />
    </div>
  );
}
