import { SegmentLoading } from '@/components/segment-loading';

export default function AdminsLoading() {
  return <SegmentLoading label="Loading Admins…" />;
}
