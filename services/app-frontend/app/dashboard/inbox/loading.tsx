import { ThreadSkeleton } from '@/components/inbox/thread-skeleton';
import { ListSkeleton } from '@/components/inbox/conversation-list';

export default function InboxLoading() {
  return (
    <div className="-mx-4 -my-6 grid h-[calc(100dvh-3.5rem)] grid-cols-1 lg:-mx-8 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <span className="sr-only" role="status">
        Loading Inbox…
      </span>
      <ul className="border-r border-line bg-surface" aria-hidden="true">
        <ListSkeleton />
      </ul>
      <div className="hidden lg:block" aria-hidden="true">
        <ThreadSkeleton />
      </div>
    </div>
  );
}
