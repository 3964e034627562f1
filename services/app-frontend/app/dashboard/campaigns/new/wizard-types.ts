import type { CampaignPreviewDto } from '@aerostic/shared';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';

/** A number the campaign can be sent from, with its approved templates or why there are none to pick. */
export interface WizardNumber {
  id: string;
  label: string;
  templates: { available: true; list: InboxTemplate[] } | { available: false; message: string };
}

/** The per-recipient preview of the variables and review steps, as the API last answered it. */
export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; preview: CampaignPreviewDto }
  | { state: 'failed'; message: string };
