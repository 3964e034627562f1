import { SegmentLoading } from '@/components/segment-loading';

export default function AuditLogsLoading() {
  return <SegmentLoading label="Loading Audit logs…" />;
}
