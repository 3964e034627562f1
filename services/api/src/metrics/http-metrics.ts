import { Inject, Injectable } from '@nestjs/common';
import { type ApiMetrics } from '@aerostic/shared/node';
import { type Request, type RequestHandler } from 'express';
import { API_METRICS } from './metrics.tokens';

/** The label of a request no route matched (404s): raw URLs would give every scanner's probe a series. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request, from its arrival to the last byte of its answer, labelled with the route template Express
 * matched (`/conversations/:id`, never the URL itself). Mounted first by setupApp, so guards' refusals count too.
 */
@Injectable()
export class HttpMetrics {
  readonly handler: RequestHandler;

  constructor(@Inject(API_METRICS) metrics: ApiMetrics) {
    this.handler = (req, res, next) => {
      const stop = metrics.httpDuration.startTimer();
      res.once('finish', () => {
        stop({ method: req.method, route: routeTemplate(req), status_code: String(res.statusCode) });
      });
      next();
    };
  }
}

/**
 * Express sets `req.route` when a route matched; a mounted app (bull-board) adds its mount path in `baseUrl`. Nest's
 * middleware for every path is a route too (`/{*path}`): when it is the last one matched, no controller route was.
 */
function routeTemplate(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (typeof route?.path !== 'string' || route.path.includes('{*')) return UNMATCHED_ROUTE;
  return `${req.baseUrl}${route.path}`;
}
