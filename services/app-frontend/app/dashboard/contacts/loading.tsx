import { SegmentLoading } from '@/components/segment-loading';

export default function ContactsLoading() {
  return <SegmentLoading label="Loading Contacts…" />;
}
