import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { unixSeconds } from '../clock';
import type { SandboxContext } from '../sandbox-context';
import { customerMessageSchema, statusInputSchema } from '../webhooks/message-schema';
import { buildStatus, buildStatusesValue } from '../webhooks/status-builder';
import { assertSubscribed, findBusinessNumber } from './business-number';
import { ControlError, parseInput } from './control-error';
import { sendCustomerMessage } from './customer-messages';

/** Base64 media up to WhatsApp's largest limit (100 MB documents) fits in one request. */
const CUSTOMER_MESSAGE_BODY_LIMIT = 140 * 1024 * 1024;

const eventSchema = z.strictObject({
  waba_id: z.string().regex(/^\d+$/, 'must be a numeric WABA id'),
  field: z.string().regex(/^[a-z_]+$/, 'must be a webhook field such as account_update'),
  value: z.record(z.string(), z.unknown()),
  /** entry.time in unix seconds (default: now). */
  time: z.int().positive().optional(),
});

/** Simulated traffic: customers' messages, statuses of any wamid, and raw account-level events. */
export function registerTrafficRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  // `:wa_id` is a phone number, or the user id of a customer made with POST /customers.
  control.post<{ Params: { wa_id: string } }>(
    '/customers/:wa_id/messages',
    { bodyLimit: CUSTOMER_MESSAGE_BODY_LIMIT },
    async (request) => sendCustomerMessage(ctx, request.params.wa_id, parseInput(customerMessageSchema, request.body)),
  );

  control.post('/statuses', async (request) => {
    const input = parseInput(statusInputSchema, request.body);
    const { phoneNumber, waba } = findBusinessNumber(ctx, input.phone_number_id);
    assertSubscribed(waba);
    const status = buildStatus(input, String(input.timestamp ?? unixSeconds(ctx.clock)));
    const business = { id: phoneNumber.id, displayPhoneNumber: phoneNumber.displayPhoneNumber };
    const delivery = ctx.deliverer.enqueue({
      wabaId: waba.id,
      field: 'messages',
      value: buildStatusesValue(business, status),
    });
    return { delivery_id: delivery.id, status };
  });

  // Raw changes are sent even to unsubscribed WABAs: e.g. PARTNER_APP_UNINSTALLED follows an unsubscribe.
  control.post('/events', async (request) => {
    const input = parseInput(eventSchema, request.body);
    if (!ctx.state.accounts.wabas.has(input.waba_id)) {
      throw new ControlError(
        404,
        `Unknown waba_id ${input.waba_id}: create a business first with POST /_sandbox/businesses`,
      );
    }
    const delivery = ctx.deliverer.enqueue({
      wabaId: input.waba_id,
      field: input.field,
      value: input.value,
      time: input.time ?? unixSeconds(ctx.clock),
    });
    return { delivery_id: delivery.id };
  });
}
