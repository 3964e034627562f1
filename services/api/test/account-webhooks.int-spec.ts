import {
  type ContactDto,
  type RealtimeEvents,
  type TemplateDto,
  type WhatsAppAccountDto,
  QUEUES,
  whatsappHealthCheckJobId,
} from '@aerostic/shared';
import { Queue } from 'bullmq';
import { io, type Socket } from 'socket.io-client';
import { queueOptions } from '../src/common/queue/queue-connection';
import { AccountWebhooksService } from '../src/inbound/account-webhooks.service';
import { MessagesService } from '../src/messages/messages.service';
import { type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { envelope, newWamid, status, text, webhook, type Number } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe(AccountWebhooksService.name, () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let number: Number & { id: string };
  let url: string;
  let healthJobs: Queue;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    healthJobs = new Queue(QUEUES.whatsappHealth.name, queueOptions(t.config));
    await inbound.ready();
    url = await t.listen();
    admin = await registerTenant(t, 'Preferences Co');
    number = await connectNumber(t, admin);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([inbound.close(), healthJobs.close()]);
    await t.close();
  });

  let seq = 0;
  const customer = () => `4477008${String(++seq).padStart(5, '0')}`;
  const api = () => t.http();
  const get = async <T>(path: string): Promise<T> =>
    (await api().get(path).auth(admin.token, { type: 'bearer' }).expect(200)).body as T;

  /** A contact who wrote in, as the inbox stores them. */
  async function contactWhoWrote(waId = customer()): Promise<ContactDto> {
    await inbound.deliver(webhook(number, { messages: [text(waId, 'Hi')] }));
    const [row] = await t.sql(`SELECT id FROM contacts WHERE tenant_id = $1 AND wa_id = $2`, [admin.tenantId, waId]);
    return get<ContactDto>(`/contacts/${String(row?.id)}`);
  }

  /** Meta's `user_preferences` change for the number: one customer's stop or resume at `at`. */
  function preference(who: { wa_id?: string; user_id?: string }, value: 'stop' | 'resume', at: string) {
    return envelope([
      {
        wabaId: number.wabaId,
        changes: [
          {
            field: 'user_preferences',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
              contacts: [{ profile: { name: 'Sheena' }, ...who }],
              user_preferences: [
                {
                  ...who,
                  detail: `User requested to ${value} marketing messages`,
                  category: 'marketing_messages',
                  value,
                  timestamp: unix(at),
                },
              ],
            },
          },
        ],
      },
    ]);
  }

  /** An account-level change of the number's WABA, at `time` (unix seconds) as Meta sets entry.time. */
  function accountChange(field: string, value: Record<string, unknown>, time: number) {
    return { object: 'whatsapp_business_account', entry: [{ id: number.wabaId, time, changes: [{ field, value }] }] };
  }

  describe('user_preferences', () => {
    it('should opt the contact out when they stop marketing, and back in when they resume', async () => {
      const contact = await contactWhoWrote();
      expect(contact).toMatchObject({ marketingConsent: 'unknown', marketingConsentAt: null, optedOut: false });

      await inbound.deliver(preference({ wa_id: contact.waId! }, 'stop', '2026-12-01T10:00:00Z'));
      expect(await get<ContactDto>(`/contacts/${contact.id}`)).toMatchObject({
        marketingConsent: 'opted_out',
        marketingConsentAt: '2026-12-01T10:00:00.000Z',
        marketingConsentSource: 'whatsapp',
        optedOut: true,
      });

      await inbound.deliver(preference({ wa_id: contact.waId! }, 'resume', '2026-12-02T10:00:00Z'));
      expect(await get<ContactDto>(`/contacts/${contact.id}`)).toMatchObject({
        marketingConsent: 'granted',
        marketingConsentAt: '2026-12-02T10:00:00.000Z',
        optedOut: false,
      });
    });

    it('should keep the newer choice when an older one arrives late, and change nothing on a redelivery', async () => {
      const contact = await contactWhoWrote();
      await inbound.deliver(preference({ wa_id: contact.waId! }, 'resume', '2026-12-03T12:00:00Z'));
      const resumed = await get<ContactDto>(`/contacts/${contact.id}`);

      await inbound.deliver(preference({ wa_id: contact.waId! }, 'stop', '2026-12-03T11:59:00Z'));
      await inbound.deliver(preference({ wa_id: contact.waId! }, 'resume', '2026-12-03T12:00:00Z'));
      expect(await get<ContactDto>(`/contacts/${contact.id}`)).toEqual(resumed);
    });

    it('should find the contact by its business-scoped user id when the payload has no number', async () => {
      const contact = await contactWhoWrote();
      const userId = `US.${Date.now()}${seq}`;
      await t.sql(`UPDATE contacts SET user_id = $1 WHERE id = $2`, [userId, contact.id]);

      await inbound.deliver(preference({ user_id: userId }, 'stop', '2026-12-04T09:00:00Z'));
      expect((await get<ContactDto>(`/contacts/${contact.id}`)).marketingConsent).toBe('opted_out');
    });

    it('should create no contact when the customer is unknown', async () => {
      const stranger = customer();
      await inbound.deliver(preference({ wa_id: stranger }, 'stop', '2026-12-04T09:00:00Z'));
      const rows = await t.sql(`SELECT 1 FROM contacts WHERE tenant_id = $1 AND wa_id = $2`, [
        admin.tenantId,
        stranger,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('should let an agent set consent, audit it, and ignore a WhatsApp choice older than the agent’s', async () => {
      const contact = await contactWhoWrote();
      const patched = await api()
        .patch(`/contacts/${contact.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ marketingConsent: 'granted' })
        .expect(200);
      expect(patched.body).toMatchObject({ marketingConsent: 'granted', marketingConsentSource: 'agent' });
      const [audit] = await t.sql(
        `SELECT action, actor_user_id, metadata FROM audit_logs WHERE tenant_id = $1 AND target_id = $2`,
        [admin.tenantId, contact.id],
      );
      expect(audit).toEqual({
        action: 'contact.consent_changed',
        actor_user_id: admin.userId,
        metadata: { from: 'unknown', to: 'granted' },
      });

      await inbound.deliver(preference({ wa_id: contact.waId! }, 'stop', '2026-01-01T00:00:00Z'));
      expect((await get<ContactDto>(`/contacts/${contact.id}`)).marketingConsent).toBe('granted');

      const invalid = await api()
        .patch(`/contacts/${contact.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ marketingConsent: 'maybe' })
        .expect(400);
      expect(invalid.body).toMatchObject({ fields: { marketingConsent: expect.stringContaining('granted') } });
    });
  });

  describe('number health', () => {
    function listen(): { socket: Socket; heard: WhatsAppAccountDto[] } {
      const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: admin.token } });
      sockets.push(socket);
      const heard: WhatsAppAccountDto[] = [];
      socket.on('whatsapp.updated', (payload: RealtimeEvents['whatsapp.updated']) => heard.push(payload.account));
      return { socket, heard };
    }
    const account = () => get<WhatsAppAccountDto>(`/whatsapp/accounts/${number.id}`);

    it('should flag the number live, keep the newer status over a late older one, and ask Meta for the rating when unflagged', async () => {
      const { socket, heard } = listen();
      await new Promise<void>((resolve) => socket.once('ready', () => resolve()));
      const flaggedAt = unix('2026-12-05T08:00:00Z');
      const quality = (event: string, time: number) =>
        accountChange(
          'phone_number_quality_update',
          { display_phone_number: number.displayPhoneNumber, event, max_daily_conversations_per_business: 'TIER_2K' },
          time,
        );

      await inbound.deliver(quality('FLAGGED', flaggedAt));
      const flagged = await account();
      expect(flagged).toMatchObject({
        metaStatus: 'FLAGGED',
        qualityRating: 'RED',
        messagingLimitTier: 'TIER_2K',
        metaStatusChangedAt: '2026-12-05T08:00:00.000Z',
        metaStatusReason: expect.stringMatching(/Quality rating is low/),
      });
      await eventually(
        async () => heard.at(-1),
        (last) => last?.metaStatus === 'FLAGGED',
        5_000,
      );

      await inbound.deliver(quality('UNFLAGGED', flaggedAt - 60));
      expect(await account()).toEqual(flagged);

      await inbound.deliver(quality('UNFLAGGED', flaggedAt + 60));
      expect(await account()).toMatchObject({ metaStatus: 'CONNECTED', qualityRating: null, metaStatusReason: null });
      const check = await healthJobs.getJob(
        whatsappHealthCheckJobId({
          tenantId: admin.tenantId,
          whatsappAccountId: number.id,
          sweep: `webhook-${(flaggedAt + 60) * 1000}`,
        }),
      );
      expect(check?.data).toMatchObject({ whatsappAccountId: number.id });
      await eventually(
        async () => heard.at(-1),
        (last) => last?.metaStatus === 'CONNECTED',
        5_000,
      );
    });

    it('should restrict, ban and reinstate the numbers of the WABA as account_update says', async () => {
      const at = unix('2026-12-06T08:00:00Z');
      await inbound.deliver(
        accountChange(
          'account_update',
          {
            event: 'ACCOUNT_RESTRICTION',
            restriction_info: [
              { restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: '2026-12-13T08:00:00+0000' },
            ],
          },
          at,
        ),
      );
      expect(await account()).toMatchObject({
        metaStatus: 'RESTRICTED',
        metaStatusReason:
          'Meta restricted the account: no messages may start conversations until 2026-12-13T08:00:00+0000',
      });

      await inbound.deliver(
        accountChange(
          'account_update',
          { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'DISABLE', waba_ban_date: 'December 7, 2026' } },
          at + 3600,
        ),
      );
      expect(await account()).toMatchObject({
        metaStatus: 'BANNED',
        metaStatusReason: 'Meta disabled the account on December 7, 2026',
      });

      await inbound.deliver(
        accountChange(
          'account_update',
          { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'REINSTATE' } },
          at + 7200,
        ),
      );
      expect(await account()).toMatchObject({ metaStatus: 'CONNECTED', metaStatusReason: null });
    });

    it('should take the portfolio’s messaging limit from business_capability_update', async () => {
      await inbound.deliver(
        accountChange(
          'business_capability_update',
          {
            max_daily_conversations_per_business: 100000,
            max_phone_numbers_per_business: 20,
            max_phone_numbers_per_waba: 20,
          },
          unix('2026-12-06T09:00:00Z'),
        ),
      );
      expect((await account()).messagingLimitTier).toBe('TIER_100K');

      await inbound.deliver(
        accountChange(
          'business_capability_update',
          { max_daily_conversations_per_business: -1 },
          unix('2026-12-06T10:00:00Z'),
        ),
      );
      expect((await account()).messagingLimitTier).toBe('TIER_UNLIMITED');
    });

    it('should keep a template’s quality score from message_template_quality_update', async () => {
      await t.sql(
        `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status)
         VALUES ($1, $2, '55501', 'spring_sale', 'en_US', 'MARKETING', 'APPROVED')`,
        [admin.tenantId, number.wabaId],
      );
      await inbound.deliver(
        accountChange(
          'message_template_quality_update',
          {
            previous_quality_score: 'GREEN',
            new_quality_score: 'YELLOW',
            message_template_id: 55501,
            message_template_name: 'spring_sale',
            message_template_language: 'en_US',
          },
          unix('2026-12-06T11:00:00Z'),
        ),
      );
      const page = await get<{ data: TemplateDto[] }>(`/templates?search=spring_sale`);
      expect(page.data.find((x) => x.metaTemplateId === '55501')?.qualityScore).toBe('YELLOW');
    });
  });

  describe('statuses[].pricing', () => {
    it('should store the pricing on the message, and keep it when a later status has none', async () => {
      const to = customer();
      await contactWhoWrote(to);
      const [conversation] = await t.sql(
        `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.tenant_id = $1 AND k.wa_id = $2`,
        [admin.tenantId, to],
      );
      const wamid = newWamid();
      await t.sql(
        `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid)
         VALUES ($1, $2, 'outbound', 'template', '{}', 'queued', $3)`,
        [admin.tenantId, conversation?.id, wamid],
      );
      const pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' };
      const pricingOf = async () =>
        (
          await t.sql(
            `SELECT status, pricing_billable, pricing_model, pricing_category, pricing_type FROM messages WHERE wamid = $1`,
            [wamid],
          )
        )[0];

      await inbound.deliver(webhook(number, { statuses: [status(wamid, 'sent', to, { pricing })] }));
      await inbound.deliver(webhook(number, { statuses: [status(wamid, 'read', to)] }));
      expect(await pricingOf()).toEqual({
        status: 'read',
        pricing_billable: true,
        pricing_model: 'PMP',
        pricing_category: 'marketing',
        pricing_type: 'regular',
      });
    });

    it('should apply the pricing of a status that arrived before the send result linked the message', async () => {
      const to = customer();
      await contactWhoWrote(to);
      const wamid = newWamid();
      const pricing = { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
      await inbound.deliver(webhook(number, { statuses: [status(wamid, 'delivered', to, { pricing })] }));
      const [conversation] = await t.sql(
        `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.tenant_id = $1 AND k.wa_id = $2`,
        [admin.tenantId, to],
      );
      const [row] = await t.sql(
        `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status)
         VALUES ($1, $2, 'outbound', 'text', '{}', 'queued') RETURNING id`,
        [admin.tenantId, conversation?.id],
      );
      await TenantScope.acrossTenants('send-results', () =>
        t.app.get(MessagesService).recordSendResult({
          tenantId: admin.tenantId,
          messageId: String(row?.id),
          outcome: 'accepted',
          wamid,
        }),
      );
      const [stored] = await t.sql(`SELECT status, pricing_type, pricing_category FROM messages WHERE id = $1`, [
        row?.id,
      ]);
      expect(stored).toEqual({
        status: 'delivered',
        pricing_type: 'free_customer_service',
        pricing_category: 'service',
      });
    });
  });
});
