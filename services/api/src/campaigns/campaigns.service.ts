import { Readable } from 'node:stream';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  CAMPAIGN_SKIP_REASONS,
  type CampaignAudienceCsvResult,
  type CampaignDto,
  type CampaignMissingVariable,
  type CampaignPreviewDto,
  type CampaignRecipientDto,
  type CampaignRecipientState,
  type CampaignSkipReason,
  type CreateCampaignBody,
  fillTemplateText,
  type ListCampaignRecipientsQuery,
  type ListCampaignsQuery,
  type Page,
  type PageQuery,
  type PreviewCampaignBody,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { ContactsService } from '../contacts/contacts.service';
import { type Campaign, type Message } from '../database/entities';
import { Transactions } from '../database/sql';
import { LimitsService } from '../limits/limits.service';
import { MessagesService } from '../messages/messages.service';
import { RealtimeService } from '../realtime/realtime.service';
import { TemplatesService } from '../templates/templates.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { type AudienceSpec } from './campaign-audience';
import { recipientsCsvHeader, recipientsCsvRecord } from './campaign-csv';
import { type CampaignMessagePlan, planCampaignMessage } from './campaign-template';
import { KeyedThrottle } from './campaign-throttle';
import {
  decodePositionCursor,
  encodePositionCursor,
  estimateOf,
  toCampaignDto,
  toCampaignRecipientDto,
} from './campaign.mapper';
import { CampaignRepository, type InboundReply, type MissingParameter } from './campaign.repository';
import { CampaignTransitionError, InvalidCampaignError, MissingVariablesError } from './campaigns.errors';
import { TenantScope } from '../database/tenant-scope';

/** `campaign.updated` goes out at most this often per campaign. */
const ANNOUNCE_INTERVAL_MS = 1000;
/** Recipients read per query while an export streams. */
const EXPORT_PAGE_SIZE = 1000;

/** A campaign's sending plan, checked: its number, its template's body and variables, and its audience query. */
interface CheckedCampaign {
  message: CampaignMessagePlan;
  spec: AudienceSpec;
}

/**
 * Broadcast campaigns (docs/adr/0116): one approved template to an audience, one recipient row per contact written
 * at creation with its parameters or its skip reason. The sending engine (./sending) takes pending rows; this
 * service creates, reports and controls campaigns, and attributes replies.
 */
@Injectable()
export class CampaignsService implements OnModuleDestroy {
  private readonly logger = new Logger(CampaignsService.name);
  private readonly announcer = new KeyedThrottle<string>(ANNOUNCE_INTERVAL_MS, (key) => {
    const [tenantId = '', campaignId = ''] = key.split(' ');
    // Fired by a timer that the first call of any context started: the campaign is read in its tenant's scope.
    TenantScope.forTenant(tenantId, () => this.publish(tenantId, campaignId)).catch((err: unknown) =>
      this.logger.warn({ err, campaignId }, 'campaign.updated not sent'),
    );
  });

  constructor(
    private readonly transactions: Transactions,
    private readonly campaigns: CampaignRepository,
    private readonly accounts: WhatsAppAccountsService,
    private readonly templates: TemplatesService,
    private readonly contacts: ContactsService,
    private readonly messages: MessagesService,
    private readonly limits: LimitsService,
    private readonly auditLogs: AuditLogsService,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleDestroy(): void {
    this.announcer.clear();
  }

  async list(principal: Principal, query: ListCampaignsQuery): Promise<Page<CampaignDto>> {
    const rows = await this.campaigns.listPage(
      principal.tenantId,
      { status: query.status },
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    const totals = await this.campaigns.totals(
      principal.tenantId,
      rows.slice(0, query.limit).map((c) => c.id),
    );
    return toPage(rows, query.limit, (c) => toCampaignDto(c, totals.get(c.id)));
  }

  findOne(principal: Principal, id: string): Promise<CampaignDto> {
    return this.dto(principal.tenantId, id);
  }

  /**
   * Creates the campaign and all its recipient rows in one transaction: refused as a whole when the number or
   * template cannot send, a recipient to be sent lacks a value, or the month's outbound limit would be passed.
   */
  async create(principal: Principal, body: CreateCampaignBody, meta: RequestMeta): Promise<CampaignDto> {
    const { tenantId } = principal;
    const { message, spec } = await this.check(tenantId, body);
    const scheduledAt = body.scheduledAt ? new Date(body.scheduledAt) : new Date();
    const campaign = await this.transactions.run(async () => {
      const created = await this.campaigns.insert({
        tenantId,
        whatsappAccountId: body.whatsappAccountId,
        name: body.name,
        status: scheduledAt.getTime() > Date.now() ? 'scheduled' : 'running',
        templateName: body.template.name,
        templateLanguage: body.template.language,
        templateCategory: message.category,
        variables: body.template.variables,
        audience: body.audience,
        scheduledAt,
        createdByUserId: principal.userId,
      });
      const written = await this.campaigns.insertRecipients(created.id, spec);
      if (written === 0) {
        throw new InvalidCampaignError('audience', 'No contact matches this audience: choose other tags or contacts');
      }
      const missing = await this.campaigns.missingInStoredAudience(tenantId, created.id, message.parameters.length);
      if (missing.length > 0) throw new MissingVariablesError(describeMissing(missing, message));
      const estimate = estimateOf(await this.campaigns.countStoredAudience(tenantId, created.id), message.category);
      await this.campaigns.setEstimate(tenantId, created.id, estimate);
      // Messages promised to live campaigns count as sent already, so two campaigns cannot share one allowance.
      await this.limits.assertWithin(
        tenantId,
        'outboundMessagesPerMonth',
        async () =>
          (await this.messages.countOutboundThisMonth(tenantId)) +
          (await this.campaigns.countPendingOfOthers(tenantId, created.id)),
        estimate.recipients,
      );
      await this.limits.assertWithin(
        tenantId,
        'campaignRecipientsPerMonth',
        () => this.campaigns.countRecipientsThisMonth(tenantId, created.id),
        estimate.recipients,
      );
      await this.auditLogs.recordBy(principal, meta, 'campaign.created', {
        target: { type: 'campaign', id: created.id },
        metadata: {
          name: created.name,
          template: `${created.templateName} (${created.templateLanguage})`,
          recipients: written,
          sending: estimate.recipients,
          scheduledAt: created.scheduledAt.toISOString(),
        },
      });
      return created;
    });
    this.logger.log({ tenantId, campaignId: campaign.id, status: campaign.status }, 'Campaign created');
    const dto = await this.dto(tenantId, campaign.id);
    this.announce(tenantId, campaign.id);
    return dto;
  }

  /** What creating the campaign would do, without storing anything: counts, skips, estimate, a page of messages. */
  async preview(principal: Principal, body: PreviewCampaignBody, page: PageQuery): Promise<CampaignPreviewDto> {
    const { message, spec } = await this.check(principal.tenantId, body);
    const counts = await this.campaigns.countAudience(spec);
    const missing = await this.campaigns.missingInAudience(spec);
    const rows = await this.campaigns.previewPage(spec, decodePositionCursor(page.cursor), page.limit + 1);
    const skipped = Object.fromEntries(Object.values(CAMPAIGN_SKIP_REASONS).map((r) => [r, 0])) as Record<
      CampaignSkipReason,
      number
    >;
    for (const c of counts) if (c.reason !== null) skipped[c.reason] += c.recipients;
    const estimate = estimateOf(counts, message.category);
    const pageRows = rows.slice(0, page.limit);
    const last = pageRows.at(-1);
    return {
      recipients: counts.reduce((sum, c) => sum + c.recipients, 0),
      sending: estimate.recipients,
      skipped,
      estimate,
      missing: describeMissing(missing, message),
      data: pageRows.map((row) => ({
        position: row.position,
        contactId: row.contactId,
        displayName: row.displayName,
        waId: row.waId,
        userId: row.userId,
        state: row.reason === null ? 'pending' : 'skipped',
        reason: row.reason,
        parameters: row.parameters,
        text: fillTemplateText(
          message.body,
          Object.fromEntries(message.parameters.map((p, i) => [p.name, row.parameters[i] ?? ''])),
        ),
      })),
      nextCursor: rows.length > page.limit && last ? encodePositionCursor(last.position) : null,
    };
  }

  /** Saves the rows of an audience file as contacts (as a contacts import does) and answers their ids by line. */
  async importAudienceCsv(principal: Principal, csv: string, meta: RequestMeta): Promise<CampaignAudienceCsvResult> {
    const { contactIds, rejected } = await this.contacts.importCsvForAudience(principal, csv, meta);
    // Data row n of an import is line n + 1 of the file, the header being line 1.
    return { contactIds, rejected: rejected.map((r) => ({ line: r.row + 1, reason: r.reason })) };
  }

  async listRecipients(
    principal: Principal,
    id: string,
    query: ListCampaignRecipientsQuery,
  ): Promise<Page<CampaignRecipientDto>> {
    await this.get(principal.tenantId, id);
    const rows = await this.campaigns.recipientsPage(
      principal.tenantId,
      id,
      query.state,
      decodePositionCursor(query.cursor),
      query.limit + 1,
    );
    const pageRows = rows.slice(0, query.limit);
    const last = pageRows.at(-1);
    return {
      data: pageRows.map(toCampaignRecipientDto),
      nextCursor: rows.length > query.limit && last ? encodePositionCursor(last.position) : null,
    };
  }

  /** Every recipient (of one state, if given) as CSV in sending order, read page by page while the answer streams. */
  async exportRecipientsCsv(
    principal: Principal,
    id: string,
    filter: { state?: CampaignRecipientState },
  ): Promise<Readable> {
    await this.get(principal.tenantId, id);
    const campaigns = this.campaigns;
    async function* lines(): AsyncGenerator<string> {
      // The byte order mark makes Excel read the file as UTF-8.
      yield `\uFEFF${recipientsCsvHeader()}`;
      let after = -1;
      for (;;) {
        const page = await campaigns.recipientsPage(principal.tenantId, id, filter.state, after, EXPORT_PAGE_SIZE);
        if (page.length > 0) yield page.map((r) => recipientsCsvRecord(toCampaignRecipientDto(r), r.position)).join('');
        const last = page.at(-1);
        if (page.length < EXPORT_PAGE_SIZE || !last) return;
        after = last.position;
      }
    }
    return Readable.from(lines());
  }

  pause(principal: Principal, id: string, meta: RequestMeta): Promise<CampaignDto> {
    return this.transition(principal, id, meta, 'pause', () => this.campaigns.pause(principal.tenantId, id));
  }

  resume(principal: Principal, id: string, meta: RequestMeta): Promise<CampaignDto> {
    return this.transition(principal, id, meta, 'resume', () => this.campaigns.resume(principal.tenantId, id));
  }

  /** Cancels the campaign and its recipients not sent yet; messages already queued still go. */
  cancel(principal: Principal, id: string, meta: RequestMeta): Promise<CampaignDto> {
    return this.transition(principal, id, meta, 'cancel', () => this.campaigns.cancel(principal.tenantId, id));
  }

  /**
   * Tells the tenant's dashboards the campaign's status and totals, at most once a second per campaign (the last
   * call of a second is always announced). Cheap to call after every change.
   */
  /** Recipients of this calendar month's campaigns (UTC): the usage of `campaignRecipientsPerMonth`. */
  countRecipientsThisMonth(tenantId: string): Promise<number> {
    return this.campaigns.countRecipientsThisMonth(tenantId, null);
  }

  announce(tenantId: string, campaignId: string): void {
    this.announcer.call(`${tenantId} ${campaignId}`);
  }

  /**
   * Inbound messages that answer a campaign message sent to their sender in the 72 hours before: the recipient is
   * marked replied and the message marked as the campaign's answer, together. Safe to repeat for the same messages.
   */
  async recordRepliesAcrossTenants(replies: readonly InboundReply[]): Promise<void> {
    if (replies.length === 0) return;
    const { recorded, messages } = await this.transactions.run(async () => {
      const recorded = await this.campaigns.recordRepliesAcrossTenants(replies);
      const messages: Message[] = await this.messages.markCampaignRepliesAcrossTenants(recorded);
      return { recorded, messages };
    });
    for (const message of messages) this.messages.announceUpdated(message);
    for (const key of new Set(recorded.map((r) => `${r.tenantId} ${r.campaignId}`))) this.announcer.call(key);
  }

  private async transition(
    principal: Principal,
    id: string,
    meta: RequestMeta,
    action: 'pause' | 'resume' | 'cancel',
    change: () => Promise<Campaign | null>,
  ): Promise<CampaignDto> {
    await this.transactions.run(async () => {
      const changed = await change();
      if (!changed) throw new CampaignTransitionError(action, (await this.get(principal.tenantId, id)).status);
      const verb = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const;
      await this.auditLogs.recordBy(principal, meta, `campaign.${verb[action]}`, {
        target: { type: 'campaign', id },
        metadata: { name: changed.name, status: changed.status },
      });
    });
    const dto = await this.dto(principal.tenantId, id);
    this.announce(principal.tenantId, id);
    return dto;
  }

  /** Checks the number, the template and its variables, and the listed contacts; answers what to send to whom. */
  private async check(tenantId: string, body: PreviewCampaignBody): Promise<CheckedCampaign> {
    const account = await this.accounts.findById(tenantId, body.whatsappAccountId);
    if (!account) {
      throw new InvalidCampaignError('whatsappAccountId', 'No WhatsApp number of this workspace has this id');
    }
    if (account.status !== 'connected') {
      throw new InvalidCampaignError(
        'whatsappAccountId',
        'This WhatsApp number is disconnected: connect it again on the WhatsApp page, or choose another number',
      );
    }
    if (account.tokenStatus === 'invalid') {
      throw new InvalidCampaignError(
        'whatsappAccountId',
        'Meta no longer accepts this number’s access token: reconnect it on the WhatsApp page',
      );
    }
    const { name, language, variables } = body.template;
    const template = await this.templates.findForSend(tenantId, account.wabaId, name, language);
    if (!template) {
      throw new InvalidCampaignError(
        'template.name',
        `This number’s WhatsApp Business Account has no template "${name}" in ${language}; sync the templates if it was just created`,
      );
    }
    if (template.status !== 'APPROVED') {
      throw new InvalidCampaignError(
        'template.name',
        `The template "${name}" (${language}) is ${template.status}: only an approved template can be sent`,
      );
    }
    const message = planCampaignMessage(template, variables);

    const ids = body.audience.contactIds ?? [];
    if (ids.length > 0) {
      const unknown = await this.campaigns.unknownContacts(tenantId, ids);
      if (unknown.count > 0) {
        throw new InvalidCampaignError(
          'audience.contactIds',
          `${unknown.count} of these ids are not contacts of this workspace (${unknown.examples.join(', ')}${
            unknown.count > unknown.examples.length ? ', …' : ''
          })`,
        );
      }
    }
    return {
      message,
      spec: {
        tenantId,
        audience: body.audience,
        category: message.category,
        parameters: message.parameters.map((p) => p.resolved),
      },
    };
  }

  private async get(tenantId: string, id: string): Promise<Campaign> {
    const campaign = await this.campaigns.findById(tenantId, id);
    if (!campaign) throw new NotFoundError('Campaign');
    return campaign;
  }

  private async dto(tenantId: string, id: string): Promise<CampaignDto> {
    const campaign = await this.get(tenantId, id);
    const totals = await this.campaigns.totals(tenantId, [id]);
    return toCampaignDto(campaign, totals.get(id));
  }

  private async publish(tenantId: string, campaignId: string): Promise<void> {
    const campaign = await this.dto(tenantId, campaignId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (campaign) this.realtime.emit(tenantId, 'campaign.updated', { campaign });
  }
}

function describeMissing(
  missing: readonly MissingParameter[],
  message: CampaignMessagePlan,
): CampaignMissingVariable[] {
  return missing.map((m) => {
    const parameter = message.parameters[m.index]!;
    return { parameter: parameter.name, source: parameter.source, recipients: m.recipients, examples: m.examples };
  });
}
