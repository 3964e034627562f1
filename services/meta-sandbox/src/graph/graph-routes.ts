import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { newTraceId } from '../state/ids';
import { graphErrors } from './graph-error';
import { graphErrorHandler } from './graph-error-handler';
import { registerMediaDownloadRoute } from './media-routes';
import { registerMediaUploadRoutes } from './media-upload-routes';
import { registerMessagesRoutes } from './messages-routes';
import { registerNodeRoutes } from './node-routes';
import { registerOAuthRoutes } from './oauth-routes';
import { registerPhoneNumberRoutes } from './phone-number-routes';
import { registerResumableUploadRoutes } from './resumable-upload-routes';
import { registerTemplateRoutes } from './template-routes';
import { registerWabaRoutes } from './waba-routes';

/** Any Graph version in the path, as Meta accepts v21.0 to v26.0 and later. */
const VERSION = /^v\d+\.\d+$/;
/** Sends have faults of their own (`send_5xx`, …); `graph_5xx` fails every other Graph call. */
const SEND_ROUTE = '/:version/:id/messages';

/** graph.facebook.com: `/{version}/...` routes with Meta's headers and error bodies. */
export function registerGraphRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.register(async (graph) => {
    // Graph accepts form-encoded bodies as well as JSON.
    graph.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    graph.addHook('onRequest', async (request, reply) => {
      const { version } = request.params as { version?: string };
      if (version === undefined || !VERSION.test(version)) {
        reply.callNotFound();
        return reply;
      }
      reply.header('facebook-api-version', version);
      reply.header('x-fb-trace-id', newTraceId());
      reply.header('x-fb-request-id', newTraceId());
      const isSend = request.method === 'POST' && request.routeOptions.url === SEND_ROUTE;
      // An outage refuses the other Graph calls with a 500 only (none of the platform's reads waits on them), without
      // taking a turn of the sends' alternation between a 500 and no answer.
      if (!isSend && ctx.deliverer.faults.down()) throw graphErrors.unknown();
      if (!isSend && ctx.deliverer.faults.consume('graph_5xx')) throw graphErrors.unknown();
    });
    graph.setErrorHandler(graphErrorHandler);

    registerOAuthRoutes(graph, ctx);
    registerWabaRoutes(graph, ctx);
    registerPhoneNumberRoutes(graph, ctx);
    registerMessagesRoutes(graph, ctx);
    registerMediaUploadRoutes(graph, ctx);
    registerResumableUploadRoutes(graph, ctx);
    registerTemplateRoutes(graph, ctx);
    registerNodeRoutes(graph, ctx);
  });
  registerMediaDownloadRoute(app, ctx);
}
