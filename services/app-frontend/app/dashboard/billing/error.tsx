'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function BillingError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Billing" />;
}
