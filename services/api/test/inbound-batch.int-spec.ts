import { type MetaWebhookJob, QUEUES, webhookEnvelopeSchema } from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import { QueueEvents } from 'bullmq';
import { queueOptions } from '../src/common/queue/queue-connection';
import { InboundService } from '../src/inbound/inbound.service';
import { MetaWebhookConsumer } from '../src/inbound/meta-webhook.consumer';
import { registerTenant, type Member } from './support/builders';
import { eventually } from './support/eventually';
import { connectNumber } from './support/inbound-harness';
import { envelope, type MetaMessage, messagesChange, text, webhook, type Number } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

describe('Inbound batches', () => {
  let t: TestApp;
  let admin: Member;
  let number: Number & { id: string };
  let inbound: InboundService;
  let queue: QueueProducer<typeof QUEUES.metaWebhooks>;
  let events: QueueEvents;

  beforeAll(async () => {
    t = await createTestApp();
    queue = new QueueProducer(QUEUES.metaWebhooks, queueOptions(t.config));
    // Every job waited for holds a listener on the queue, and these tests wait for dozens at once.
    queue.queue.setMaxListeners(100);
    events = new QueueEvents(QUEUES.metaWebhooks.name, queueOptions(t.config));
    await events.waitUntilReady();
    admin = await registerTenant(t, 'Batch Co');
    number = await connectNumber(t, admin);
    inbound = t.app.get(InboundService);
  });
  afterAll(async () => {
    await events.close();
    await queue.close();
    await t.close();
  });

  let seq = 0;
  const customer = () => `4477018${String(++seq).padStart(5, '0')}`;
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 9, 0, seconds));

  /** A text message as Meta sends it, with the sender's profile name (none: the webhook carries no contact). */
  interface Sent {
    message: MetaMessage;
    profileName: string | null;
  }
  function record(waId: string, body: string, sentAt: Date, profileName: string | null = null): Sent {
    return { message: text(waId, body, { timestamp: String(sentAt.getTime() / 1000) }), profileName };
  }

  /** Handles the messages as one batch: each in a webhook of its own, as webhooks that arrived together. */
  async function storeBatch(sent: Sent[]): Promise<void> {
    // On the inbound path, as the consumer runs it.
    await TenantScope.acrossTenants('inbound', () =>
      inbound.handleMany(
        sent.map(({ message, profileName }) => {
          const { value } = messagesChange(number, { messages: [message] });
          const change = profileName
            ? {
                field: 'messages',
                value: { ...value, contacts: [{ profile: { name: profileName }, wa_id: message.from }] },
              }
            : { field: 'messages', value: { ...value, contacts: undefined } };
          return webhookEnvelopeSchema.parse(envelope([{ wabaId: number.wabaId, changes: [change] }]));
        }),
      ),
    );
  }

  async function thread(waId: string) {
    const [conversation] = await t.sql(
      `SELECT c.id, c.unread_count, c.last_message_preview, c.last_message_at, c.status, c.version, ct.profile_name
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
       WHERE ct.tenant_id = $1 AND ct.wa_id = $2`,
      [admin.tenantId, waId],
    );
    const messages = await t.sql(
      `SELECT wamid, content->'text'->>'body' AS body FROM messages WHERE conversation_id = $1 ORDER BY created_at, id`,
      [conversation?.id],
    );
    return { conversation, bodies: messages.map((m) => m.body) };
  }

  /** Adds the jobs in one call, so that the consumer takes them together, and waits for each one's outcome. */
  async function deliverTogether(jobs: MetaWebhookJob[]): Promise<PromiseSettledResult<unknown>[]> {
    const name = QUEUES.metaWebhooks.jobs.webhook.name;
    const added = await queue.queue.addBulk(jobs.map((data) => ({ name, data })));
    return Promise.all(added.map((job) => firstAttempt(job.id!)));
  }

  /** How a job's first attempt ended: completed, or failed (it then waits for its retry, or stays failed). */
  async function firstAttempt(id: string): Promise<PromiseSettledResult<unknown>> {
    const outcome = await eventually(
      async () => {
        const job = await queue.queue.getJob(id);
        return { state: await job?.getState(), attempts: job?.attemptsMade ?? 0, reason: job?.failedReason };
      },
      ({ state, attempts }) => state === 'completed' || state === 'failed' || (state === 'delayed' && attempts > 0),
      20_000,
    );
    return outcome.state === 'completed'
      ? { status: 'fulfilled', value: undefined }
      : { status: 'rejected', reason: new Error(outcome.reason) };
  }

  const job = (payload: unknown) => ({ rawBody: JSON.stringify(payload), receivedAt: Date.now() });
  const envelopeWith = (value: unknown) =>
    envelope([{ wabaId: number.wabaId, changes: [{ field: 'messages', value }] }]);

  describe(`${InboundService.name}.handleMany`, () => {
    it('should end in the rows of storing one by one when a batch holds several messages of new and known customers', async () => {
      const known = customer();
      await storeBatch([record(known, 'earlier', at(10), 'Ana')]);
      const fresh = customer();
      const repeated = record(known, 'first of three', at(20));

      await storeBatch([
        repeated,
        record(fresh, 'hello', at(15), 'Bo'),
        record(known, 'second, same second', at(20), 'Ana Maria'),
        { ...repeated, message: { ...repeated.message, text: { body: 'the same wamid again' } } },
        record(known, 'late, sent before', at(5)),
        record(fresh, 'still me', at(16)),
      ]);

      const a = await thread(known);
      expect(a.conversation).toMatchObject({
        unread_count: 4,
        last_message_preview: 'second, same second',
        profile_name: 'Ana Maria',
      });
      expect(a.bodies).toEqual(['earlier', 'first of three', 'second, same second', 'late, sent before']);
      const b = await thread(fresh);
      expect(b.conversation).toMatchObject({ unread_count: 2, last_message_preview: 'still me', profile_name: 'Bo' });
    });

    it('should keep a newer preview and reopen a resolved conversation when a batch of late messages arrives', async () => {
      const from = customer();
      await storeBatch([record(from, 'newest', at(50))]);
      await t.sql(`UPDATE conversations SET status = 'resolved', unread_count = 0 WHERE id = $1`, [
        (await thread(from)).conversation?.id,
      ]);

      await storeBatch([record(from, 'old one', at(30)), record(from, 'old two', at(31))]);

      expect((await thread(from)).conversation).toMatchObject({
        status: 'open',
        unread_count: 2,
        last_message_preview: 'newest',
        last_message_at: at(50),
      });
    });

    it('should change no row, not even its version, when the same batch is handled again', async () => {
      const from = customer();
      const batch = [record(from, 'one', at(1), 'Cy'), record(from, 'two', at(2))];
      await storeBatch(batch);
      const before = await thread(from);
      const contactBefore = await t.sql(`SELECT updated_at FROM contacts WHERE wa_id = $1`, [from]);

      await storeBatch(batch);

      expect(await thread(from)).toEqual(before);
      expect(await t.sql(`SELECT updated_at FROM contacts WHERE wa_id = $1`, [from])).toEqual(contactBefore);
    });
  });

  describe(MetaWebhookConsumer.name, () => {
    it('should store every webhook of a job that carries several', async () => {
      const customers = [customer(), customer()];
      const messages = [text(customers[0]!, 'one'), text(customers[1]!, 'two'), text(customers[0]!, 'three')];

      const [outcome] = await deliverTogether([
        { webhooks: messages.map((m) => job(webhook(number, { messages: [m] }))) },
      ]);

      expect(outcome?.status).toBe('fulfilled');
      expect((await thread(customers[0]!)).bodies).toEqual(['one', 'three']);
      expect((await thread(customers[1]!)).bodies).toEqual(['two']);
    });

    it('should count every message once when many jobs for the same customers arrive together', async () => {
      const customers = [customer(), customer(), customer()];
      const messages = Array.from({ length: 60 }, (_, i) => text(customers[i % 3]!, `message ${i}`));

      const outcomes = await deliverTogether(messages.map((m) => job(webhook(number, { messages: [m] }))));

      expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
      for (const waId of customers) {
        const { conversation, bodies } = await thread(waId);
        expect(bodies).toHaveLength(20);
        expect(conversation?.unread_count).toBe(20);
      }
    });

    it('should fail only the job that cannot be stored when it shares a batch with good ones', async () => {
      const good = customer();
      // PostgreSQL refuses \u0000 in jsonb text: this job's write fails whatever happens around it.
      const poisoned = webhook(number, { messages: [text(customer(), 'nul \u0000 byte')] });
      const goods = [text(good, 'fine 1'), text(good, 'fine 2')].map((m) => job(webhook(number, { messages: [m] })));

      const outcomes = await deliverTogether([goods[0]!, job(poisoned), goods[1]!]);

      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await thread(good)).conversation?.unread_count).toBe(2);
    });

    it('should store the other webhooks of a job and fail it when one of them cannot be handled', async () => {
      const from = customer();
      // A messages change without metadata.phone_number_id fails validation whenever it is handled.
      const broken = envelopeWith({ messaging_product: 'whatsapp', metadata: {}, messages: [] });

      const [outcome] = await deliverTogether([
        {
          webhooks: [
            job(webhook(number, { messages: [text(from, 'before')] })),
            job(broken),
            job(webhook(number, { messages: [text(from, 'after')] })),
          ],
        },
      ]);

      expect(outcome?.status).toBe('rejected');
      expect((await thread(from)).bodies).toEqual(['before', 'after']);
    });

    it('should fail a job whose payload is not the registry’s shape once, with the reason, and store nothing', async () => {
      // What something other than the webhook-worker could put in Redis: no raw body to verify and parse.
      const forged = await queue.queue.add(QUEUES.metaWebhooks.jobs.webhook.name, { entry: [{ changes: [] }] });

      await expect(forged.waitUntilFinished(events, 20_000)).rejects.toThrow(/Invalid meta-webhook job/);
      const failed = await queue.queue.getJob(forged.id!);
      expect(failed?.attemptsMade).toBe(1);
      expect(await failed?.getState()).toBe('failed');
    });

    it('should store the valid webhooks of a job and fail it when one of them is not a Meta webhook', async () => {
      const from = customer();

      const [outcome] = await deliverTogether([
        {
          webhooks: [
            job(webhook(number, { messages: [text(from, 'valid')] })),
            { rawBody: '{"object":"page"}', receivedAt: Date.now() },
          ],
        },
      ]);

      expect(outcome?.status).toBe('rejected');
      expect(outcome?.status === 'rejected' && String(outcome.reason)).toMatch(/not Meta webhooks/);
      expect((await thread(from)).bodies).toEqual(['valid']);
    });
  });
});
