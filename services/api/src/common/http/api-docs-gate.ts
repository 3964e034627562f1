import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Answers whether a request's caller is signed in (a tenant user or a platform admin); never throws. */
export type SignedIn = (req: Request) => Promise<boolean>;

/**
 * In production the OpenAPI page and document describe every route, so only signed-in people read them
 * (docs/adr/0168-api-docs-for-signed-in-users.md); elsewhere they stay open for development.
 */
export function apiDocsGate(production: boolean, signedIn: SignedIn): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!production) return next();
    signedIn(req).then((ok) => {
      if (ok) return next();
      res.status(401).json({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Sign in to the Aerostic dashboard or admin panel to read the API documentation',
      });
    }, next);
  };
}
