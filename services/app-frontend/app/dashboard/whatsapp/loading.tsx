import { SegmentLoading } from '@/components/segment-loading';

export default function WhatsAppLoading() {
  return <SegmentLoading label="Loading WhatsApp…" />;
}
