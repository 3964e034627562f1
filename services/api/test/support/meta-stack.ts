import { randomBytes } from 'node:crypto';
import type { WhatsAppAccountDto } from '@aerostic/shared';
import type { Member } from './builders';
import { freePort, json, type Service, startService } from './processes';
import type { TestApp } from './test-app';

/** Ports and the app secret, chosen before the API starts: the API must know the sandbox's URL. */
export interface MetaStackPlan {
  sandboxPort: number;
  webhookWorkerPort: number;
  messageWorkerPort: number;
  secret: string;
  /** Environment for `createTestApp`: Meta's app settings pointing at this sandbox. */
  appEnv: Record<string, string>;
}

export interface MetaStack {
  sandbox: Service;
  webhookWorker?: Service;
  messageWorker?: Service;
  /** Connects a new sandbox business number to the member's workspace through Embedded Signup. */
  connectNumber(member: Member, verifiedName: string): Promise<WhatsAppAccountDto>;
  stop(): Promise<void>;
}

export interface MetaStackParts {
  /** Sandbox webhooks reach the API through the real webhook-worker; without it they go nowhere. */
  webhookWorker?: boolean;
  /** Queued sends reach the sandbox through the real message-worker. */
  messageWorker?: boolean;
}

const APP_ID = 'sandbox-app';

export async function planMetaStack(): Promise<MetaStackPlan> {
  const [sandboxPort, webhookWorkerPort, messageWorkerPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const secret = randomBytes(16).toString('hex');
  return {
    sandboxPort,
    webhookWorkerPort,
    messageWorkerPort,
    secret,
    appEnv: { META_APP_ID: APP_ID, META_APP_SECRET: secret, META_GRAPH_URL: `http://127.0.0.1:${sandboxPort}` },
  };
}

/** The built meta-sandbox, and the workers asked for, as real processes beside the test's API. */
export async function startMetaStack(t: TestApp, plan: MetaStackPlan, parts: MetaStackParts = {}): Promise<MetaStack> {
  const graphUrl = `http://127.0.0.1:${plan.sandboxPort}`;
  const redis = { REDIS_URL: t.config.REDIS_URL, REDIS_PREFIX: t.config.REDIS_PREFIX };
  const webhooks: Record<string, string> = parts.webhookWorker
    ? {
        META_SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${plan.webhookWorkerPort}/webhooks/meta`,
        META_SANDBOX_WEBHOOK_RETRY_BASE_MS: '50',
      }
    : // Nobody listens there: the test does not look at webhooks.
      { META_SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/meta', META_SANDBOX_WEBHOOK_MAX_ATTEMPTS: '1' };
  const started = await Promise.all([
    startService(
      'meta-sandbox',
      {
        META_SANDBOX_PORT: String(plan.sandboxPort),
        META_SANDBOX_PUBLIC_URL: graphUrl,
        META_APP_ID: APP_ID,
        META_APP_SECRET: plan.secret,
        ...webhooks,
      },
      plan.sandboxPort,
    ),
    parts.webhookWorker
      ? startService(
          'webhook-worker',
          {
            WEBHOOK_WORKER_PORT: String(plan.webhookWorkerPort),
            META_APP_SECRET: plan.secret,
            META_VERIFY_TOKEN: 'verify-me',
            ...redis,
          },
          plan.webhookWorkerPort,
        )
      : undefined,
    parts.messageWorker
      ? startService(
          'message-worker',
          {
            MESSAGE_WORKER_PORT: String(plan.messageWorkerPort),
            META_GRAPH_URL: graphUrl,
            META_GRAPH_VERSION: t.config.META_GRAPH_VERSION,
            ENCRYPTION_KEY: t.config.ENCRYPTION_KEY,
            ...redis,
          },
          plan.messageWorkerPort,
        )
      : undefined,
  ]);
  const [sandbox, webhookWorker, messageWorker] = started;
  return {
    sandbox,
    webhookWorker,
    messageWorker,
    async connectNumber(member, verifiedName) {
      const business = await json<{ code: string; waba_id: string; phone_number_id: string }>(
        `${sandbox.url}/_sandbox/businesses`,
        { body: { verified_name: verifiedName } },
      );
      const connected = await t
        .http()
        .post('/whatsapp/embedded-signup')
        .auth(member.token, { type: 'bearer' })
        .send({ code: business.code, wabaId: business.waba_id, phoneNumberId: business.phone_number_id })
        .expect(201);
      return connected.body as WhatsAppAccountDto;
    },
    async stop() {
      await Promise.all(started.map((service) => service?.stop()));
    },
  };
}
