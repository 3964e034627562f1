import type { CampaignEstimate, CampaignSkipReason } from '@aerostic/shared';

/** One recipient's message as `POST /campaigns/preview` renders it. */
export interface RecipientPreview {
  contactId: string;
  displayName: string;
  waId: string | null;
  /** The body with this recipient's values. */
  text: string;
  /** Parameters this recipient has no value for: the campaign cannot be sent until they are mapped otherwise. */
  missing: string[];
}

/** `POST /campaigns/preview`: who would receive the campaign, who is skipped and why, and what it costs. */
export interface CampaignPreviewDto {
  /** Contacts the audience matched. */
  audience: number;
  /** Of those, the recipients it would be sent to. */
  recipients: number;
  skipped: Record<CampaignSkipReason, number>;
  estimate: CampaignEstimate;
  previews: RecipientPreview[];
}
