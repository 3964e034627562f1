import { SegmentLoading } from '@/components/segment-loading';

export default function SettingsLoading() {
  return <SegmentLoading label="Loading Settings…" />;
}
