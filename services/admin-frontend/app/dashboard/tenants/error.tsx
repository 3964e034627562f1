'use client';

import { SegmentError, type SegmentErrorProps } from '@/components/segment-error';

export default function TenantsError(props: SegmentErrorProps) {
  return <SegmentError {...props} section="Tenants" />;
}
