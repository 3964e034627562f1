import type { ReactNode } from 'react';
import type { Page } from '@aerostic/shared';
import { Pager } from './ui/pager';
import { Panel } from './ui/panel';
import { EmptyState } from './ui/table';

/** What an empty list says: its title, and what to try. */
export interface EmptyListText {
  title: string;
  hint?: string;
}

interface ListPanelProps {
  id: string;
  heading: string;
  intro?: ReactNode;
  /** This page of the list: no rows shows the empty state instead of the table. */
  page: Page<unknown>;
  /** Keyset paging of the list, with the filters each page keeps. */
  paging: { label: string; path: string; filters: Record<string, string | undefined>; cursor?: string };
  empty: EmptyListText;
  children: ReactNode;
}

/** One page of a filtered list: its table, or what to try when nothing matches, then the way to the next page. */
export function ListPanel({ id, heading, intro, page, paging, empty, children }: ListPanelProps) {
  return (
    <Panel id={id} heading={heading} intro={intro}>
      {page.data.length === 0 ? <EmptyState title={empty.title}>{empty.hint}</EmptyState> : children}
      <Pager {...paging} nextCursor={page.nextCursor} />
    </Panel>
  );
}
