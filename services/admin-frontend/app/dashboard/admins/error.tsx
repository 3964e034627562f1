'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function AdminsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Admins" />;
}
