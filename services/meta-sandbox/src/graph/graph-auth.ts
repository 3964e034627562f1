import type { FastifyRequest } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import type { AccessTokenRecord } from '../state/tokens';
import { graphErrors } from './graph-error';
import { graphParams } from './graph-params';

/** Who is calling: the app itself (`APP_ID|APP_SECRET`) or a business token from Embedded Signup. */
export type GraphCaller = { kind: 'app' } | { kind: 'business'; token: AccessTokenRecord };

/** `Authorization: Bearer <token>` (or `OAuth <token>`), else an `access_token` parameter, as Graph accepts. */
export function readAccessToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const token = graphParams(request).access_token;
  return token === undefined || token === '' ? undefined : token;
}

/** 401 with code 104 when no token is sent, code 190 when it is unknown, expired (463) or revoked (458). */
export function authenticate(request: FastifyRequest, ctx: SandboxContext): GraphCaller {
  const token = readAccessToken(request);
  if (token === undefined) throw graphErrors.missingToken();
  if (token === `${ctx.config.appId}|${ctx.config.appSecret}`) return { kind: 'app' };
  const record = ctx.state.tokens.findToken(token);
  if (!record) throw graphErrors.invalidToken();
  const problem = ctx.state.tokens.problemOf(record, ctx.config.appId);
  if (problem) throw graphErrors.refusedToken(problem);
  return { kind: 'business', token: record };
}

/** A business token reaches only the WABAs granted in its Embedded Signup; the app token reaches none. */
export function assertWabaAccess(caller: GraphCaller, wabaId: string, what: string): void {
  if (caller.kind === 'business' && caller.token.wabaIds.includes(wabaId)) return;
  throw graphErrors.noAccess(what);
}
