import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { faultPatchSchema } from '../webhooks/faults';
import { parseInput } from './control-error';

/** Webhook faults (semantics in webhooks/faults.ts and the README). */
export function registerFaultRoutes(control: FastifyInstance, ctx: SandboxContext): void {
  const view = () => ({ faults: ctx.deliverer.faults.current, held: ctx.deliverer.heldCounts() });

  control.get('/faults', async () => view());

  control.post('/faults', async (request) => {
    ctx.deliverer.applyFaults(parseInput(faultPatchSchema, request.body));
    return view();
  });

  // Clearing releases what batch or reorder held: nothing is lost unless /_sandbox/reset is called.
  control.delete('/faults', async () => {
    const released = ctx.deliverer.clearFaults();
    return { ...view(), released };
  });

  control.post('/faults/flush', async () => ({ released: ctx.deliverer.flush() }));
}
