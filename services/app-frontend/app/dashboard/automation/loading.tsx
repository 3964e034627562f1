import { SegmentLoading } from '@/components/segment-loading';

export default function AutomationLoading() {
  return <SegmentLoading label="Loading Automation…" />;
}
