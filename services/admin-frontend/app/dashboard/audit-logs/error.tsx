'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function AuditLogsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Audit logs" />;
}
