'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function PlansError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Plans" />;
}
