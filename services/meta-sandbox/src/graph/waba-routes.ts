import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { graphErrors } from './graph-error';
import { loadNode, requireWaba } from './graph-nodes';
import { graphParams, parseFields } from './graph-params';
import { PHONE_NUMBER_FIELDS, PHONE_NUMBERS_EDGE_DEFAULT_FIELDS, renderFields } from './node-fields';

type IdParams = { Params: { version: string; id: string } };

function cursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

/** Edges of a WhatsApp Business Account: the app's webhook subscription and the account's numbers. */
export function registerWabaRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  graph.get<IdParams>('/:version/:id/subscribed_apps', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'subscribed_apps');
    if (!waba.subscription) return { data: [] };
    const { appId, appName } = ctx.config;
    const { overrideCallbackUri } = waba.subscription;
    return {
      data: [
        {
          whatsapp_business_api_data: {
            id: appId,
            name: appName,
            link: `https://www.facebook.com/games/?app_id=${appId}`,
          },
          ...(overrideCallbackUri !== undefined && { override_callback_uri: overrideCallbackUri }),
        },
      ],
    };
  });

  // Only subscribed WABAs get webhooks: the control API refuses to simulate traffic for the others.
  graph.post<IdParams>('/:version/:id/subscribed_apps', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'subscribed_apps');
    const { override_callback_uri: override, verify_token: verifyToken } = graphParams(request);
    if (override !== undefined) {
      if (!URL.canParse(override)) throw graphErrors.invalidParameter('override_callback_uri must be a URL');
      if (!verifyToken) throw graphErrors.missingParameter('verify_token');
    }
    ctx.state.accounts.subscribe(waba, override);
    return { success: true };
  });

  graph.delete<IdParams>('/:version/:id/subscribed_apps', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'subscribed_apps');
    ctx.state.accounts.unsubscribe(waba);
    return { success: true };
  });

  graph.get<IdParams>('/:version/:id/phone_numbers', async (request) => {
    const waba = requireWaba(loadNode(ctx, request, request.params.id).node, 'phone_numbers');
    const params = graphParams(request);
    const fields = parseFields(params.fields) ?? PHONE_NUMBERS_EDGE_DEFAULT_FIELDS;
    const limit = Math.min(Math.max(Number.parseInt(params.limit ?? '25', 10) || 25, 1), 100);
    const all = ctx.state.accounts.phoneNumbersOf(waba.id);
    const afterId = params.after ? Buffer.from(params.after, 'base64url').toString() : undefined;
    const start = afterId ? all.findIndex((p) => p.id === afterId) + 1 : 0;
    const page = all.slice(start, start + limit);
    const data = page.map((p) => renderFields(p, fields, PHONE_NUMBER_FIELDS, 'WhatsAppBusinessPhoneNumber'));
    if (page.length === 0) return { data };
    return { data, paging: { cursors: { before: cursor(page[0]!.id), after: cursor(page.at(-1)!.id) } } };
  });
}
