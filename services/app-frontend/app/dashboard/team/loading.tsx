import { SegmentLoading } from '@/components/segment-loading';

export default function TeamLoading() {
  return <SegmentLoading label="Loading Team…" />;
}
