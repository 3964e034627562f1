'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function MetaTokensError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Meta tokens" />;
}
