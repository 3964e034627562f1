import type { InboxTemplate } from '@/lib/inbox/inbox-templates';

/** A number the campaign can be sent from, with its approved templates or why there are none to pick. */
export interface WizardNumber {
  id: string;
  label: string;
  templates: { available: true; list: InboxTemplate[] } | { available: false; message: string };
}
