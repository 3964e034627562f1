import { SegmentLoading } from '@/components/segment-loading';

export default function RateCardLoading() {
  return <SegmentLoading label="Loading Rate card…" />;
}
