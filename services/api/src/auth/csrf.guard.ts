import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { assertSameSiteChange, trustedOrigins } from './csrf';
import { IS_PUBLIC } from './public.decorator';

/**
 * Refuses cookie-authenticated changes sent from another site (docs/adr/0166-csrf-by-origin.md). @Public() routes
 * (sign-in, Stripe's webhook) are not authenticated by the cookie, so they are left alone.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  private readonly origins: ReadonlySet<string>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.origins = trustedOrigins([config.APP_URL, config.ADMIN_URL]);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    assertSameSiteChange(context.switchToHttp().getRequest<Request>(), this.origins);
    return true;
  }
}
