import { Injectable, Logger } from '@nestjs/common';
import {
  type ConversationDto,
  type ConversationStatus,
  type CreateNoteInput,
  type ListConversationsQuery,
  type NoteDto,
  type Page,
  type PageQuery,
  type UpdateConversationInput,
} from '@aerostic/shared';
import { AutomationQueue } from '../automation/automation-queue';
import { NotFoundError } from '../common/http/domain-error';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { type Contact, type Conversation } from '../database/entities';
import { stableEventId, WebhookEvents } from '../integrations/webhook-events';
import { RealtimeService } from '../realtime/realtime.service';
import { RoutingSignals } from '../routing/signals/routing-signals';
import { toConversationDto, toNoteDto, viewToConversationDto } from './conversation.mapper';
import {
  type ConversationCounts,
  type ConversationWithContact,
  ConversationRepository,
  type InboundActivity,
  type OpenedThreads,
  type StatusChange,
  type ThreadKey,
  type ConversationSource,
} from './conversation.repository';
import { AssigneeNotFoundError, TeamNotFoundError } from './conversations.errors';

/** The shared inbox's conversations and their notes: the only module that writes them. */
@Injectable()
export class ConversationsService {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly realtime: RealtimeService,
    private readonly automation: AutomationQueue,
    private readonly routingSignals: RoutingSignals,
    private readonly webhooks: WebhookEvents,
  ) {}

  async list(principal: Principal, query: ListConversationsQuery): Promise<Page<ConversationDto>> {
    const { limit, cursor, assigneeId, ...filters } = query;
    const rows = await this.conversations.listPage(
      principal.tenantId,
      { ...filters, assigneeId: assigneeId === 'me' ? principal.userId : assigneeId },
      decodeCursor(cursor),
      limit + 1,
    );
    // The cursor follows the inbox order: last activity, then id.
    const now = Date.now();
    return toPage(
      rows,
      limit,
      (r) => viewToConversationDto(r, now),
      (r) => ({ createdAt: new Date(r.lastMessageAt), id: r.id }),
    );
  }

  async findOne(principal: Principal, id: string): Promise<ConversationDto> {
    return toConversationDto(await this.get(principal.tenantId, id));
  }

  /** Throws NotFoundError for an unknown id and for another tenant's conversation alike. */
  async get(tenantId: string, id: string): Promise<ConversationWithContact> {
    const conversation = await this.conversations.findById(tenantId, id);
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation;
  }

  async update(principal: Principal, id: string, input: UpdateConversationInput): Promise<ConversationDto> {
    const before = await this.get(principal.tenantId, id);
    const outcome = await this.conversations.update(principal.tenantId, id, input, principal.userId);
    if (outcome.kind === 'assignee') throw new AssigneeNotFoundError();
    if (outcome.kind === 'team') throw new TeamNotFoundError();
    if (outcome.kind === 'missing') throw new NotFoundError('Conversation');
    await this.afterStatusChange(principal.tenantId, id, outcome.change);
    const dto = await this.publish(principal.tenantId, id);
    if (dto.assigneeId !== null && dto.assigneeId !== before.assigneeId)
      void this.webhooks.emit(principal.tenantId, 'conversation.assigned', { conversation: dto });
    // An open conversation leaving its assignee (resolved, set pending, handed over) frees a place in their capacity.
    if (
      before.status === 'open' &&
      before.assigneeId !== null &&
      (dto.status !== 'open' || dto.assigneeId !== before.assigneeId)
    )
      this.routingSignals.capacityMayHaveFreed(principal.tenantId);
    return dto;
  }

  /**
   * Routing's assignment (docs/adr/0123): to an active member, only while nobody holds the conversation, so that two
   * routers never both assign it; also puts it in `teamId` when given. True only for the call that assigned it.
   */
  async assignIfUnassigned(tenantId: string, id: string, assigneeId: string, teamId: string | null): Promise<boolean> {
    const assigned = await this.conversations.assignIfUnassigned(tenantId, id, assigneeId, teamId);
    if (assigned) {
      const conversation = await this.conversations.findById(tenantId, id);
      if (conversation)
        void this.webhooks.emit(tenantId, 'conversation.assigned', { conversation: toConversationDto(conversation) });
    }
    return assigned;
  }

  /** Puts a conversation in a team of the tenant; false when it already is, or the team is not the tenant's. */
  setTeam(tenantId: string, id: string, teamId: string): Promise<boolean> {
    return this.conversations.setTeam(tenantId, id, teamId);
  }

  /** A rule sets the status; answers false when the conversation is gone. */
  async setStatus(tenantId: string, id: string, status: ConversationStatus): Promise<boolean> {
    const outcome = await this.conversations.update(tenantId, id, { status });
    if (outcome.kind !== 'updated') return false;
    await this.afterStatusChange(tenantId, id, outcome.change);
    await this.publish(tenantId, id);
    // Leaving open may free a place in the assignee's capacity: waiting conversations need not wait for the sweep.
    if (outcome.change.previousStatus === 'open' && outcome.change.status !== 'open')
      this.routingSignals.capacityMayHaveFreed(tenantId);
    return true;
  }

  /** A note from automation (a rule, the AI's handoff): no author, added once per key however often retried. */
  async addAutomationNote(tenantId: string, id: string, body: string, idempotencyKey: string): Promise<void> {
    const note = await this.conversations.createNoteOnce({ tenantId, conversationId: id, body }, idempotencyKey);
    if (note) this.realtime.emit(tenantId, 'note.created', { conversationId: id, note: toNoteDto(note) });
  }

  /**
   * A conversation that became resolved (by an agent or a rule) is an event for the rules, keyed by the row's version
   * so each resolution counts once. The change is committed already: a queue outage loses the event, not the change.
   */
  private async afterStatusChange(tenantId: string, id: string, change: StatusChange): Promise<void> {
    if (change.status !== 'resolved' || change.previousStatus === 'resolved') return;
    const conversation = await this.conversations.findById(tenantId, id);
    if (conversation)
      void this.webhooks.emit(tenantId, 'conversation.resolved', { conversation: toConversationDto(conversation) });
    try {
      await this.automation.event({
        tenantId,
        trigger: 'conversation_resolved',
        conversationId: id,
        eventKey: `resolved-${id}-${change.version}`,
      });
    } catch (err) {
      this.logger.warn({ err, conversationId: id }, 'conversation_resolved not queued for the automation rules');
    }
  }

  /** Sets the unread count to 0; true only for the call that cleared it. */
  clearUnread(tenantId: string, id: string): Promise<boolean> {
    return this.conversations.clearUnread(tenantId, id);
  }

  async addNote(principal: Principal, id: string, input: CreateNoteInput): Promise<NoteDto> {
    await this.get(principal.tenantId, id);
    const note = toNoteDto(
      await this.conversations.createNote({
        tenantId: principal.tenantId,
        conversationId: id,
        authorUserId: principal.userId,
        body: input.body,
      }),
    );
    this.realtime.emit(principal.tenantId, 'note.created', { conversationId: id, note });
    return note;
  }

  async listNotes(principal: Principal, id: string, query: PageQuery): Promise<Page<NoteDto>> {
    await this.get(principal.tenantId, id);
    const rows = await this.conversations.listNotesPage(
      principal.tenantId,
      id,
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toNoteDto);
  }

  /**
   * The conversation of a contact on a number; when there is none, one is created if `create` allows (a number that
   * is still connected), else null.
   */
  async findOrCreate(
    tenantId: string,
    contactId: string,
    whatsappAccountId: string,
    create: boolean,
  ): Promise<string | null> {
    const found = await this.conversations.findOrCreate(tenantId, contactId, whatsappAccountId, create);
    if (found?.created) await this.announceCreated([{ tenantId, id: found.id }]);
    return found?.id ?? null;
  }

  /** Sets the source of conversations that have none yet (threads of any tenants; docs/adr/0153). */
  recordSourcesAcrossTenants(sources: readonly ConversationSource[]): Promise<void> {
    return this.conversations.recordSourcesAcrossTenants(sources);
  }

  /** The conversations of inbound threads, opened when missing, by `threadKey` (threads of any tenants). */
  async openThreadsAcrossTenants(threads: readonly ThreadKey[]): Promise<Map<string, string>> {
    const opened = await this.conversations.openThreadsAcrossTenants(threads);
    await this.announceCreated(opened.created);
    return opened.byKey;
  }

  /**
   * The conversations a campaign's messages go to, by contact id: existing threads stay where they are in the
   * inbox; new ones start resolved with the template's preview, out of the open inbox until the customer replies.
   */
  async openForCampaign(
    tenantId: string,
    whatsappAccountId: string,
    contactIds: readonly string[],
    preview: string,
  ): Promise<Map<string, string>> {
    const opened = await this.conversations.openForCampaign(tenantId, whatsappAccountId, contactIds, preview);
    await this.announceCreated(opened.created);
    return opened.byKey;
  }

  /**
   * `conversation.created` for conversations a statement reported inserting, which happens once per conversation:
   * a redelivered webhook or a retried job finds it. One read per workspace that subscribes (docs/adr/0155).
   */
  private async announceCreated(created: OpenedThreads['created']): Promise<void> {
    const byTenant = new Map<string, string[]>();
    for (const { tenantId, id } of created) byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), id]);
    for (const [tenantId, ids] of byTenant) {
      if (!(await this.webhooks.wanted(tenantId, 'conversation.created'))) continue;
      try {
        for (const conversation of await this.conversations.findManyWithContact(tenantId, ids)) {
          await this.webhooks.emit(
            tenantId,
            'conversation.created',
            { conversation: toConversationDto(conversation) },
            stableEventId('conversation.created', conversation.id),
          );
        }
      } catch (err) {
        // The conversations are stored: an event lost here must not fail the message or campaign that made them.
        this.logger.error({ err, tenantId }, 'conversation.created was not queued');
      }
    }
  }

  /** Moves each conversation for its new inbound messages (see the repository); answers them as they are now. */
  recordInboundAcrossTenants(activity: readonly InboundActivity[]): Promise<Conversation[]> {
    return this.conversations.recordInboundAcrossTenants(activity);
  }

  /** The team wrote: the conversation moves up the inbox; `agentId` is the agent who wrote, null for automation. */
  recordOutbound(tenantId: string, id: string, preview: string, agentId: string | null): Promise<void> {
    return this.conversations.recordOutbound(tenantId, id, preview, agentId);
  }

  countOpenByAssignee(tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    return this.conversations.countOpenByAssignee(tenantId, userIds);
  }

  countOpen(tenantId: string): Promise<ConversationCounts> {
    return this.conversations.countOpen(tenantId);
  }

  /**
   * Moves a merged contact's conversations to the contact it merged into (docs/adr/0113); answers the pairs on the
   * same number, whose messages must move before `absorb` folds the emptied one in.
   */
  moveContact(
    tenantId: string,
    fromContactId: string,
    intoContactId: string,
  ): Promise<{ fromId: string; intoId: string }[]> {
    return this.conversations.moveContact(tenantId, fromContactId, intoContactId);
  }

  /** Folds an emptied conversation (its messages moved) into the one it merged with, and deletes it. */
  absorb(tenantId: string, fromId: string, intoId: string): Promise<void> {
    return this.conversations.absorb(tenantId, fromId, intoId);
  }

  /** Tells every agent about each conversation of a contact whose name or identity changed. */
  async publishOfContact(tenantId: string, contactId: string): Promise<void> {
    for (const id of await this.conversations.idsOfContact(tenantId, contactId)) await this.publish(tenantId, id);
  }

  /** Tells every agent of the tenant about a conversation as it is now. */
  announce(conversation: Conversation, contact: Contact): void {
    this.realtime.emit(conversation.tenantId, 'conversation.updated', {
      conversation: toConversationDto({ ...conversation, contact }),
    });
  }

  /** Reads the conversation again and tells every agent of the tenant. */
  async publish(tenantId: string, id: string): Promise<ConversationDto> {
    const conversation = await this.get(tenantId, id);
    const dto = toConversationDto(conversation);
    this.realtime.emit(tenantId, 'conversation.updated', { conversation: dto });
    return dto;
  }
}
