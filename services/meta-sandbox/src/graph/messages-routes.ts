import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxContext } from '../sandbox-context';
import type { PhoneNumberRecord } from '../state/accounts';
import { newWamid } from '../state/ids';
import { graphErrors } from './graph-error';
import { loadNode, requirePhoneNumber } from './graph-nodes';
import { ASYNC_FAILURE_CODES, asyncFailure, sendError } from './messages-errors';
import { parseSendBody, type SendRequest } from './messages-schema';
import { type StatusPlan, StatusScheduler } from './messages-statuses';
import { pricingOf } from '../webhooks/status-builder';
import { assertTemplateSendable } from './template-routes';

type IdParams = { Params: { version: string; id: string } };

/** Meta's customer service window: free-form messages only within 24 h of the customer's last message. */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A send_timeout fault holds the request until the client gives up, but not longer than this. */
const MAX_HANG_MS = 60_000;

const MEDIA_TYPES: ReadonlySet<string> = new Set(['image', 'video', 'audio', 'document', 'sticker']);

/** A media `id` must name media of the number's WABA (uploaded, or received), as Meta checks. */
function assertKnownMedia(ctx: SandboxContext, phoneNumber: PhoneNumberRecord, body: SendRequest): void {
  if (!MEDIA_TYPES.has(body.type)) return;
  const media = (body as Record<string, unknown>)[body.type] as { id?: string };
  if (media.id === undefined) return;
  const record = ctx.state.media.find(media.id);
  if (record?.wabaId === phoneNumber.wabaId) return;
  throw graphErrors.invalidParameter(
    `Param ${body.type}['id'] is not a valid whatsapp business account media attachment ID`,
  );
}

/** Resolves when the client closes the connection (it gave up), or after MAX_HANG_MS. */
async function hangUntilClientGivesUp(request: FastifyRequest): Promise<void> {
  // A client that gave up before the route ran: its socket already closed and will not say so again.
  if (request.raw.socket.destroyed) return;
  const controller = new AbortController();
  await new Promise<void>((resolve) => {
    const done = () => {
      controller.abort();
      resolve();
    };
    request.raw.socket.once('close', done);
    sleep(MAX_HANG_MS, undefined, { signal: controller.signal }).then(done, () => undefined);
  });
}

/** POST /{phone-number-id}/messages: validation, limits, faults, the outbox, then status webhooks. */
export function registerMessagesRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  const statuses = new StatusScheduler(ctx);
  graph.addHook('onClose', async () => statuses.close());

  graph.post<IdParams>('/:version/:id/messages', async (request, reply) => {
    const phoneNumber = requirePhoneNumber(loadNode(ctx, request, request.params.id).node, 'messages');
    const faults = ctx.deliverer.faults;
    const outage = faults.outage();
    if (outage === '5xx') throw sendError(131000);
    if (outage === 'timeout' || faults.consume('send_timeout')) {
      await hangUntilClientGivesUp(request);
      if (!request.raw.socket.destroyed) throw sendError(131000);
      return reply.hijack();
    }
    if (faults.current.send_latency_ms > 0) await sleep(faults.current.send_latency_ms);
    if (faults.consume('send_5xx')) throw sendError(131000);

    const parsed = parseSendBody(request.body);
    const limits = ctx.state.sendLimits;
    const now = ctx.clock.now();
    if (parsed.kind === 'read') {
      ctx.state.readReceipts.add({
        phoneNumberId: phoneNumber.id,
        messageId: parsed.messageId,
        typingIndicator: parsed.typingIndicator,
        createdAt: now,
      });
      return { success: true };
    }
    const { request: body } = parsed;
    const template =
      body.type === 'template'
        ? assertTemplateSendable(ctx, phoneNumber.wabaId, body.template.name, body.template.language.code)
        : undefined;
    assertKnownMedia(ctx, phoneNumber, body);
    if (faults.consume('send_spam_limit')) {
      limits.count(phoneNumber.id, 'rejected');
      throw sendError(131048);
    }
    if (!limits.takeThroughput(phoneNumber.id, phoneNumber.throughputLevel, now)) {
      limits.count(phoneNumber.id, 'throttled');
      throw sendError(130429);
    }
    // `to` when given, else `recipient` (a user id): the customer the pair rate, faults and window key on.
    const waId = body.to?.replace(/\D/g, '');
    const address = waId ?? body.recipient!;
    const customer = ctx.state.customers.find(address);
    if (!limits.takePair(phoneNumber.id, address, now)) {
      limits.count(phoneNumber.id, 'pair_limited');
      throw sendError(131056);
    }
    const faultCode = faults.current.fail_recipients[address];
    if (faultCode !== undefined && !ASYNC_FAILURE_CODES.has(faultCode)) {
      limits.count(phoneNumber.id, 'rejected');
      throw sendError(faultCode);
    }

    const wamid = newWamid(address);
    ctx.state.outbox.add({
      wamid,
      phoneNumberId: phoneNumber.id,
      to: waId ?? null,
      recipient: waId === undefined ? address : null,
      type: body.type,
      request: request.body as Record<string, unknown>,
      createdAt: now,
    });
    limits.count(phoneNumber.id, 'accepted');

    const lastInbound = ctx.state.conversations.lastInboundAt(phoneNumber.id, address);
    const windowClosed = lastInbound === undefined || now - lastInbound > SERVICE_WINDOW_MS;
    let plan: StatusPlan = { kind: 'delivered', pricing: pricingOf(template?.category, !windowClosed) };
    if (faultCode !== undefined) plan = { kind: 'failed', error: asyncFailure(faultCode) };
    else if (body.type !== 'template' && windowClosed) plan = { kind: 'failed', error: asyncFailure(131047) };
    // Statuses name the number only when the business may see it, and the user id when the customer has one.
    const recipientId = waId ?? (customer?.phoneShared ? (customer.waId ?? undefined) : undefined);
    const recipientUserId = customer?.userId ?? (waId === undefined ? address : undefined);
    statuses.schedule(phoneNumber, wamid, { recipientId, recipientUserId }, plan);

    return {
      messaging_product: 'whatsapp',
      contacts: [
        waId === undefined
          ? { input: address, user_id: address }
          : { input: body.to, wa_id: waId, ...(customer && { user_id: customer.userId }) },
      ],
      messages: [body.type === 'template' ? { id: wamid, message_status: 'accepted' } : { id: wamid }],
    };
  });
}
