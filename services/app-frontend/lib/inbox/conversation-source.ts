import type { ConversationSourceDto, EntryPointKind } from '@aerostic/shared';

const KIND_LABELS: Record<EntryPointKind, string> = { link: 'Link', qr: 'QR code', widget: 'Widget' };

/** The inbox's one line on where a conversation came from: `From: Widget “Homepage”` or `From ad: <headline>`. */
export function conversationSourceLabel(source: ConversationSourceDto | null | undefined): string | null {
  if (!source) return null;
  if (source.type === 'entry_point') return `From: ${KIND_LABELS[source.kind]} “${source.name}”`;
  return `From ad: ${source.headline ?? source.body ?? source.sourceUrl ?? 'a click-to-WhatsApp ad'}`;
}
