'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function AnalyticsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Analytics" />;
}
