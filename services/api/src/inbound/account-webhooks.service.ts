import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type AccountStatusValue,
  accountStatusValueSchema,
  businessCapabilityValueSchema,
  MARKETING_PREFERENCE_CATEGORY,
  type MarketingConsent,
  messagingLimitTierOf,
  phoneQualityValueSchema,
  templateQualityValueSchema,
  userPreferencesValueSchema,
} from '@aerostic/shared';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { ContactsService } from '../contacts/contacts.service';
import { TemplatesService } from '../templates/templates.service';
import { type WebhookHealth } from '../whatsapp/whatsapp-account.repository';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';

/** The business removed our access: the token no longer works, so sends stop until it reconnects. */
const REVOKING_EVENTS = new Set([
  'PARTNER_APP_UNINSTALLED',
  'PARTNER_REMOVED',
  'ACCOUNT_DELETED',
  'ACCOUNT_OFFBOARDED',
]);

const CONSENT_OF_PREFERENCE: Partial<Record<string, MarketingConsent>> = { stop: 'opted_out', resume: 'granted' };

/** Words for Meta's restriction types (`restriction_info[].restriction_type`). */
const RESTRICTIONS: Partial<Record<string, string>> = {
  RESTRICTED_BIZ_INITIATED_MESSAGING: 'no messages may start conversations',
  RESTRICTED_CUSTOMER_INITIATED_MESSAGING: 'no replies to customers',
  RESTRICTED_ADD_PHONE_NUMBER_ACTION: 'no numbers may be added',
};

const FLAGGED_REASON =
  'Quality rating is low: Meta lowers the messaging limit unless the quality improves within 7 days';

/** When Meta made an account-level change: the entry's time, or now when Meta left it out. */
const entryTime = (time: number | undefined): Date => (time ? new Date(time * 1000) : new Date());

/**
 * Decides what the account-level webhooks mean (a customer's marketing preference, a number's and its WABA's
 * health, a template's quality, the portfolio's messaging limit) and hands each to the module that owns it.
 * Every step is idempotent and ordered by Meta's time where order matters (docs/adr/0114, docs/adr/0115).
 */
@Injectable()
export class AccountWebhooksService {
  private readonly logger = new Logger(AccountWebhooksService.name);

  constructor(
    private readonly accounts: WhatsAppAccountsService,
    private readonly contacts: ContactsService,
    private readonly templates: TemplatesService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** `user_preferences`: each stop or resume of marketing, matched to the contact by number or user id. */
  async handleUserPreferences(raw: unknown): Promise<void> {
    const value = userPreferencesValueSchema.parse(raw);
    const account = await this.accounts.findConnectedByPhoneNumberIdAcrossTenants(value.metadata.phone_number_id);
    if (!account) {
      await this.redis.incr('metrics:webhooks:unknown-phone-number');
      this.logger.warn({ phoneNumberId: value.metadata.phone_number_id }, 'Marketing preference for an unknown number');
      return;
    }
    for (const preference of value.user_preferences) {
      const consent = CONSENT_OF_PREFERENCE[preference.value];
      const waId = preference.wa_id ?? null;
      const userId = preference.user_id ?? null;
      if (preference.category !== MARKETING_PREFERENCE_CATEGORY || !consent || (!waId && !userId)) {
        this.logger.warn({ preference }, 'User preference not understood; ignored');
        continue;
      }
      const changed = await this.contacts.recordMarketingPreference({
        tenantId: account.tenantId,
        waId,
        userId,
        consent,
        at: new Date(preference.timestamp * 1000),
      });
      // No contact is created for it: a customer unknown here has nothing to opt out of yet.
      if (changed.length === 0) this.logger.log({ tenantId: account.tenantId, consent }, 'Marketing preference kept');
    }
  }

  /** `phone_number_quality_update`: the number's limit, throughput, and FLAGGED / UNFLAGGED quality. */
  async handlePhoneQuality(raw: unknown, time: number | undefined): Promise<void> {
    const value = phoneQualityValueSchema.parse(raw);
    const limit = value.max_daily_conversations_per_business ?? value.current_limit;
    const health: WebhookHealth = {
      facts: {
        ...(limit && { messagingLimitTier: limit }),
        ...(value.event === 'THROUGHPUT_UPGRADE' && { throughputLevel: 'HIGH' }),
      },
    };
    const at = entryTime(time);
    if (value.event === 'FLAGGED')
      health.status = { metaStatus: 'FLAGGED', reason: FLAGGED_REASON, at, qualityRating: 'RED' };
    // The rating Meta restored is not in the webhook: a check reads it.
    if (value.event === 'UNFLAGGED') health.status = { metaStatus: 'CONNECTED', reason: null, at, qualityRating: null };
    const updated = await this.accounts.applyWebhookHealthAcrossTenants(
      { displayPhoneNumber: value.display_phone_number.replace(/\D/g, '') },
      health,
    );
    this.logger.log({ event: value.event, updated }, 'Phone number quality update applied');
  }

  /** `account_update`: revoked access, restrictions, violations and bans of the WABA's numbers. */
  async handleAccountUpdate(wabaId: string, raw: unknown, time: number | undefined): Promise<void> {
    const value = accountStatusValueSchema.parse(raw);
    const where = { wabaId: value.waba_info?.waba_id ?? wabaId };
    if (REVOKING_EVENTS.has(value.event)) {
      const updated = await this.accounts.applyWebhookHealthAcrossTenants(where, { facts: { tokenStatus: 'invalid' } });
      this.logger.warn({ event: value.event, wabaId, updated }, 'Access to the WhatsApp Business Account was revoked');
      return;
    }
    const status = accountStatusOf(value, entryTime(time));
    if (!status) {
      this.logger.log({ event: value.event, wabaId }, 'Account update received');
      return;
    }
    const updated = await this.accounts.applyWebhookHealthAcrossTenants(where, { facts: {}, status });
    this.logger.warn({ event: value.event, wabaId, status: status.metaStatus, updated }, 'Account status changed');
  }

  /** `business_capability_update`: the portfolio's messaging limit, on every number of the WABA. */
  async handleCapability(wabaId: string, raw: unknown): Promise<void> {
    const value = businessCapabilityValueSchema.parse(raw);
    const limit = value.max_daily_conversations_per_business ?? value.max_daily_conversation_per_phone;
    const tier = limit === undefined ? null : messagingLimitTierOf(limit);
    if (!tier) {
      this.logger.log({ wabaId, limit }, 'Business capability update without a known messaging limit');
      return;
    }
    const updated = await this.accounts.applyWebhookHealthAcrossTenants(
      { wabaId },
      { facts: { messagingLimitTier: tier } },
    );
    this.logger.log({ wabaId, tier, updated }, 'Messaging limit updated');
  }

  /** `message_template_quality_update`: the template's quality score, in every workspace with a number of the WABA. */
  async handleTemplateQuality(wabaId: string, raw: unknown): Promise<void> {
    const value = templateQualityValueSchema.parse(raw);
    const tenants = new Set((await this.accounts.findConnectedAcrossTenants({ wabaId })).map((a) => a.tenantId));
    for (const tenantId of tenants) {
      await this.templates.recordQualityWebhook(tenantId, {
        wabaId,
        metaTemplateId: value.message_template_id,
        qualityScore: value.new_quality_score,
      });
    }
  }
}

/** The status an `account_update` gives the WABA's numbers, in Meta's words; undefined when it gives none. */
export function accountStatusOf(value: AccountStatusValue, at: Date): WebhookHealth['status'] {
  switch (value.event) {
    case 'ACCOUNT_RESTRICTION': {
      const restrictions = value.restriction_info ?? [];
      if (restrictions.length === 0) return { metaStatus: 'CONNECTED', reason: null, at };
      const reason = restrictions
        .map((r) => {
          const what = RESTRICTIONS[r.restriction_type] ?? r.restriction_type;
          return r.expiration ? `${what} until ${r.expiration}` : what;
        })
        .join('; ');
      return { metaStatus: 'RESTRICTED', reason: `Meta restricted the account: ${reason}`, at };
    }
    case 'ACCOUNT_VIOLATION': {
      const type = value.violation_info?.violation_type;
      return { metaStatus: 'POLICY_VIOLATION', reason: `Meta found a policy violation${type ? `: ${type}` : ''}`, at };
    }
    case 'DISABLED_UPDATE': {
      const state = value.ban_info?.waba_ban_state;
      const date = value.ban_info?.waba_ban_date;
      if (state === 'REINSTATE') return { metaStatus: 'CONNECTED', reason: null, at };
      if (state === 'SCHEDULE_FOR_DISABLE') {
        return { metaStatus: 'BAN_SCHEDULED', reason: `Meta will disable the account${date ? ` on ${date}` : ''}`, at };
      }
      return { metaStatus: 'BANNED', reason: `Meta disabled the account${date ? ` on ${date}` : ''}`, at };
    }
    case 'ACCOUNT_RECONNECTED':
      return { metaStatus: 'CONNECTED', reason: null, at };
    default:
      return undefined;
  }
}
