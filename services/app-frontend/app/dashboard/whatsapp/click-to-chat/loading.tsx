import { SegmentLoading } from '@/components/segment-loading';

export default function ClickToChatLoading() {
  return <SegmentLoading label="Loading click to chat…" />;
}
