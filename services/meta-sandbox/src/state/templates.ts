import type { Clock } from '../clock';
import type { IdGenerator } from './ids';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Meta's template statuses (reference §8); only APPROVED can be sent. */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
  'ARCHIVED',
  'LOCKED',
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** Rejection reasons of the status webhook (reference §3.12). */
export const TEMPLATE_REJECTION_REASONS = [
  'NONE',
  'ABUSIVE_CONTENT',
  'INCORRECT_CATEGORY',
  'INVALID_FORMAT',
  'PROMOTIONAL',
  'SCAM',
  'TAG_CONTENT_MISMATCH',
] as const;
export type TemplateRejectionReason = (typeof TEMPLATE_REJECTION_REASONS)[number];

/** Meta's limit of templates per WABA (error 2388019 beyond it). */
export const TEMPLATES_PER_WABA = 250;

export type TemplateRecord = {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  status: TemplateStatus;
  /** Set when REJECTED; `NONE` otherwise, as Meta lists it. */
  rejectedReason: TemplateRejectionReason;
  /** The components as created, in Meta's shape. */
  components: Record<string, unknown>[];
  /** Meta's quality score; UNKNOWN (pending) until a control call rates it. */
  qualityScore: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  createdAt: number;
};

export type NewTemplate = Pick<
  TemplateRecord,
  'wabaId' | 'name' | 'language' | 'category' | 'parameterFormat' | 'components'
>;

/** Message templates of every WABA, in creation order. */
export class TemplateStore {
  private readonly templates = new Map<string, TemplateRecord>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  create(input: NewTemplate): TemplateRecord {
    const record: TemplateRecord = {
      ...input,
      id: this.ids.next(),
      status: 'PENDING',
      rejectedReason: 'NONE',
      qualityScore: 'UNKNOWN',
      createdAt: this.clock.now(),
    };
    this.templates.set(record.id, record);
    return record;
  }

  find(id: string): TemplateRecord | undefined {
    return this.templates.get(id);
  }

  /** A WABA's templates, oldest first. */
  listOf(wabaId: string): TemplateRecord[] {
    return [...this.templates.values()].filter((t) => t.wabaId === wabaId);
  }

  findByNameAndLanguage(wabaId: string, name: string, language: string): TemplateRecord | undefined {
    return this.listOf(wabaId).find((t) => t.name === name && t.language === language);
  }

  setStatus(record: TemplateRecord, status: TemplateStatus, reason: TemplateRejectionReason = 'NONE'): void {
    record.status = status;
    record.rejectedReason = status === 'REJECTED' ? reason : 'NONE';
  }

  remove(id: string): boolean {
    return this.templates.delete(id);
  }
}
