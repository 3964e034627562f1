import { SegmentLoading } from '@/components/segment-loading';

export default function InboxLoading() {
  return <SegmentLoading label="Loading Inbox…" />;
}
