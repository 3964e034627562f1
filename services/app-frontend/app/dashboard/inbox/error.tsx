'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function InboxError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Inbox" />;
}
