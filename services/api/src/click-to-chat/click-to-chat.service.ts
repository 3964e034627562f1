import { Injectable, StreamableFile } from '@nestjs/common';
import {
  type ChatEntryPointDto,
  type ConversationSourceDto,
  type CreateEntryPointInput,
  DEFAULT_WIDGET_SETTINGS,
  type UpdateEntryPointInput,
  type WebhookMessage,
} from '@aerostic/shared';
import QRCode from 'qrcode';
import { NotFoundError } from '../common/http/domain-error';
import { type Principal } from '../common/tenant-context/principal';
import { type ConversationSource } from '../conversations/conversation.repository';
import { ConversationsService } from '../conversations/conversations.service';
import { isUniqueViolation } from '../database/unique-violation';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { type ChatEntryPoint, ChatEntryPointRepository } from './chat-entry-point.repository';
import { WidgetSettingsNotAllowedError } from './click-to-chat.errors';
import { adSource, generateRef, refInText, waMeUrl } from './wa-me-link';

/** An inbound message of a stored batch with the conversation it went to. */
export interface AttributableMessage {
  tenantId: string;
  conversationId: string | undefined;
  message: WebhookMessage;
}

/** A message that may name its conversation's source: by an ad referral, or by a ref still to look up. */
interface Candidate {
  tenantId: string;
  conversationId: string;
  ad: Record<string, unknown> | null;
  ref: string | null;
}

// Six characters of 36 give two billion refs: a clash is rare, three tries make a failure practically impossible.
const REF_TRIES = 3;

/** A number's links, QR codes and widgets, and which of them (or which ad) a conversation came from. */
@Injectable()
export class ClickToChatService {
  constructor(
    private readonly entryPoints: ChatEntryPointRepository,
    private readonly accounts: WhatsAppAccountsService,
    private readonly conversations: ConversationsService,
  ) {}

  async create(principal: Principal, input: CreateEntryPointInput): Promise<ChatEntryPointDto> {
    const phone = await this.displayPhone(principal.tenantId, input.whatsappAccountId);
    const widget = input.kind === 'widget' ? (input.widget ?? DEFAULT_WIDGET_SETTINGS) : null;
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.entryPoints.insert({
          tenantId: principal.tenantId,
          whatsappAccountId: input.whatsappAccountId,
          name: input.name,
          kind: input.kind,
          prefilledText: input.prefilledText,
          ref: generateRef(),
          widget,
        });
        return toDto(created, phone);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= REF_TRIES) throw error;
      }
    }
  }

  async list(principal: Principal, whatsappAccountId?: string): Promise<ChatEntryPointDto[]> {
    const [entries, accounts] = await Promise.all([
      this.entryPoints.list(principal.tenantId, whatsappAccountId),
      this.accounts.listConnected(principal.tenantId),
    ]);
    const phones = new Map(accounts.map((a) => [a.id, a.displayPhoneNumber]));
    // Entry points of a disconnected number stay listed: their printed QR codes still point at it.
    return entries.map((entry) => toDto(entry, phones.get(entry.whatsappAccountId) ?? ''));
  }

  async findOne(principal: Principal, id: string): Promise<ChatEntryPointDto> {
    const entry = await this.entryPoint(principal.tenantId, id);
    return toDto(entry, await this.displayPhone(principal.tenantId, entry.whatsappAccountId));
  }

  async update(principal: Principal, id: string, input: UpdateEntryPointInput): Promise<ChatEntryPointDto> {
    const entry = await this.entryPoint(principal.tenantId, id);
    if (input.widget && entry.kind !== 'widget') throw new WidgetSettingsNotAllowedError();
    const updated = await this.entryPoints.update(principal.tenantId, id, input);
    if (!updated) throw new NotFoundError('Entry point');
    return toDto(updated, await this.displayPhone(principal.tenantId, updated.whatsappAccountId));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (!(await this.entryPoints.remove(principal.tenantId, id))) throw new NotFoundError('Entry point');
  }

  /** The QR code of the entry point's wa.me link, as a download (a file answer keeps its exact content type). */
  async qrCode(principal: Principal, id: string, format: 'png' | 'svg'): Promise<StreamableFile> {
    const { url } = await this.findOne(principal, id);
    const options = { errorCorrectionLevel: 'M', margin: 2 } as const;
    const body =
      format === 'png'
        ? await QRCode.toBuffer(url, { ...options, type: 'png', width: 512 })
        : Buffer.from(await QRCode.toString(url, { ...options, type: 'svg' }), 'utf8');
    return new StreamableFile(body, {
      type: format === 'png' ? 'image/png' : 'image/svg+xml',
      disposition: `attachment; filename="whatsapp-qr.${format}"`,
    });
  }

  /** A widget's entry point by its public ref; null for an unknown ref or one of a link or QR code. */
  async widgetByRef(ref: string): Promise<ChatEntryPointDto | null> {
    const entry = await this.entryPoints.findByRefAcrossTenants(ref);
    if (!entry || entry.kind !== 'widget') return null;
    const account = await this.accounts.findById(entry.tenantId, entry.whatsappAccountId);
    return account ? toDto(entry, account.displayPhoneNumber) : null;
  }

  /**
   * Records the source of each conversation of the batch that has none: its first message with an ad referral or a
   * known ref wins. Two statements per batch; a redelivery finds the sources set and changes nothing.
   */
  async attributeAcrossTenants(messages: readonly AttributableMessage[]): Promise<void> {
    const candidates = messages.flatMap(({ tenantId, conversationId, message }): Candidate[] => {
      if (!conversationId) return [];
      if (message.referral) return [{ tenantId, conversationId, ad: message.referral, ref: null }];
      const ref = refInText(message.text?.body);
      return ref ? [{ tenantId, conversationId, ad: null, ref }] : [];
    });
    if (candidates.length === 0) return;
    const refs = candidates.flatMap((c) => (c.ref ? [{ tenantId: c.tenantId, ref: c.ref }] : []));
    const known = new Map(
      (await this.entryPoints.findByRefsAcrossTenants(refs)).map((e) => [`${e.tenantId}:${e.ref}`, e]),
    );
    const sources = new Map<string, ConversationSource>();
    for (const candidate of candidates) {
      if (sources.has(candidate.conversationId)) continue;
      const entry = candidate.ref ? known.get(`${candidate.tenantId}:${candidate.ref}`) : undefined;
      const source: ConversationSourceDto | null = candidate.ad
        ? adSource(candidate.ad)
        : entry
          ? { type: 'entry_point', entryPointId: entry.id, kind: entry.kind, name: entry.name, ref: entry.ref }
          : null;
      if (source)
        sources.set(candidate.conversationId, {
          tenantId: candidate.tenantId,
          conversationId: candidate.conversationId,
          source,
        });
    }
    await this.conversations.recordSourcesAcrossTenants([...sources.values()]);
  }

  private async entryPoint(tenantId: string, id: string): Promise<ChatEntryPoint> {
    const entry = await this.entryPoints.findById(tenantId, id);
    if (!entry) throw new NotFoundError('Entry point');
    return entry;
  }

  private async displayPhone(tenantId: string, whatsappAccountId: string): Promise<string> {
    const account = await this.accounts.findById(tenantId, whatsappAccountId);
    if (!account) throw new NotFoundError('WhatsApp number');
    return account.displayPhoneNumber;
  }
}

function toDto(entry: ChatEntryPoint, displayPhoneNumber: string): ChatEntryPointDto {
  return {
    id: entry.id,
    whatsappAccountId: entry.whatsappAccountId,
    name: entry.name,
    kind: entry.kind,
    prefilledText: entry.prefilledText,
    ref: entry.ref,
    url: waMeUrl(displayPhoneNumber, entry.prefilledText, entry.ref),
    widget: entry.widget,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}
