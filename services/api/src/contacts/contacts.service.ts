import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  CONTACT_LIMITS,
  type ContactDto,
  type ContactFilter,
  type ContactImportRejection,
  type ContactImportResult,
  type ConversationDto,
  type CreateContactInput,
  type ListContactsQuery,
  type Page,
  type StartConversationInput,
  type UpdateContactInput,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { decodeCursor, type KeysetPosition, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { ConversationsService } from '../conversations/conversations.service';
import { type Contact } from '../database/entities';
import { Transactions } from '../database/sql';
import { LimitsService } from '../limits/limits.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { exportHeader, exportRecord, type ImportRow, planImport } from './contact-csv';
import { toContactDto } from './contact.mapper';
import { ContactRepository, type InboundSender, type UpsertOutcome } from './contact.repository';
import { ContactExistsError, InvalidContactsCsvError, NumberDisconnectedError } from './contacts.errors';
import { CsvSyntaxError, parseCsv } from './csv';

/** Rows per INSERT statement of an import: large enough to be fast, small enough to keep each statement light. */
const IMPORT_BATCH_SIZE = 1000;
/** Contacts read per query while streaming an export. */
const EXPORT_PAGE_SIZE = 1000;

@Injectable()
export class ContactsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly contacts: ContactRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly conversations: ConversationsService,
    private readonly accounts: WhatsAppAccountsService,
    private readonly limits: LimitsService,
  ) {}

  async list(principal: Principal, query: ListContactsQuery): Promise<Page<ContactDto>> {
    const rows = await this.contacts.listPage(principal.tenantId, query, decodeCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toContactDto);
  }

  async findOne(principal: Principal, id: string): Promise<ContactDto> {
    const contact = await this.contacts.findById(principal.tenantId, id);
    if (!contact) throw new NotFoundError('Contact');
    return toContactDto(contact);
  }

  async create(principal: Principal, input: CreateContactInput): Promise<ContactDto> {
    const { tenantId } = principal;
    const contact = await this.transactions.run(async () => {
      // A number the workspace has answers 409 whatever the limit: nothing would be added.
      if (await this.contacts.existsByWaId(tenantId, input.waId)) throw new ContactExistsError();
      await this.limits.assertWithin(tenantId, 'contacts', () => this.contacts.count(tenantId));
      return this.contacts.createUnlessExists(tenantId, input);
    });
    if (!contact) throw new ContactExistsError();
    return toContactDto(contact);
  }

  /** What the `contacts` limit counts: every contact, including those that wrote in first. */
  count(tenantId: string): Promise<number> {
    return this.contacts.count(tenantId);
  }

  async update(principal: Principal, id: string, input: UpdateContactInput): Promise<ContactDto> {
    if (!(await this.contacts.update(principal.tenantId, id, input))) throw new NotFoundError('Contact');
    return this.findOne(principal, id);
  }

  /**
   * The one conversation of the contact on that number (docs/adr/0021-one-conversation-per-contact-and-number.md),
   * created empty when the team writes first, on a number that is still connected; the inbox hears of it like of any
   * other change.
   */
  async startConversation(principal: Principal, id: string, input: StartConversationInput): Promise<ConversationDto> {
    const { tenantId } = principal;
    if (!(await this.contacts.findById(tenantId, id))) throw new NotFoundError('Contact');
    const account = await this.accounts.findById(tenantId, input.whatsappAccountId);
    if (!account) throw new NotFoundError('WhatsApp number');
    const conversationId = await this.conversations.findOrCreate(
      tenantId,
      id,
      account.id,
      account.status === 'connected',
    );
    if (!conversationId) throw new NumberDisconnectedError();
    return this.conversations.publish(tenantId, conversationId);
  }

  /** Also deletes the contact's conversations and messages (the database cascades). */
  async remove(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    await this.transactions.run(async () => {
      const waId = await this.contacts.delete(principal.tenantId, id);
      if (waId === null) throw new NotFoundError('Contact');
      await this.auditLogs.recordBy(principal, meta, 'contact.deleted', {
        target: { type: 'contact', id },
        metadata: { waId },
      });
    });
  }

  /**
   * The contacts of inbound messages' senders (of any tenants), created when new, their profile names kept current;
   * by `senderKey`.
   */
  recordSendersAcrossTenants(senders: readonly InboundSender[]): Promise<Map<string, Contact>> {
    return this.contacts.recordSendersAcrossTenants(senders);
  }

  /** Creates and updates contacts from a CSV file, all or nothing; rows that cannot be saved are reported. */
  async importCsv(principal: Principal, csv: string, meta: RequestMeta): Promise<ContactImportResult> {
    const { created, updated, rejected } = await this.saveImport(principal, csv, meta);
    return { accepted: created + updated, created, updated, rejected };
  }

  /**
   * A campaign's audience from a CSV file: the rows are saved as an import is, and the answer is their contacts'
   * ids in the file's order, for `audience.contactIds`.
   */
  async importCsvForAudience(
    principal: Principal,
    csv: string,
    meta: RequestMeta,
  ): Promise<{ contactIds: string[]; rejected: ContactImportRejection[] }> {
    const { saved, rejected } = await this.saveImport(principal, csv, meta);
    return { contactIds: saved.map((s) => s.id), rejected };
  }

  /** Every saved row's contact in file order, and the rejected rows in file order. */
  private async saveImport(
    principal: Principal,
    csv: string,
    meta: RequestMeta,
  ): Promise<{
    created: number;
    updated: number;
    saved: { row: number; id: string }[];
    rejected: ContactImportRejection[];
  }> {
    const plan = planImport(readCsv(csv));
    const rejected = [...plan.rejected];
    const saved: { row: number; id: string }[] = [];
    let created = 0;
    let updated = 0;

    await this.transactions.run(async () => {
      // All or nothing: only numbers new to the workspace count, and a file that does not fit saves no row.
      const { tenantId } = principal;
      const waIds = plan.rows.map((r) => r.waId);
      await this.limits.assertWithin(
        tenantId,
        'contacts',
        () => this.contacts.count(tenantId),
        () => this.contacts.countNew(tenantId, waIds),
      );
      // Rows without an opted_out value keep the contact's flag, so they are saved by a statement of their own.
      for (const optedOut of ['from-row', 'keep'] as const) {
        // In number order, so that concurrent imports of overlapping lists lock rows in the same order (no deadlock).
        const rows = plan.rows
          .filter((r) => (r.optedOut === null) === (optedOut === 'keep'))
          .sort((x, y) => (x.waId < y.waId ? -1 : 1));
        for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
          const batch = rows.slice(start, start + IMPORT_BATCH_SIZE);
          const outcomes = await this.contacts.upsertImportBatch(principal.tenantId, batch, optedOut);
          const rowOf = new Map(batch.map((r) => [r.waId, r.row]));
          for (const outcome of outcomes) {
            if (outcome.inserted) created += 1;
            else updated += 1;
            saved.push({ row: rowOf.get(outcome.waId)!, id: outcome.id });
          }
          rejected.push(...overLimit(batch, outcomes));
        }
      }
      await this.auditLogs.recordBy(principal, meta, 'contacts.imported', {
        metadata: { accepted: created + updated, created, updated, rejected: rejected.length },
      });
    });
    rejected.sort((a, b) => a.row - b.row);
    saved.sort((a, b) => a.row - b.row);
    return { created, updated, saved, rejected };
  }

  /** Every filtered contact as CSV, newest first, read page by page while the answer streams. */
  async exportCsv(principal: Principal, filter: ContactFilter): Promise<Readable> {
    // The columns must be known before the first row; an attribute first used during the download is left out.
    const attributeKeys = await this.contacts.listAttributeKeys(principal.tenantId, filter);
    const contacts = this.contacts;
    async function* lines(): AsyncGenerator<string> {
      // The byte order mark makes Excel read the file as UTF-8; the import ignores it.
      yield `\uFEFF${exportHeader(attributeKeys)}`;
      let after: KeysetPosition | null = null;
      for (;;) {
        const page = await contacts.listPage(principal.tenantId, filter, after, EXPORT_PAGE_SIZE);
        if (page.length > 0) yield page.map((c) => exportRecord(toContactDto(c), attributeKeys)).join('');
        const last = page.at(-1);
        if (page.length < EXPORT_PAGE_SIZE || !last) return;
        after = { createdAt: last.createdAt, id: last.id };
      }
    }
    return Readable.from(lines());
  }
}

function readCsv(csv: string): string[][] {
  try {
    return parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new InvalidContactsCsvError(`The file is not valid CSV. ${error.message}`);
    throw error;
  }
}

function overLimit(batch: ImportRow[], outcomes: UpsertOutcome[]): { row: number; reason: string }[] {
  const saved = new Set(outcomes.map((o) => o.waId));
  return batch
    .filter((r) => !saved.has(r.waId))
    .map((r) => ({
      row: r.row,
      reason: `Merged with the tags and attributes this contact already has, it would have more than ${CONTACT_LIMITS.tagsMax} tags or ${CONTACT_LIMITS.attributesMax} attributes`,
    }));
}
