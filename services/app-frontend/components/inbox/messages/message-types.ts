import type { MessageDto } from '@aerostic/shared';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';

/** Props every renderer takes: the message, and what some of them need to show it as the customer saw it. */
export interface MessageRendererProps {
  message: MessageDto;
  /** Approved templates of the conversation's number, to show a sent template's text. */
  templates?: InboxTemplate[];
}
