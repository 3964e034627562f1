import { type Dispatch, useCallback, useRef } from 'react';
import type { InboxFilters } from '../inbox-query';
import type { InboxAction } from '../inbox-reducer';
import type { ListState } from '../list-state';
import type { InboxServer } from './inbox-server';

/** Reads of the conversation list: a new filter, a reload (retry or catch-up), and the next page. */
export function useInboxList(list: ListState, dispatch: Dispatch<InboxAction>, server: InboxServer) {
  const requests = useRef(0);

  const load = useCallback(
    async (filters: InboxFilters, cursor: string | null, changed: boolean) => {
      const request = ++requests.current;
      dispatch({ type: 'list/requested', request, filters: changed ? filters : undefined });
      const result = await server.loadConversations(filters, cursor);
      dispatch(
        result.ok
          ? { type: 'list/loaded', request, page: result.data, append: cursor !== null }
          : { type: 'list/failed', request, message: result.message },
      );
    },
    [dispatch, server],
  );

  const { filters, cursor, loading } = list;
  const changeFilters = useCallback((next: InboxFilters) => void load(next, null, true), [load]);
  const reload = useCallback(() => void load(filters, null, false), [load, filters]);
  const loadMore = useCallback(() => {
    if (cursor && !loading) void load(filters, cursor, false);
  }, [load, filters, cursor, loading]);

  return { changeFilters, reload, loadMore };
}
