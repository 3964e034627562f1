import { SegmentLoading } from '@/components/segment-loading';

export default function TenantsLoading() {
  return <SegmentLoading label="Loading Tenants…" />;
}
