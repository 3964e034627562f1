import { SegmentLoading } from '@/components/segment-loading';

export default function TenantLoading() {
  return <SegmentLoading label="Loading the tenant…" />;
}
