import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../sandbox-context';
import { ControlError, parseInput } from './control-error';
import { deliveryView, outboxView, readReceiptView } from './delivery-view';

const deliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  /** Only deliveries carrying this message or status id. */
  wamid: z.string().min(1).optional(),
});

const outboxQuerySchema = z.object({ phone_number_id: z.string().regex(/^\d+$/).optional() });

/** What happened: webhook deliveries with their attempts, and what the platform sent. */
export function registerInspectionRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  control.get('/deliveries', async (request) => {
    const query = parseInput(deliveriesQuerySchema, request.query, 'query');
    return { data: ctx.deliverer.log.list(query).map(deliveryView) };
  });

  control.get<{ Params: { id: string } }>('/deliveries/:id', async (request) => {
    const record = ctx.deliverer.log.get(request.params.id);
    if (!record) throw new ControlError(404, `No delivery ${request.params.id} (the log keeps the most recent ones)`);
    return deliveryView(record);
  });

  control.get('/outbox', async (request) => {
    const query = parseInput(outboxQuerySchema, request.query, 'query');
    return { data: ctx.state.outbox.list(query.phone_number_id).map(outboxView) };
  });

  // The same filter as the outbox: mark-as-read calls are not messages, so they are listed apart.
  control.get('/read-receipts', async (request) => {
    const query = parseInput(outboxQuerySchema, request.query, 'query');
    return { data: ctx.state.readReceipts.list(query.phone_number_id).map(readReceiptView) };
  });
}
