'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function CampaignsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Campaigns" />;
}
