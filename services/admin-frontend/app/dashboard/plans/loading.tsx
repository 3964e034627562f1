import { SegmentLoading } from '@/components/segment-loading';

export default function PlansLoading() {
  return <SegmentLoading label="Loading Plans…" />;
}
