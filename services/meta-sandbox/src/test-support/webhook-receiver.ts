import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedValue = {
  metadata?: { display_phone_number: string; phone_number_id: string };
  contacts?: { profile: { name: string }; wa_id: string }[];
  messages?: Record<string, unknown>[];
  statuses?: Record<string, unknown>[];
  [key: string]: unknown;
};

export type ReceivedBody = {
  object: string;
  entry: { id: string; time?: number; changes: { field: string; value: ReceivedValue }[] }[];
};

export type ReceivedWebhook = { raw: string; headers: IncomingHttpHeaders; body: ReceivedBody; index: number };

/** Answers each POST with a status: a function of the request and its position (0-based). */
export type Responder = (webhook: ReceivedWebhook) => number | Promise<number>;

/** A real HTTP server standing in for the webhook-worker: records every POST exactly as received. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private responder: Responder = () => 200;
  private readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const webhook: ReceivedWebhook = {
          raw,
          headers: req.headers,
          body: JSON.parse(raw) as ReceivedBody,
          index: this.received.length,
        };
        this.received.push(webhook);
        void Promise.resolve(this.responder(webhook)).then((status) => {
          res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'EVENT_RECEIVED' : 'nope');
        });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/webhooks/meta`;
    return this;
  }

  respondWith(responder: Responder): void {
    this.responder = responder;
  }

  /** Polls until the predicate holds over everything received so far. */
  async waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async waitForCount(count: number, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
    await this.waitFor((r) => r.length >= count, timeoutMs);
    return this.received;
  }

  /** Every message of every POST, in arrival order. */
  messages(): Record<string, unknown>[] {
    return this.received.flatMap((w) => w.body.entry.flatMap((e) => e.changes.flatMap((c) => c.value.messages ?? [])));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
