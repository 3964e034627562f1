'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function ContactsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Contacts" />;
}
