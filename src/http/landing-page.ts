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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

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

/** GET /: where things are, for whoever opens the service's address in a browser. */
export function landingPage(options: { sandbox: boolean; demoKey: string | undefined }): RequestHandler {
  const keyLine = options.demoKey
    ? `<p>The first demo account's admin key: <code>${escapeHtml(options.demoKey)}</code></p>`
    : `<p>The demo accounts' keys are printed once, at the first start ("Demo API key for account …"). ` +
      `Make another with <code>npm run cli -- keys create --account ID --role admin</code>.</p>`;
  const body = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Chat reporting API</title></head>
<body>
<h1>Chat reporting API</h1>
<ul>
<li><a href="/graphql">/graphql</a>: the GraphQL API (POST JSON)${options.sandbox ? '; open it in a browser for Apollo Sandbox' : ''}</li>
<li><a href="/healthz">/healthz</a>: health check (503 while the database is unreachable)</li>
<li><code>/exports/ID/download?token=…</code>: finished CSV exports (the <code>downloadUrl</code> of an export job)</li>
</ul>
<p>Every GraphQL request sends <code>Authorization: Bearer &lt;api key&gt;</code>.</p>
${keyLine}
<p>Start with <code>{ account { name timeZone } reportCatalog { key title } }</code>; the README has more.</p>
</body>
</html>
`;
  return (_req: Request, res: Response) => {
    res.type('html').send(body);
  };
}
