import { SegmentLoading } from '@/components/segment-loading';

export default function OverviewLoading() {
  return <SegmentLoading label="Loading Overview…" />;
}
