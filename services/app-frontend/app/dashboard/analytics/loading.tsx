import { SegmentLoading } from '@/components/segment-loading';

export default function AnalyticsLoading() {
  return <SegmentLoading label="Loading Analytics…" />;
}
