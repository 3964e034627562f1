'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function QuotasError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Quotas" />;
}
