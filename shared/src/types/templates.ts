import type {
  TemplateCategory,
  TemplateComponent,
  TemplateMediaHeaderFormat,
  TemplateStatus,
} from '../schemas/templates';

/** A message template of one of the tenant's WhatsApp Business Accounts, as Meta last reported it. */
export interface TemplateDto {
  id: string;
  /** Meta's id of the template. */
  metaTemplateId: string;
  wabaId: string;
  name: string;
  language: string;
  /** Null only for a template first heard of by a status webhook before a sync. */
  category: TemplateCategory | null;
  status: TemplateStatus;
  /** Meta's reason when REJECTED (e.g. INVALID_FORMAT, PROMOTIONAL), otherwise null. */
  rejectedReason: string | null;
  /** Meta's quality score of an approved template: GREEN, YELLOW, RED or UNKNOWN; null until Meta rates it. */
  qualityScore: string | null;
  /** Meta's components (HEADER, BODY, FOOTER, BUTTONS) with their examples. */
  components: TemplateComponent[];
  createdAt: string;
  updatedAt: string;
}

/** What `POST /templates/sync` did, over every business account it read. */
export interface TemplateSyncResultDto {
  /** The business accounts read. */
  wabaIds: string[];
  created: number;
  updated: number;
  /** Templates no longer at Meta, now listed as DELETED. */
  removed: number;
}

/** `POST /templates/header-samples`: the sample is at Meta; its handle goes in the header's `example.header_handle`. */
export interface HeaderSampleDto {
  handle: string;
  format: TemplateMediaHeaderFormat;
  fileType: string;
  fileName: string;
  fileSize: number;
}
