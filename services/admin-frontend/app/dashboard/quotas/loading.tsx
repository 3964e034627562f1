import { SegmentLoading } from '@/components/segment-loading';

export default function QuotasLoading() {
  return <SegmentLoading label="Loading Quotas…" />;
}
