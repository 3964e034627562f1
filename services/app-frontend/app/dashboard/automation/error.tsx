'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function AutomationError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Automation" />;
}
