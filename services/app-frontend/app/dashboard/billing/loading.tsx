import { SegmentLoading } from '@/components/segment-loading';

export default function BillingLoading() {
  return <SegmentLoading label="Loading Billing…" />;
}
