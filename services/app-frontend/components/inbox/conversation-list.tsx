'use client';

import { useEffect, useRef } from 'react';
import type { ConversationDto, TeamDto, UserDto, WhatsAppAccountDto } from '@aerostic/shared';
import { cn } from '@/lib/cn';
import { shortTime } from '@/lib/inbox/inbox-format';
import { INBOX_STATUSES, INBOX_VIEWS, type InboxFilters } from '@/lib/inbox/inbox-query';

const STATUS_LABELS: Record<InboxFilters['status'], string> = {
  open: 'Open',
  pending: 'Pending',
  resolved: 'Resolved',
  all: 'All',
};
const VIEW_LABELS: Record<InboxFilters['view'], string> = { all: 'Everyone', mine: 'Mine', unassigned: 'Unassigned' };

interface ConversationListProps {
  conversations: ConversationDto[];
  selectedId: string | null;
  filters: InboxFilters;
  accounts: WhatsAppAccountDto[];
  team: UserDto[];
  /** Shown as a filter when the workspace has teams. */
  teams?: TeamDto[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  now: number;
  onFilters: (filters: InboxFilters) => void;
  onSelect: (id: string) => void;
  onLoadMore: () => void;
  onRetry: () => void;
}

export function ConversationList({
  conversations,
  selectedId,
  filters,
  accounts,
  team,
  teams = [],
  loading,
  error,
  hasMore,
  now,
  onFilters,
  onSelect,
  onLoadMore,
  onRetry,
}: ConversationListProps) {
  const sentinel = useRef<HTMLLIElement>(null);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Infinite scroll: the API's keyset cursor is followed when the end of the list comes into view.
  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onLoadMore();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore, conversations.length]);

  const assigneeName = (id: string | null) => (id ? (team.find((u) => u.id === id)?.name ?? 'Someone') : null);

  return (
    <section aria-label="Conversations" className="flex h-full min-h-0 flex-col">
      <div className="flex flex-col gap-2 border-b border-line p-3">
        <label className="sr-only" htmlFor="inbox-search">
          Search by name or number
        </label>
        <input
          id="inbox-search"
          type="search"
          defaultValue={filters.q ?? ''}
          placeholder="Search name or number"
          maxLength={100}
          onChange={(event) => {
            const value = event.target.value.trim();
            clearTimeout(searchTimer.current);
            searchTimer.current = setTimeout(() => onFilters({ ...filters, q: value || undefined }), 300);
          }}
          className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm"
        />
        <div role="group" aria-label="Status" className="flex flex-wrap gap-1">
          {INBOX_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              aria-pressed={filters.status === status}
              onClick={() => onFilters({ ...filters, status })}
              className={cn(
                'rounded-full px-2.5 py-0.5 text-xs',
                filters.status === status ? 'bg-brand-700 text-white' : 'bg-canvas text-ink-muted hover:text-ink',
              )}
            >
              {STATUS_LABELS[status]}
            </button>
          ))}
        </div>
        <div className="flex gap-2">
          <label className="flex flex-1 flex-col text-[11px] text-ink-subtle">
            Assigned to
            <select
              value={filters.view}
              onChange={(event) => onFilters({ ...filters, view: event.target.value as InboxFilters['view'] })}
              className="rounded-md border border-line bg-surface px-1 py-1 text-xs text-ink"
            >
              {INBOX_VIEWS.map((view) => (
                <option key={view} value={view}>
                  {VIEW_LABELS[view]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-1 flex-col text-[11px] text-ink-subtle">
            Number
            <select
              value={filters.number ?? ''}
              onChange={(event) => onFilters({ ...filters, number: event.target.value || undefined })}
              className="rounded-md border border-line bg-surface px-1 py-1 text-xs text-ink"
            >
              <option value="">All numbers</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  +{a.displayPhoneNumber}
                </option>
              ))}
            </select>
          </label>
          {teams.length > 0 && (
            <label className="flex flex-1 flex-col text-[11px] text-ink-subtle">
              Team
              <select
                value={filters.team ?? ''}
                onChange={(event) => onFilters({ ...filters, team: event.target.value || undefined })}
                className="rounded-md border border-line bg-surface px-1 py-1 text-xs text-ink"
              >
                <option value="">All teams</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto" aria-busy={loading || undefined}>
        {conversations.map((c) => {
          const selected = c.id === selectedId;
          const assignee = assigneeName(c.assigneeId);
          return (
            <li key={c.id}>
              <button
                type="button"
                data-conversation-id={c.id}
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(c.id)}
                className={cn(
                  'flex w-full flex-col gap-0.5 border-b border-line px-3 py-2 text-left text-sm focus-visible:-outline-offset-2',
                  selected ? 'bg-brand-50' : 'hover:bg-canvas',
                )}
              >
                <span className="flex items-center justify-between gap-2">
                  <span className={cn('truncate', c.unreadCount > 0 && 'font-semibold')}>{c.contact.displayName}</span>
                  <span className="shrink-0 text-[11px] text-ink-subtle">{shortTime(c.lastMessageAt, now)}</span>
                </span>
                <span className="flex items-center justify-between gap-2">
                  <span className="truncate text-xs text-ink-muted">{c.lastMessagePreview ?? 'No messages yet'}</span>
                  {c.unreadCount > 0 && (
                    <span
                      className="shrink-0 rounded-full bg-brand-700 px-1.5 text-[11px] font-semibold text-white"
                      aria-label={`${c.unreadCount} unread`}
                    >
                      {c.unreadCount > 99 ? '99+' : c.unreadCount}
                    </span>
                  )}
                </span>
                {(assignee || c.status !== 'open') && (
                  <span className="text-[11px] text-ink-subtle">
                    {[assignee ? `→ ${assignee}` : null, c.status !== 'open' ? c.status : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                )}
              </button>
            </li>
          );
        })}
        {loading && <ListSkeleton />}
        {!loading && error && (
          <li className="p-4 text-sm text-danger-700">
            <p role="alert">
              {error}{' '}
              <button type="button" className="underline" onClick={onRetry}>
                Try again
              </button>
            </p>
          </li>
        )}
        {!loading && !error && conversations.length === 0 && (
          <li className="p-6 text-center text-sm text-ink-muted">
            {filters.q
              ? `No conversation matches “${filters.q}”.`
              : accounts.length === 0
                ? 'No WhatsApp number is connected yet. Connect one on the WhatsApp page and customers’ messages arrive here.'
                : 'No conversations here. New messages from customers appear at once.'}
          </li>
        )}
        {hasMore && !loading && !error && (
          <li ref={sentinel} className="p-2 text-center">
            <button type="button" className="text-xs text-brand-700 underline" onClick={onLoadMore}>
              Load more
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}

export function ListSkeleton() {
  return (
    // The roles sit inside the item: a list may hold only plain list items, which a live-region role on the
    // <li> itself would no longer be.
    <li>
      <div role="status" aria-label="Loading conversations" className="flex animate-pulse flex-col gap-3 p-3">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex flex-col gap-1.5">
            <div className="h-3 w-2/3 rounded bg-line" />
            <div className="h-2.5 w-5/6 rounded bg-line/70" />
          </div>
        ))}
      </div>
    </li>
  );
}
