const LABELS: Record<string, string> = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  sticker: 'Sticker',
  location: 'Location',
  contacts: 'Contact card',
  reaction: 'Reaction',
  template: 'Template',
  system: 'System notice',
  unsupported: 'Unsupported message',
};

function field(content: Record<string, unknown>, key: string, sub: string): string | undefined {
  const value = (content[key] as Record<string, unknown> | undefined)?.[sub];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** One line for the inbox list, from a message's type and Meta-shaped content. */
export function messagePreview(type: string, content: Record<string, unknown>): string {
  const text = (() => {
    switch (type) {
      case 'text':
        return field(content, 'text', 'body');
      case 'image':
      case 'video':
      case 'document':
        return [LABELS[type], field(content, type, 'caption') ?? field(content, type, 'filename')]
          .filter(Boolean)
          .join(': ');
      case 'audio':
        return (content.audio as { voice?: boolean } | undefined)?.voice ? 'Voice message' : 'Audio';
      case 'location':
        return ['Location', field(content, 'location', 'name')].filter(Boolean).join(': ');
      case 'interactive': {
        const i = content.interactive as Record<string, Record<string, unknown> | string> | undefined;
        const reply = (i?.button_reply ?? i?.list_reply) as { title?: string } | undefined;
        return reply?.title ?? (i?.body as { text?: string } | undefined)?.text ?? 'Interactive message';
      }
      case 'contacts':
        // The customer answered a request for their phone number (request_contact_info).
        return (content.contacts as { origin?: unknown }[] | undefined)?.[0]?.origin === 'contact_request'
          ? 'Shared their phone number'
          : undefined;
      case 'button':
        return field(content, 'button', 'text');
      case 'reaction':
        return `Reacted ${field(content, 'reaction', 'emoji') ?? '(removed)'}`;
      case 'system':
        return field(content, 'system', 'body');
      case 'template':
        return `Template: ${field(content, 'template', 'name') ?? ''}`.trim();
      default:
        return undefined;
    }
  })();
  return (text ?? LABELS[type] ?? `Message (${type})`).slice(0, 200);
}
