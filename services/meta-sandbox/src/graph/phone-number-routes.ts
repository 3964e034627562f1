import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { GraphError, graphErrors } from './graph-error';
import { loadNode, requirePhoneNumber } from './graph-nodes';
import { graphParams } from './graph-params';

type IdParams = { Params: { version: string; id: string } };

/** Registering a number for Cloud API, which also sets its two-step verification PIN. */
export function registerPhoneNumberRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  graph.post<IdParams>('/:version/:id/register', async (request) => {
    const phoneNumber = requirePhoneNumber(loadNode(ctx, request, request.params.id).node, 'register');
    const { messaging_product: product, pin } = graphParams(request);
    if (!product) throw graphErrors.missingParameter('messaging_product');
    if (product !== 'whatsapp') throw graphErrors.invalidParameter('messaging_product must be whatsapp');
    if (!pin) throw graphErrors.missingParameter('pin');
    if (!/^\d{6}$/.test(pin)) throw graphErrors.invalidParameter('Invalid PIN format. PIN must be exactly 6 digits');
    // The first register sets the PIN; registering again (e.g. after deregister) must repeat it.
    if (phoneNumber.pin !== null && phoneNumber.pin !== pin) {
      throw new GraphError(400, 133005, 'Two step verification PIN Mismatch', {
        details: 'The PIN does not match the two-step verification PIN already set for this phone number.',
      });
    }
    phoneNumber.pin = pin;
    phoneNumber.registered = true;
    return { success: true };
  });

  graph.post<IdParams>('/:version/:id/deregister', async (request) => {
    const phoneNumber = requirePhoneNumber(loadNode(ctx, request, request.params.id).node, 'deregister');
    phoneNumber.registered = false;
    return { success: true };
  });
}
