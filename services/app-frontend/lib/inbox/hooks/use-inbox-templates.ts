import { type Dispatch, useCallback, useEffect, useRef } from 'react';
import type { InboxAction } from '../inbox-reducer';
import type { InboxServer } from './inbox-server';

/**
 * The approved templates of the open conversation's number, asked once per number; a failed answer is asked
 * again the next time the picker opens. Sent templates show their text once the number's templates are known.
 */
export function useInboxTemplates(
  accountId: string | null,
  hasTemplateMessages: boolean,
  dispatch: Dispatch<InboxAction>,
  server: InboxServer,
): () => void {
  const requested = useRef(new Set<string>());
  const needTemplates = useCallback(() => {
    if (!accountId || requested.current.has(accountId)) return;
    requested.current.add(accountId);
    dispatch({ type: 'templates/requested', accountId });
    void server.listTemplates(accountId).then((result) => {
      if (!result.available) requested.current.delete(accountId);
      dispatch({ type: 'templates/loaded', accountId, result });
    });
  }, [accountId, dispatch, server]);

  useEffect(() => {
    if (!hasTemplateMessages) return;
    const timer = setTimeout(needTemplates, 0);
    return () => clearTimeout(timer);
  }, [hasTemplateMessages, needTemplates]);

  return needTemplates;
}
