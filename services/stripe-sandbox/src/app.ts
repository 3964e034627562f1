import { randomBytes, timingSafeEqual } from 'node:crypto';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { type FormValue, parseStripeForm } from './form';

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** The secret key callers must send as a bearer token; main.ts passes STRIPE_SECRET_KEY. */
  secretKey?: string;
  /** The base of the Checkout and portal URLs handed out (what a browser opens). */
  publicUrl?: string;
}

export const DEFAULT_SECRET_KEY = 'sk_test_development';

type StripeObject = Record<string, unknown> & { id: string };

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Stripe's error body, as its SDK parses it. */
function stripeError(reply: FastifyReply, status: number, message: string, param?: string) {
  return reply.code(status).send({ error: { type: 'invalid_request_error', message, ...(param && { param }) } });
}

const text = (value: FormValue | undefined): string | null => (typeof value === 'string' ? value : null);
const object = (value: FormValue | undefined): Record<string, FormValue> => (typeof value === 'object' ? value : {});

/**
 * The stand-in's HTTP app: the few Stripe endpoints the API calls (customers, Checkout Sessions, portal sessions,
 * invoices and their items), in
 * Stripe's form-encoded request and JSON answer format. Everything lives in memory.
 */
export function buildApp({
  logger = false,
  secretKey = DEFAULT_SECRET_KEY,
  publicUrl = 'http://localhost:4500',
}: BuildAppOptions = {}): FastifyInstance {
  const app = Fastify({ logger });
  const store = new Map<string, StripeObject>();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, parseStripeForm(String(body))),
  );

  // Probed every few seconds by Docker and scripts/stack: not worth a log line each time.
  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  const authorized = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (sameKey(given, secretKey)) return true;
    void stripeError(reply, 401, 'Invalid API Key provided');
    return false;
  };
  const form = (req: FastifyRequest) => (req.body ?? {}) as Record<string, FormValue>;
  const keep = (value: StripeObject) => {
    store.set(value.id, value);
    return value;
  };
  const created = () => Math.floor(Date.now() / 1000);
  // Stripe answers a repeated Idempotency-Key with the first answer instead of acting again.
  const answered = new Map<string, StripeObject>();
  const once = (req: FastifyRequest, make: () => StripeObject): StripeObject => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string') return make();
    const previous = answered.get(key);
    if (previous) return previous;
    const made = make();
    answered.set(key, made);
    return made;
  };
  const customerMissing = (reply: FastifyReply, customer: string | null) =>
    !customer || !store.has(customer) ? stripeError(reply, 400, `No such customer: '${customer}'`, 'customer') : null;

  app.post('/v1/customers', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    const body = form(req);
    return keep({
      id: newId('cus'),
      object: 'customer',
      created: created(),
      livemode: false,
      name: text(body.name),
      email: text(body.email),
      metadata: object(body.metadata),
    });
  });

  app.post('/v1/checkout/sessions', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    const body = form(req);
    const mode = text(body.mode);
    if (!mode) return stripeError(reply, 400, 'Missing required param: mode.', 'mode');
    if (!text(body.success_url)) return stripeError(reply, 400, 'Missing required param: success_url.', 'success_url');
    const customer = text(body.customer);
    if (customer && !store.has(customer)) return stripeError(reply, 400, `No such customer: '${customer}'`, 'customer');
    // As Stripe: a setup session only saves a payment method, so it takes no line items.
    const lineItems = object(body.line_items);
    if (mode === 'setup' && Object.keys(lineItems).length > 0) {
      return stripeError(reply, 400, 'You cannot pass `line_items` in `setup` mode.', 'line_items');
    }
    const id = newId('cs_test');
    return keep({
      id,
      object: 'checkout.session',
      created: created(),
      livemode: false,
      mode,
      status: 'open',
      payment_status: 'unpaid',
      customer,
      client_reference_id: text(body.client_reference_id),
      currency: text(body.currency),
      line_items: lineItems,
      metadata: object(body.metadata),
      subscription_data: object(body.subscription_data),
      setup_intent_data: object(body.setup_intent_data),
      success_url: text(body.success_url),
      cancel_url: text(body.cancel_url),
      subscription: null,
      url: `${publicUrl}/checkout/${id}`,
    });
  });

  app.post('/v1/billing_portal/sessions', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    const body = form(req);
    const customer = text(body.customer);
    if (!customer) return stripeError(reply, 400, 'Missing required param: customer.', 'customer');
    if (!store.has(customer)) return stripeError(reply, 400, `No such customer: '${customer}'`, 'customer');
    const id = newId('bps');
    return keep({
      id,
      object: 'billing_portal.session',
      created: created(),
      livemode: false,
      customer,
      return_url: text(body.return_url),
      url: `${publicUrl}/portal/${id}`,
    });
  });

  // Invoices: a draft, one-off items added to it, then finalized (open) so that Stripe would charge the card.
  app.post('/v1/invoices', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    const body = form(req);
    const customer = text(body.customer);
    const refused = customerMissing(reply, customer);
    if (refused) return refused;
    return once(req, () =>
      keep({
        id: newId('in'),
        object: 'invoice',
        created: created(),
        livemode: false,
        customer,
        currency: text(body.currency) ?? 'usd',
        collection_method: text(body.collection_method) ?? 'charge_automatically',
        auto_advance: text(body.auto_advance) === 'true',
        description: text(body.description),
        metadata: object(body.metadata),
        status: 'draft',
        amount_due: 0,
        lines: { object: 'list', data: [] as StripeObject[] },
      }),
    );
  });

  app.post('/v1/invoiceitems', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    const body = form(req);
    const customer = text(body.customer);
    const refused = customerMissing(reply, customer);
    if (refused) return refused;
    const invoice = store.get(text(body.invoice) ?? '');
    if (invoice && invoice.status !== 'draft') {
      return stripeError(reply, 400, `Invoice ${invoice.id} is not a draft`, 'invoice');
    }
    return once(req, () => {
      const item = keep({
        id: newId('ii'),
        object: 'invoiceitem',
        customer,
        invoice: invoice?.id ?? null,
        amount: Number(text(body.amount) ?? 0),
        currency: text(body.currency),
        description: text(body.description),
      });
      if (invoice) {
        (invoice.lines as { data: StripeObject[] }).data.push(item);
        invoice.amount_due = Number(invoice.amount_due) + Number(item.amount);
      }
      return item;
    });
  });

  app.post<{ Params: { id: string } }>('/v1/invoices/:id/finalize', async (req, reply) => {
    if (!authorized(req, reply)) return reply;
    const invoice = store.get(req.params.id);
    if (!invoice || invoice.object !== 'invoice') {
      return stripeError(reply, 404, `No such invoice: '${req.params.id}'`, 'invoice');
    }
    return once(req, () => {
      if (invoice.status === 'draft') invoice.status = 'open';
      return invoice;
    });
  });

  // What a test (or a developer) checks the API sent: any object the sandbox created, by id.
  app.get<{ Params: { id: string } }>('/_sandbox/objects/:id', async (req, reply) => {
    const found = store.get(req.params.id);
    return found ?? stripeError(reply, 404, `No such object: '${req.params.id}'`);
  });

  // The pages a browser lands on; a real payment page is Stripe's, not ours to imitate.
  app.get<{ Params: { id: string } }>('/checkout/:id', async (req, reply) =>
    reply.type('text/plain').send(`Stripe sandbox: Checkout Session ${req.params.id}`),
  );
  app.get<{ Params: { id: string } }>('/portal/:id', async (req, reply) =>
    reply.type('text/plain').send(`Stripe sandbox: customer portal session ${req.params.id}`),
  );
  return app;
}
