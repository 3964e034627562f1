'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function ClickToChatError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Click to chat" />;
}
