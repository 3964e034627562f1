import { type ContactSummaryDto } from './inbox';

export interface ContactDto extends ContactSummaryDto {
  tags: string[];
  attributes: Record<string, string>;
  optedOut: boolean;
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
