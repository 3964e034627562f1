import { SegmentLoading } from '@/components/segment-loading';

export default function ControlTowerLoading() {
  return <SegmentLoading label="Loading Control Tower…" />;
}
