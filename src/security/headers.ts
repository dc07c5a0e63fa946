import cors from 'cors';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers with a policy for an API that serves only JSON and files: nothing may be
 * loaded, framed or submitted from its responses. `no-store` because every body holds an
 * account's personal data, which no shared or browser cache should keep.
 */
export function securityHeaders(): RequestHandler[] {
  const noStore = (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
    }),
    noStore,
  ];
}

/**
 * Cross-origin browser access only for the configured origins; with none configured no CORS
 * header is sent and browsers keep other sites out. Keys travel in `Authorization`, never in
 * cookies, so credentials stay off.
 */
export function corsPolicy(origins: string[]): RequestHandler[] {
  if (origins.length === 0) return [];
  return [
    cors({
      origin: origins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name'],
      exposedHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 600,
    }),
  ];
}
