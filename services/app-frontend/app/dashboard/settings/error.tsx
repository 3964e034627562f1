'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function SettingsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Settings" />;
}
