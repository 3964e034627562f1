'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function WhatsAppError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="WhatsApp" />;
}
