import { type MarketingConsent, type MarketingConsentSource } from './consent';
import { type ContactSummaryDto } from './inbox';

export interface ContactDto extends ContactSummaryDto {
  tags: string[];
  attributes: Record<string, string>;
  /** `marketingConsent === 'opted_out'`, kept for older clients. */
  optedOut: boolean;
  /** Whether marketing templates may be sent (docs/adr/0114): set by the customer on WhatsApp, an agent or an import. */
  marketingConsent: MarketingConsent;
  /** When the consent last changed (Meta's time for a WhatsApp opt-out or opt-in); null while `unknown`. */
  marketingConsentAt: string | null;
  /** Who changed it last; null while nobody has. */
  marketingConsentSource: MarketingConsentSource | null;
  createdAt: string;
  updatedAt: string;
}

export interface ContactImportRejection {
  /** The data row in the file, from 1; the header row is not counted (data row 1 is the file's second record). */
  row: number;
  reason: string;
}

export interface ContactImportResult {
  /** Rows saved: `created + updated`. */
  accepted: number;
  created: number;
  updated: number;
  rejected: ContactImportRejection[];
}
