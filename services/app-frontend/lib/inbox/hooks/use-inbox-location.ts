import { useEffect } from 'react';
import { inboxTitle } from '../inbox-format';
import { type InboxFilters, inboxHref } from '../inbox-query';

/**
 * The tab title counts conversations with unread messages, so a waiting customer shows in the tab bar; the URL
 * holds the filters and the open conversation, so a reload (or a shared link) lands on the same place.
 */
export function useInboxLocation(filters: InboxFilters, selectedId: string | null, unread: number): void {
  useEffect(() => {
    document.title = inboxTitle(unread);
  }, [unread]);

  useEffect(() => {
    const href = inboxHref(filters, selectedId);
    if (`${window.location.pathname}${window.location.search}` !== href) window.history.replaceState(null, '', href);
  }, [filters, selectedId]);
}
