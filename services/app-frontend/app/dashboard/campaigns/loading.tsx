import { SegmentLoading } from '@/components/segment-loading';

export default function CampaignsLoading() {
  return <SegmentLoading label="Loading Campaigns…" />;
}
