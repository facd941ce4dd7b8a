/**
 * GET /demo: the widget demo page, in local development only (ENVIRONMENT
 * "development" from wrangler.toml's [env.dev]). It lives in the Worker, not
 * in dist/, so that it is never deployed as a static asset.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { DEMO_CSS, DEMO_HTML, DEMO_JS } from '../demo/page';

export const demoRoutes = new Hono<AppEnv>();

/** Strict: the page's script and style are files, and so is the widget's. */
const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const FILES: Record<string, [type: string, body: string]> = {
  '/demo': ['text/html', DEMO_HTML],
  '/demo/demo.js': ['text/javascript', DEMO_JS],
  '/demo/demo.css': ['text/css', DEMO_CSS],
};

const serve: MiddlewareHandler<AppEnv> = async (c, next) => {
  const file = FILES[c.req.path];
  if (c.env.ENVIRONMENT !== 'development' || !file) return next();
  return c.body(file[1], 200, {
    'content-type': `${file[0]}; charset=utf-8`,
    'content-security-policy': DEMO_CSP,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
};

demoRoutes.get('/demo', serve);
demoRoutes.get('/demo/:file', serve);
