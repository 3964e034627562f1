import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { graphErrors } from './graph-error';
import { loadNode } from './graph-nodes';
import { graphParams, parseFields } from './graph-params';
import { renderMedia } from './media-routes';
import {
  PHONE_NUMBER_DEFAULT_FIELDS,
  PHONE_NUMBER_FIELDS,
  renderFields,
  WABA_DEFAULT_FIELDS,
  WABA_FIELDS,
} from './node-fields';

type IdParams = { Params: { version: string; id: string } };

/** GET and DELETE on an object id, and Meta's answer for an edge the object does not have. */
export function registerNodeRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  graph.get<IdParams>('/:version/:id', async (request) => {
    const { node } = loadNode(ctx, request, request.params.id);
    const params = graphParams(request);
    if (params.phone_number_id !== undefined && node.type === 'WhatsAppBusinessMedia') {
      // Meta's optional check that the media belongs to that number.
      if (node.media.phoneNumberId !== params.phone_number_id) throw graphErrors.unknownObject(node.media.id, 'GET');
    }
    const fields = parseFields(params.fields);
    switch (node.type) {
      case 'WhatsAppBusinessPhoneNumber':
        return renderFields(node.phoneNumber, fields ?? PHONE_NUMBER_DEFAULT_FIELDS, PHONE_NUMBER_FIELDS, node.type);
      case 'WhatsAppBusinessAccount':
        return renderFields(node.waba, fields ?? WABA_DEFAULT_FIELDS, WABA_FIELDS, node.type);
      case 'WhatsAppBusinessMedia':
        return renderMedia(ctx, request, node.media);
    }
  });

  graph.delete<IdParams>('/:version/:id', async (request) => {
    const { node } = loadNode(ctx, request, request.params.id);
    if (node.type !== 'WhatsAppBusinessMedia') throw graphErrors.unknownObject(request.params.id, 'DELETE');
    ctx.state.media.remove(node.media.id);
    return { success: true };
  });

  graph.route<{ Params: { version: string; id: string; edge: string } }>({
    method: ['GET', 'POST', 'DELETE'],
    url: '/:version/:id/:edge',
    handler: async (request) => {
      const { node } = loadNode(ctx, request, request.params.id);
      throw graphErrors.nonexistingField(request.params.edge, node.type);
    },
  });
}
