import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import type { Clock } from '../clock';
import type { SandboxConfigOverrides } from '../config';
import { WebhookReceiver } from './webhook-receiver';

export const APP_ID = 'test-app';
export const APP_SECRET = 'test-app-secret';
export const GRAPH_VERSION = 'v26.0';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.now()) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export type HttpResult<T> = { status: number; headers: Headers; body: T };

export type Business = {
  code: string;
  waba_id: string;
  phone_number_id: string;
  display_phone_number: string;
  business_id: string;
};

export type Sandbox = {
  app: FastifyInstance;
  baseUrl: string;
  receiver: WebhookReceiver;
  clock: ManualClock;
  /** JSON request to the sandbox; `T` is what the test expects back. */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string },
  ): Promise<HttpResult<T>>;
  /** Creates a business through the control API (already subscribed unless told otherwise). */
  createBusiness(body?: Record<string, unknown>): Promise<Business>;
  /** The Embedded Signup server side: exchanges the business's code for its business token. */
  exchangeCode(code: string): Promise<string>;
  close(): Promise<void>;
};

/** The sandbox on a free port, delivering to a fresh local receiver, with fast retries. */
export async function startSandbox(options: { config?: SandboxConfigOverrides } = {}): Promise<Sandbox> {
  const receiver = await new WebhookReceiver().start();
  const clock = new ManualClock();
  const { webhook, ...rest } = options.config ?? {};
  const app = buildApp({
    clock,
    config: {
      appId: APP_ID,
      appSecret: APP_SECRET,
      ...rest,
      webhook: {
        url: receiver.url,
        retryBaseMs: 20,
        retryMaxDelayMs: 100,
        maxAttempts: 5,
        timeoutMs: 1_000,
        ...webhook,
      },
    },
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const call: Sandbox['call'] = async (method, path, { body, token } = {}) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };

  return {
    app,
    baseUrl,
    receiver,
    clock,
    call,
    async createBusiness(body = {}) {
      const res = await call<Business>('POST', '/_sandbox/businesses', { body: { subscribed: true, ...body } });
      if (res.status !== 201) throw new Error(`createBusiness: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async exchangeCode(code) {
      const query = new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, code });
      const res = await call<{ access_token: string }>('GET', `/${GRAPH_VERSION}/oauth/access_token?${query}`);
      if (res.status !== 200) throw new Error(`exchangeCode: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.access_token;
    },
    async close() {
      await app.close();
      await receiver.close();
    },
  };
}
