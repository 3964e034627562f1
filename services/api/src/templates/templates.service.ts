import { openAsBlob } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import {
  baseMimeType,
  type CreateTemplateInput,
  type HeaderSampleDto,
  headerSampleFormatOf,
  type ListTemplatesQuery,
  type Page,
  type SyncTemplatesInput,
  TEMPLATE_HEADER_SAMPLES,
  type TemplateDto,
  type TemplateSyncResultDto,
  type UploadHeaderSampleInput,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { MediaFileEmptyError, MediaFileMissingError } from '../media/media.errors';
import { cleanFilename, type UploadedFileInput } from '../media/media.service';
import { type Template } from '../database/entities';
import { Transactions } from '../database/sql';
import { RealtimeService } from '../realtime/realtime.service';
import { GraphClient, type MetaTemplate } from '../whatsapp/graph-client';
import { SecretBox } from '../common/crypto/secret-box';
import { type WhatsAppAccountWithSecrets } from '../whatsapp/whatsapp-account.repository';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { GraphApiError } from '../whatsapp/whatsapp.errors';
import { toTemplateDto } from './template.mapper';
import {
  type TemplateQualityUpdate,
  TemplateRepository,
  type TemplateStatusUpdate,
  type TemplateValues,
} from './template.repository';
import {
  HeaderSampleTooLargeError,
  HeaderSampleTypeError,
  NoConnectedNumberError,
  TemplateAccountDisconnectedError,
  TemplateAccountNotFoundError,
  TemplateExistsError,
} from './templates.errors';

/** The name a sample gets when the browser sent none: `sample.<ext>`. */
const SAMPLE_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'video/mp4': 'mp4' };

/** Meta reports no reason as "NONE"; Aerostic stores null. */
function reasonOf(reason: string | null | undefined): string | null {
  return reason === undefined || reason === null || reason === '' || reason === 'NONE' ? null : reason;
}

function valuesOf(template: MetaTemplate): TemplateValues {
  return {
    metaTemplateId: template.id,
    name: template.name,
    language: template.language,
    category: template.category ?? null,
    status: template.status,
    rejectedReason: reasonOf(template.rejected_reason),
    components: template.components ?? [],
  };
}

/**
 * Templates live at Meta; Aerostic keeps a copy per tenant (by Meta's id) for listing and for checking sends.
 * Status changes arrive by webhook (inbound), a sync reads everything again.
 */
@Injectable()
export class TemplatesService {
  private readonly logger = new Logger(TemplatesService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly templates: TemplateRepository,
    private readonly accounts: WhatsAppAccountsService,
    private readonly graph: GraphClient,
    private readonly secrets: SecretBox,
    private readonly auditLogs: AuditLogsService,
    private readonly realtime: RealtimeService,
  ) {}

  async list(principal: Principal, query: ListTemplatesQuery): Promise<Page<TemplateDto>> {
    let wabaId = query.wabaId;
    if (query.whatsappAccountId !== undefined) {
      const account = await this.accounts.findById(principal.tenantId, query.whatsappAccountId);
      if (!account) throw new TemplateAccountNotFoundError();
      // Both given and different: nothing can match.
      if (wabaId !== undefined && wabaId !== account.wabaId) return { data: [], nextCursor: null };
      wabaId = account.wabaId;
    }
    const rows = await this.templates.listPage(
      principal.tenantId,
      { wabaId, status: query.status, search: query.search },
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toTemplateDto);
  }

  async findOne(principal: Principal, id: string): Promise<TemplateDto> {
    const template = await this.templates.findById(principal.tenantId, id);
    if (!template) throw new NotFoundError('Template');
    return toTemplateDto(template);
  }

  /** Reads every template of each business account (one, or all the tenant's connected ones) from Meta. */
  async sync(principal: Principal, input: SyncTemplatesInput, meta: RequestMeta): Promise<TemplateSyncResultDto> {
    const byWaba = new Map<string, WhatsAppAccountWithSecrets>();
    if (input.whatsappAccountId !== undefined) {
      const account = await this.connectedAccount(principal.tenantId, input.whatsappAccountId);
      byWaba.set(account.wabaId, account);
    } else {
      for (const listed of await this.accounts.listConnected(principal.tenantId)) {
        if (byWaba.has(listed.wabaId)) continue;
        const account = await this.accounts.findWithToken(principal.tenantId, listed.id);
        if (account) byWaba.set(account.wabaId, account);
      }
      if (byWaba.size === 0) throw new NoConnectedNumberError();
    }

    const result: TemplateSyncResultDto = { wabaIds: [...byWaba.keys()], created: 0, updated: 0, removed: 0 };
    for (const [wabaId, account] of byWaba) {
      // Every page is read before anything is written: a failure half-way changes nothing.
      const listed = await this.graph.listTemplates(
        wabaId,
        this.secrets.open(account.accessTokenEncrypted, account.id),
      );
      await this.transactions.run(async () => {
        const { created, updated } = await this.templates.upsertFromMeta(
          principal.tenantId,
          wabaId,
          listed.map(valuesOf),
        );
        const removed = await this.templates.markMissingDeleted(
          principal.tenantId,
          wabaId,
          listed.map((t) => t.id),
        );
        await this.templates.purgeDeletedTwins(principal.tenantId, wabaId);
        result.created += created;
        result.updated += updated;
        result.removed += removed;
      });
    }
    await this.auditLogs.recordBy(principal, meta, 'templates.synced', { metadata: { ...result } });
    this.logger.log({ tenantId: principal.tenantId, ...result }, 'Templates synced');
    return result;
  }

  /** Submits the template to Meta for review and keeps it as Meta answered (PENDING, usually). */
  async create(principal: Principal, input: CreateTemplateInput, meta: RequestMeta): Promise<TemplateDto> {
    const account = await this.connectedAccount(principal.tenantId, input.whatsappAccountId);
    if (await this.templates.findLive(principal.tenantId, account.wabaId, input.name, input.language)) {
      throw new TemplateExistsError(input.name, input.language);
    }
    const created = await this.graph.createTemplate(
      account.wabaId,
      this.secrets.open(account.accessTokenEncrypted, account.id),
      {
        name: input.name,
        language: input.language,
        category: input.category,
        parameter_format: input.parameterFormat,
        components: input.components,
      },
    );
    const template = await this.transactions.run(async () => {
      const saved = await this.templates.insertSubmitted(principal.tenantId, account.wabaId, {
        metaTemplateId: created.id,
        name: input.name,
        language: input.language,
        category: created.category ?? input.category,
        status: created.status,
        rejectedReason: null,
        components: input.components,
      });
      await this.templates.purgeDeletedTwins(principal.tenantId, account.wabaId);
      await this.auditLogs.recordBy(principal, meta, 'template.created', {
        target: { type: 'template', id: saved.id },
        metadata: { wabaId: account.wabaId, name: input.name, language: input.language, category: input.category },
      });
      return saved;
    });
    this.logger.log({ tenantId: principal.tenantId, metaTemplateId: created.id }, 'Template submitted to Meta');
    return toTemplateDto(template);
  }

  /**
   * Uploads the sample Meta reviews a media header with (Resumable Upload API, with the number's token) and
   * answers its handle. Type and size are checked first, so a refused file never leaves Aerostic.
   */
  async uploadHeaderSample(
    principal: Principal,
    input: UploadHeaderSampleInput,
    file: UploadedFileInput | undefined,
    meta: RequestMeta,
  ): Promise<HeaderSampleDto> {
    if (!file) throw new MediaFileMissingError();
    const fileType = baseMimeType(file.mimetype);
    const format = headerSampleFormatOf(fileType);
    if (format === null || (input.format !== undefined && format !== input.format)) {
      throw new HeaderSampleTypeError(fileType, input.format);
    }
    if (file.size === 0) throw new MediaFileEmptyError();
    if (file.size > TEMPLATE_HEADER_SAMPLES[format].maxBytes) throw new HeaderSampleTooLargeError(format);

    const account = await this.connectedAccount(principal.tenantId, input.whatsappAccountId);
    const fileName = cleanFilename(file.originalname, `sample.${SAMPLE_EXTENSIONS[fileType] ?? 'pdf'}`);
    const handle = await this.graph.uploadHeaderSample(this.secrets.open(account.accessTokenEncrypted, account.id), {
      body: await openAsBlob(file.path, { type: fileType }),
      mimeType: fileType,
      filename: fileName,
    });
    const sample: HeaderSampleDto = { handle, format, fileType, fileName, fileSize: file.size };
    await this.auditLogs.recordBy(principal, meta, 'template.header_sample_uploaded', {
      metadata: { wabaId: account.wabaId, format, fileType, fileName, fileSize: sample.fileSize },
    });
    return sample;
  }

  /** Deletes this language of the template at Meta (by name and Meta's id), then here. */
  async delete(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    const template = await this.templates.findById(principal.tenantId, id);
    if (!template) throw new NotFoundError('Template');
    if (template.status !== 'DELETED') {
      const account = await this.accountOfWaba(principal.tenantId, template.wabaId);
      const token = this.secrets.open(account.accessTokenEncrypted, account.id);
      try {
        await this.graph.deleteTemplate(template.wabaId, token, template.name, template.metaTemplateId);
      } catch (error) {
        // Already gone at Meta (deleted in WhatsApp Manager): nothing left to delete there.
        if (!(error instanceof GraphApiError) || (await this.stillAtMeta(template.wabaId, token, template))) {
          throw error;
        }
      }
    }
    await this.transactions.run(async () => {
      await this.templates.delete(principal.tenantId, id);
      await this.auditLogs.recordBy(principal, meta, 'template.deleted', {
        target: { type: 'template', id },
        metadata: { wabaId: template.wabaId, name: template.name, language: template.language },
      });
    });
  }

  /** The live template a send of this name and language would use, if Meta still has it. */
  findForSend(tenantId: string, wabaId: string, name: string, language: string): Promise<Template | null> {
    return this.templates.findLive(tenantId, wabaId, name, language);
  }

  /** Meta's review or quality decision on a template (status webhook), for one tenant that has its WABA. */
  async recordStatusWebhook(tenantId: string, update: TemplateStatusUpdate): Promise<void> {
    const rejectedReason = reasonOf(update.reason);
    await this.templates.recordStatus(tenantId, { ...update, reason: rejectedReason });
    this.realtime.emit(tenantId, 'template.updated', {
      metaTemplateId: update.metaTemplateId,
      wabaId: update.wabaId,
      status: update.status,
      rejectedReason,
    });
  }

  /** Meta rated the template's quality (`message_template_quality_update`); agents hear of it as `template.updated`. */
  async recordQualityWebhook(tenantId: string, update: TemplateQualityUpdate): Promise<void> {
    const template = await this.templates.recordQuality(tenantId, update);
    if (!template) return;
    this.realtime.emit(tenantId, 'template.updated', {
      metaTemplateId: template.metaTemplateId,
      wabaId: template.wabaId,
      status: template.status,
      rejectedReason: template.rejectedReason,
      qualityScore: update.qualityScore,
    });
  }

  /** True unless Meta's list shows the template is gone; an unreadable list counts as still there. */
  private async stillAtMeta(
    wabaId: string,
    token: string,
    template: { name: string; metaTemplateId: string },
  ): Promise<boolean> {
    try {
      const listed = await this.graph.listTemplates(wabaId, token, { name: template.name });
      return listed.some((t) => t.id === template.metaTemplateId);
    } catch {
      return true;
    }
  }

  private async connectedAccount(tenantId: string, id: string): Promise<WhatsAppAccountWithSecrets> {
    const account = await this.accounts.findWithToken(tenantId, id);
    if (!account || account.status !== 'connected') throw new TemplateAccountNotFoundError();
    return account;
  }

  /** A connected number of the business account, whose token reaches its templates. */
  private async accountOfWaba(tenantId: string, wabaId: string): Promise<WhatsAppAccountWithSecrets> {
    const listed = (await this.accounts.listConnected(tenantId)).find((a) => a.wabaId === wabaId);
    const account = listed && (await this.accounts.findWithToken(tenantId, listed.id));
    if (!account) throw new TemplateAccountDisconnectedError();
    return account;
  }
}
