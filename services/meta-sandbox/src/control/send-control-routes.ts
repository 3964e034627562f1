import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../sandbox-context';
import { customerWaIdSchema } from '../webhooks/message-schema';
import { findBusinessNumber } from './business-number';
import { parseInput } from './control-error';

const windowSchema = z.strictObject({
  phone_number_id: z.string().regex(/^\d+$/),
  /** Unix seconds of the customer's last message (opens the 24 h window when recent). */
  last_inbound_at: z.int().positive(),
});

const statsQuerySchema = z.object({ phone_number_id: z.string().regex(/^\d+$/) });

/** Control of the send side: fake a customer's last message time, read a number's send counters. */
export function registerSendControlRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  control.post<{ Params: { wa_id: string } }>('/customers/:wa_id/window', async (request) => {
    const waId = parseInput(customerWaIdSchema, request.params.wa_id, 'wa_id');
    const input = parseInput(windowSchema, request.body);
    const { phoneNumber } = findBusinessNumber(ctx, input.phone_number_id);
    ctx.state.conversations.recordInbound(phoneNumber.id, waId, input.last_inbound_at * 1000);
    return { phone_number_id: phoneNumber.id, wa_id: waId, last_inbound_at: input.last_inbound_at };
  });

  control.get('/sends', async (request) => {
    const query = parseInput(statsQuerySchema, request.query, 'query');
    const { phoneNumber } = findBusinessNumber(ctx, query.phone_number_id);
    return { phone_number_id: phoneNumber.id, ...ctx.state.sendLimits.statsOf(phoneNumber.id) };
  });
}
