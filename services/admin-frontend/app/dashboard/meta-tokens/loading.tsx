import { SegmentLoading } from '@/components/segment-loading';

export default function MetaTokensLoading() {
  return <SegmentLoading label="Loading Meta tokens…" />;
}
