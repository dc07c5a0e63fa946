import { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { NextFunction, Request, RequestHandler, Response } from 'express';

/** What a newcomer's first request in Apollo Sandbox asks: a query that needs no id and no date. */
const FIRST_QUERY = `query FirstLook {
  account { name timeZone }
  reportCatalog { key title }
}
`;

/**
 * Apollo Sandbox at GET /graphql in development, so a browser gets a GraphQL IDE rather than the
 * CSRF refusal meant for scripts; with the first demo account's key as its Authorization header
 * when this process knows the key. In production, and with introspection off (Sandbox needs it),
 * there is none.
 */
export function sandboxPlugin(enabled: boolean, demoKey: string | undefined): ApolloServerPlugin {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  return ApolloServerPluginLandingPageLocalDefault({
    embed: true,
    footer: false,
    includeCookies: false,
    document: FIRST_QUERY,
    ...(demoKey ? { headers: { Authorization: `Bearer ${demoKey}` } } : {}),
  });
}

/**
 * Sandbox's page loads its scripts from Apollo's CDN under a Content-Security-Policy of its own
 * (a meta tag with a nonce); the API's `default-src 'none'` would stop them, so that page alone
 * keeps only the framing and form rules.
 */
export function sandboxPolicy(enabled: boolean): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (enabled && req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.setHeader('Content-Security-Policy', "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
    next();
  };
}
