'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function ControlTowerError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Control Tower" />;
}
