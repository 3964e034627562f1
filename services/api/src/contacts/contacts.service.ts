import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
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
import { compareKeys } from '../database/sql-text';
import { MessagesService } from '../messages/messages.service';
import { stableEventId, WebhookEvents } from '../integrations/webhook-events';
import { LimitsService } from '../limits/limits.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { exportHeader, exportRecord, type ImportRow, planImport } from './contact-csv';
import { toContactDto } from './contact.mapper';
import { ContactRepository, type MarketingPreference, type UpsertOutcome } from './contact.repository';
import {
  groupSenders,
  identityKey,
  type IdentityPlan,
  type IdentityValues,
  type InboundSender,
  planIdentity,
  type SenderGroup,
  valuesOfGroup,
} from './sender-identity';
import { ContactExistsError, InvalidContactsCsvError, NumberDisconnectedError } from './contacts.errors';
import { CsvSyntaxError, parseCsv } from './csv';

/** Rows per INSERT statement of an import: large enough to be fast, small enough to keep each statement light. */
const IMPORT_BATCH_SIZE = 1000;
/** Contacts read per query while streaming an export. */
const EXPORT_PAGE_SIZE = 1000;

/**
 * A change of a contact's identity Meta reported (docs/adr/0113): `values` are what it becomes; `waIds` and `userIds`
 * name other identities of the same customer, whose contacts merge into it.
 */
export interface IdentityChange {
  tenantId: string;
  contactId: string;
  waIds: string[];
  userIds: string[];
  values: IdentityValues;
  /** The phone number changed: the user id changes with it. */
  numberChanged: boolean;
}

/** The identity keys a stored contact holds. */
const keysOf = (contact: Contact): string[] => [
  ...(contact.waId ? [identityKey(contact.tenantId, 'phone', contact.waId)] : []),
  ...(contact.userId ? [identityKey(contact.tenantId, 'user', contact.userId)] : []),
];

/** The distinct contacts holding one of the group's identities. */
function holdersOf(group: SenderGroup, holders: ReadonlyMap<string, Contact>): Contact[] {
  const keys = [
    ...group.waIds.map((waId) => identityKey(group.tenantId, 'phone', waId)),
    ...group.userIds.map((userId) => identityKey(group.tenantId, 'user', userId)),
  ];
  return [...new Set(keys.flatMap((key) => holders.get(key) ?? []))];
}

/** The inbound path's contacts in senders' order, and what it merged, created and changed on the way. */
interface ResolvedSenders {
  contacts: Contact[];
  merged: { tenantId: string; contactId: string }[];
  created: Contact[];
  updated: Contact[];
}

const firstKey = (group: SenderGroup): string =>
  group.waIds.length > 0
    ? identityKey(group.tenantId, 'phone', [...group.waIds].sort(compareKeys)[0]!)
    : identityKey(group.tenantId, 'user', [...group.userIds].sort(compareKeys)[0]!);

@Injectable()
export class ContactsService {
  private readonly logger = new Logger(ContactsService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly contacts: ContactRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly conversations: ConversationsService,
    private readonly accounts: WhatsAppAccountsService,
    private readonly limits: LimitsService,
    private readonly messages: MessagesService,
    private readonly webhooks: WebhookEvents,
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
      return this.contacts.createUnlessExists(tenantId, input, 'agent');
    });
    if (!contact) throw new ContactExistsError();
    const dto = toContactDto(contact);
    void this.webhooks.emit(tenantId, 'contact.created', { contact: dto });
    return dto;
  }

  /** What the `contacts` limit counts: every contact, including those that wrote in first. */
  count(tenantId: string): Promise<number> {
    return this.contacts.count(tenantId);
  }

  /** A changed marketing consent is the agent's, now, and is audited with what it was. */
  async update(principal: Principal, id: string, input: UpdateContactInput, meta: RequestMeta): Promise<ContactDto> {
    const { marketingConsent, ...changes } = input;
    await this.transactions.run(async () => {
      if (!(await this.contacts.update(principal.tenantId, id, changes))) throw new NotFoundError('Contact');
      if (marketingConsent === undefined) return;
      const set = await this.contacts.setConsent(principal.tenantId, id, marketingConsent, 'agent');
      if (!set) throw new NotFoundError('Contact');
      if (set.previous === marketingConsent) return;
      await this.auditLogs.recordBy(principal, meta, 'contact.consent_changed', {
        target: { type: 'contact', id },
        metadata: { from: set.previous, to: marketingConsent },
      });
    });
    const dto = await this.findOne(principal, id);
    void this.webhooks.emit(principal.tenantId, 'contact.updated', { contact: dto });
    return dto;
  }

  /** A rule adds or removes a tag; answers whether the tags changed. */
  async changeTag(tenantId: string, id: string, tag: string, add: boolean): Promise<boolean> {
    return this.contacts.changeTag(tenantId, id, tag, add);
  }

  /** A `user_preferences` webhook: see `ContactRepository.recordMarketingPreference`. */
  recordMarketingPreference(preference: MarketingPreference): Promise<Contact[]> {
    return this.contacts.recordMarketingPreference(preference);
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
    // Creating it emits `conversation.created` (ConversationsService), as the inbound path and campaigns do.
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
      const deleted = await this.contacts.delete(principal.tenantId, id);
      if (deleted === null) throw new NotFoundError('Contact');
      await this.auditLogs.recordBy(principal, meta, 'contact.deleted', {
        target: { type: 'contact', id },
        metadata: { waId: deleted.waId, ...(deleted.userId && { userId: deleted.userId }) },
      });
    });
  }

  /**
   * The contact of each inbound message's sender (of any tenants), in the senders' order: found by phone number or
   * user id, created when new, its identity and profile kept current, contacts that turn out to be one customer
   * merged (docs/adr/0113). A batch whose customers are all known and unchanged is one read; otherwise the tenants'
   * identity writes are serialised and everything is decided again under that lock.
   */
  async recordSendersAcrossTenants(senders: readonly InboundSender[]): Promise<Contact[]> {
    if (senders.length === 0) return [];
    const read = await this.resolveSenders(senders, 'read');
    if (read) return read;
    const written = await this.transactions.run(async () => {
      await this.contacts.lockIdentities(senders.map((s) => s.tenantId));
      return (await this.resolveSenders(senders, 'write'))!;
    });
    await this.publishMerged(written.merged);
    await this.announceInbound(written.created, written.updated);
    return written.contacts;
  }

  /**
   * Changes the identity of contacts as Meta reports it (a changed number, a changed user id, a phone number shared on
   * request), merging the contact with any other holding the new phone number or user id. Idempotent.
   */
  async applyIdentityChanges(changes: readonly IdentityChange[]): Promise<void> {
    if (changes.length === 0) return;
    const touched = await this.transactions.run(async () => {
      await this.contacts.lockIdentities(changes.map((c) => c.tenantId));
      const done: { tenantId: string; contactId: string }[] = [];
      const updated: Contact[] = [];
      for (const change of [...changes].sort((a, b) => compareKeys(a.tenantId, b.tenantId))) {
        const contact = await this.contacts.findById(change.tenantId, change.contactId);
        // Deleted meanwhile: the change has nothing left to apply to.
        if (!contact) continue;
        const waIds = [...change.waIds, ...(change.values.waId ? [change.values.waId] : [])];
        const userIds = [...change.userIds, ...(change.values.userId ? [change.values.userId] : [])];
        const others = (await this.contacts.findByIdentities([{ tenantId: change.tenantId, waIds, userIds }])).filter(
          (c) => c.id !== contact.id,
        );
        const values = { ...change.values };
        // A new number comes with a new user id (Meta): the old one goes unless the webhook or the number's contact
        // names the new one.
        if (change.numberChanged && values.userId === undefined)
          values.userId = others.find((c) => c.waId === values.waId)?.userId ?? null;
        const plan = planIdentity([contact, ...others], values);
        const result = await this.apply(change.tenantId, plan);
        done.push({ tenantId: change.tenantId, contactId: result.contact.id });
        if (plan.kind !== 'known') updated.push(result.contact);
      }
      return { done, updated };
    });
    await this.publishMerged(touched.done);
    await this.announceInbound([], touched.updated);
  }

  /**
   * Event webhooks for what the inbound path changed, after its transaction committed. A redelivery finds every
   * contact as it left it (plan `known`), so nothing is emitted twice; a creation's event id is stable besides.
   */
  private async announceInbound(created: readonly Contact[], updated: readonly Contact[]): Promise<void> {
    for (const contact of created)
      await this.webhooks.emit(
        contact.tenantId,
        'contact.created',
        { contact: toContactDto(contact) },
        stableEventId('contact.created', contact.id),
      );
    // A contact changed twice in one batch is told once, as it ended up.
    const last = new Map(updated.map((contact) => [contact.id, contact]));
    for (const contact of last.values())
      await this.webhooks.emit(contact.tenantId, 'contact.updated', { contact: toContactDto(contact) });
  }

  /**
   * Groups the senders by customer and decides each one's contact. In `read` mode answers null as soon as one needs a
   * write; in `write` mode (under the identity lock) writes, in key order.
   */
  private async resolveSenders(senders: readonly InboundSender[], mode: 'read'): Promise<Contact[] | null>;
  private async resolveSenders(senders: readonly InboundSender[], mode: 'write'): Promise<ResolvedSenders>;
  private async resolveSenders(
    senders: readonly InboundSender[],
    mode: 'read' | 'write',
  ): Promise<Contact[] | ResolvedSenders | null> {
    const groups = groupSenders(senders);
    const found = await this.contacts.findByIdentities(groups);
    // A stored contact holding two of the batch's identities (phone and user id) links their groups.
    const linked = groupSenders(senders, found);
    const holders = new Map<string, Contact>();
    for (const contact of found) for (const key of keysOf(contact)) holders.set(key, contact);
    const plans = linked
      .map((group) => ({ group, plan: planIdentity(holdersOf(group, holders), valuesOfGroup(group)) }))
      .sort((a, b) => compareKeys(firstKey(a.group), firstKey(b.group)));
    if (mode === 'read' && plans.some(({ plan }) => plan.kind !== 'known')) return null;
    const contacts: Contact[] = new Array<Contact>(senders.length);
    const merged: { tenantId: string; contactId: string }[] = [];
    const updated: Contact[] = [];
    const creates: { group: SenderGroup; values: IdentityValues }[] = [];
    for (const { group, plan } of plans) {
      if (plan.kind === 'create') {
        creates.push({ group, values: plan.values });
        continue;
      }
      const result = await this.apply(group.tenantId, plan);
      if (result.merged) merged.push({ tenantId: group.tenantId, contactId: result.contact.id });
      if (plan.kind !== 'known') updated.push(result.contact);
      for (const i of group.members) contacts[i] = result.contact;
    }
    // New customers in one statement, in key order: a batch of first messages costs one insert.
    const created = await this.contacts.insertIdentities(
      creates.map(({ group, values }) => ({ tenantId: group.tenantId, values })),
    );
    const byKey = new Map(created.flatMap((contact) => keysOf(contact).map((key) => [key, contact] as const)));
    for (const { group } of creates) {
      const contact = holdersOf(group, byKey)[0];
      // Only a writer outside the inbound path (a contact added or imported meanwhile) gets here: the retry finds it.
      if (!contact) throw new Error('A contact with this phone number or user id was added meanwhile; retry');
      for (const i of group.members) contacts[i] = contact;
    }
    return mode === 'read' ? contacts : { contacts, merged, created, updated };
  }

  /** Carries out one identity plan; `merged` when other contacts were folded into the answered one. */
  private async apply(tenantId: string, plan: IdentityPlan): Promise<{ contact: Contact; merged: boolean }> {
    switch (plan.kind) {
      case 'known':
        return { contact: plan.contact, merged: false };
      case 'create': {
        const [created] = await this.contacts.insertIdentities([{ tenantId, values: plan.values }]);
        // Only a writer outside the inbound path (a contact added or imported meanwhile) gets here: the retry finds it.
        if (!created) throw new Error('A contact with this phone number or user id was added meanwhile; retry');
        return { contact: created, merged: false };
      }
      case 'update':
        return { contact: await this.updateOrFail(tenantId, plan.contact.id, plan.changes), merged: false };
      case 'merge': {
        // Conversations and messages first, then the others go, so their phone number and user id are free for it.
        for (const loser of plan.losers) {
          for (const pair of await this.conversations.moveContact(tenantId, loser.id, plan.survivor.id)) {
            await this.messages.moveToConversation(tenantId, pair.fromId, pair.intoId);
            await this.conversations.absorb(tenantId, pair.fromId, pair.intoId);
          }
        }
        await this.contacts.deleteMerged(
          tenantId,
          plan.losers.map((c) => c.id),
        );
        this.logger.log(
          { tenantId, contactId: plan.survivor.id, merged: plan.losers.map((c) => c.id) },
          'Contacts of one customer merged',
        );
        const contact =
          Object.keys(plan.changes).length === 0
            ? plan.survivor
            : await this.updateOrFail(tenantId, plan.survivor.id, plan.changes);
        return { contact, merged: true };
      }
    }
  }

  private async updateOrFail(tenantId: string, id: string, changes: Partial<Contact>): Promise<Contact> {
    const updated = await this.contacts.updateFields(tenantId, id, changes);
    // Under the identity lock only a deletion by the team gets here: the retry decides again.
    if (!updated) throw new Error('A contact was deleted while its identity changed; retry');
    return updated;
  }

  /** The inbox hears of conversations whose contact changed identity or absorbed another. */
  private async publishMerged(contacts: readonly { tenantId: string; contactId: string }[]): Promise<void> {
    for (const { tenantId, contactId } of contacts) await this.conversations.publishOfContact(tenantId, contactId);
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
      // In number order, so that concurrent imports of overlapping lists lock rows in the same order (no deadlock).
      const rows = [...plan.rows].sort((x, y) => (x.waId < y.waId ? -1 : 1));
      for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
        const batch = rows.slice(start, start + IMPORT_BATCH_SIZE);
        const outcomes = await this.contacts.upsertImportBatch(principal.tenantId, batch);
        const rowOf = new Map(batch.map((r) => [r.waId, r.row]));
        for (const outcome of outcomes) {
          if (outcome.inserted) created += 1;
          else updated += 1;
          saved.push({ row: rowOf.get(outcome.waId)!, id: outcome.id });
        }
        rejected.push(...overLimit(batch, outcomes));
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
