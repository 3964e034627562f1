import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { authenticate } from './graph-auth';
import { GraphError, graphErrors } from './graph-error';
import { graphParams } from './graph-params';

const BUSINESS_TOKEN_SCOPES = ['whatsapp_business_management', 'whatsapp_business_messaging', 'business_management'];

/** Embedded Signup's server side: exchange the code for a business token, then inspect that token. */
export function registerOAuthRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  graph.get('/:version/oauth/access_token', async (request) => {
    const { client_id: clientId, client_secret: clientSecret, code } = graphParams(request);
    if (!clientId) throw new GraphError(400, 101, 'Missing client_id parameter.');
    if (clientId !== ctx.config.appId)
      throw new GraphError(400, 101, 'Error validating application. Invalid application ID.');
    if (!clientSecret) throw graphErrors.missingParameter('client_secret');
    if (clientSecret !== ctx.config.appSecret) throw new GraphError(400, 1, 'Error validating client secret.');
    if (!code) throw graphErrors.missingParameter('code');

    const result = ctx.state.tokens.redeem(code);
    if (!result.ok) {
      switch (result.reason) {
        case 'used':
          throw new GraphError(400, 100, 'This authorization code has been used.', { subcode: 36009 });
        case 'expired':
          throw new GraphError(400, 100, 'This authorization code has expired.', { subcode: 36007 });
        case 'unknown':
          throw new GraphError(400, 100, 'Invalid verification code format.');
      }
    }
    // No expires_in: a business integration system user token does not expire.
    return { access_token: result.token.token, token_type: 'bearer' };
  });

  graph.get('/:version/debug_token', async (request) => {
    // Meta asks for the app token (APP_ID|APP_SECRET) here; a business token may inspect itself too.
    const caller = authenticate(request, ctx);
    const input = graphParams(request).input_token;
    if (!input) throw graphErrors.missingParameter('input_token');
    const { appId, appName } = ctx.config;

    if (input === `${appId}|${ctx.config.appSecret}`) {
      return { data: { app_id: appId, type: 'APP', application: appName, is_valid: true } };
    }
    const token = ctx.state.tokens.findToken(input);
    if (!token || (caller.kind === 'business' && caller.token.token !== input)) {
      return { data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] } };
    }
    const wabaIds = [...token.wabaIds];
    const problem = ctx.state.tokens.problemOf(token, appId);
    // Meta describes a token it no longer accepts in full, with is_valid false and the reason in `error`.
    return {
      data: {
        app_id: appId,
        type: 'SYSTEM_USER',
        application: appName,
        data_access_expires_at: 0,
        ...(problem && { error: { code: 190, message: problem.message, subcode: problem.subcode } }),
        expires_at: token.expiresAt === null ? 0 : Math.floor(token.expiresAt / 1000),
        is_valid: problem === null,
        issued_at: Math.floor(token.issuedAt / 1000),
        scopes: problem?.reason === 'revoked' ? [] : BUSINESS_TOKEN_SCOPES,
        granular_scopes:
          problem?.reason === 'revoked'
            ? []
            : [
                { scope: 'whatsapp_business_management', target_ids: wabaIds },
                { scope: 'whatsapp_business_messaging', target_ids: wabaIds },
              ],
        user_id: token.userId,
      },
    };
  });
}
