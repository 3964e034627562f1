import { randomBytes, randomUUID } from 'node:crypto';
import { QUEUES } from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import { QueueEvents } from 'bullmq';
import { queueOptions } from '../../src/common/queue/queue-connection';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { type Member } from './builders';
import { type Number } from './meta-payloads';
import { type TestApp } from './test-app';

/** Puts webhooks on `meta-webhooks` exactly as the webhook-worker does, and waits until the API processed them. */
export class InboundHarness {
  private readonly producer: QueueProducer<typeof QUEUES.metaWebhooks>;
  private readonly events: QueueEvents;

  constructor(t: TestApp) {
    this.producer = new QueueProducer(QUEUES.metaWebhooks, queueOptions(t.config));
    // Each delivery waits with a listener on the queue, and a test delivers one webhook 20 times at once.
    this.producer.queue.setMaxListeners(50);
    this.events = new QueueEvents(QUEUES.metaWebhooks.name, queueOptions(t.config));
  }

  async ready(): Promise<void> {
    await this.events.waitUntilReady();
  }

  /** Resolves once the API's consumer finished the job (throws if the job failed). */
  async deliver(payload: unknown): Promise<void> {
    const job = await this.producer.add(QUEUES.metaWebhooks.jobs.webhook, {
      rawBody: JSON.stringify(payload),
      receivedAt: Date.now(),
    });
    await job.waitUntilFinished(this.events, 20_000);
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.producer.close();
  }
}

/** A connected WhatsApp number for the tenant, stored as Embedded Signup would store it. */
export async function connectNumber(
  t: TestApp,
  member: Member,
  token = 'EAAG-test-token',
): Promise<Number & { id: string }> {
  const digits = `1555${randomBytes(4).readUInt32BE(0) % 10_000_000}`.padEnd(11, '0');
  const number = {
    wabaId: `${Date.now()}${randomBytes(2).readUInt16BE(0)}`,
    phoneNumberId: `${Date.now()}${randomBytes(3).readUIntBE(0, 3)}`,
    displayPhoneNumber: digits,
  };
  // The token is sealed bound to the account id, as the API seals it.
  const id = randomUUID();
  const sealed = t.app.get(SecretBox).seal(token, id);
  await t.sql(
    `INSERT INTO whatsapp_accounts (id, tenant_id, waba_id, phone_number_id, display_phone_number, verified_name, access_token_encrypted)
     VALUES ($1, $2, $3, $4, $5, 'Test Business', $6)`,
    [id, member.tenantId, number.wabaId, number.phoneNumberId, number.displayPhoneNumber, sealed],
  );
  return { ...number, id };
}
