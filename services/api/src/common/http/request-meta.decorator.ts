import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { KNOWN_DEVICE_COOKIE_NAME } from '@aerostic/shared';
import { type Request } from 'express';

/** Where a request came from, for the audit log and the login limiter. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  /**
   * The browser's known-device token: its cookie, or the `X-Known-Device` header by which the dashboard's server
   * forwards that cookie when it signs in on the browser's behalf.
   */
  knownDevice?: string | null;
}

export const ReqMeta = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestMeta => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.get('user-agent') ?? null,
    knownDevice: cookies?.[KNOWN_DEVICE_COOKIE_NAME] ?? req.get('x-known-device') ?? null,
  };
});
