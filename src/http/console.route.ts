import fs from 'node:fs';
import path from 'node:path';
import express, { Request, Response } from 'express';

/**
 * What the console's page may do: its own scripts and styles only (no inline script, no eval),
 * requests to this origin only (the API, the event stream and the downloads), canvas images from
 * data URLs (chart.js), never framed, never a form posted elsewhere.
 */
export const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The package root, from the source tree (src/http) or the compiled one (dist/src/http) alike. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export const CONSOLE_DIR = path.join(packageRoot(), 'dist', 'web');

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The analyst console built by `npm run build:web`: the page at `/`, revalidated on every visit
 * (it names the current assets), and its content-hashed assets under `/assets/`, kept by browsers
 * for a year since a new build gives them new names. In development the first demo account's key
 * is offered to the sign-in form in a meta tag (data, not script, so the policy holds).
 */
export function consoleRoutes(options: { dir?: string; demoKey: string | undefined }): express.Router {
  const dir = options.dir ?? CONSOLE_DIR;
  const router = express.Router();
  const policy = (_req: Request, res: Response, next: () => void) => {
    res.setHeader('Content-Security-Policy', CONSOLE_POLICY);
    next();
  };
  // Read on every visit (a small file): a rebuild while the server runs must not leave it naming deleted assets.
  const index = (): string | undefined => {
    const file = path.join(dir, 'index.html');
    if (!fs.existsSync(file)) return undefined;
    const built = fs.readFileSync(file, 'utf8');
    if (!options.demoKey) return built;
    return built.replace('</head>', `  <meta name="demo-key" content="${escapeAttribute(options.demoKey)}" />\n  </head>`);
  };

  router.get('/', policy, (_req, res) => {
    const body = index();
    if (!body) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run build:web` (npm start and npm test do it).\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(body);
  });
  router.use(
    '/assets',
    policy,
    express.static(path.join(dir, 'assets'), {
      index: false,
      redirect: false,
      // Set here: the API's no-store, set for every response first, would keep serve-static's own.
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
      fallthrough: true,
    }),
    // A name that no build made (an old page after a redeploy): a plain 404, not the API's errors.
    (_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found.\n'),
  );
  return router;
}
