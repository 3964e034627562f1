'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function RateCardError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Rate card" />;
}
