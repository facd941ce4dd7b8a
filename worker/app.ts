/** The Worker's Hono app: middleware, routes, and the one error shape. */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { ApiError, errorBody } from './http/errors';
import { WIDGET_ENDPOINTS } from './http/widget-endpoints';
import { databaseAnswers } from './db/health';
import { logBug } from './log';
import { openApiDocument } from './openapi';
import { adminRoutes } from './routes/admin';
import { analystRoutes } from './routes/analyst';
import { apiKeyRoutes } from './routes/api-keys';
import { auditRoutes } from './routes/audit';
import { caseRoutes } from './routes/cases';
import { collectRoutes } from './routes/collect';
import { demoRoutes } from './routes/demo';
import { emailPreviewRoutes } from './routes/email-preview';
import { exportRoutes } from './routes/export';
import { exposeErrorToWidget, guardRoutes, widgetPreflight } from './routes/guards';
import { linkAdminRoutes } from './routes/links-admin';
import { linkPageRoutes } from './routes/link-pages';
import { memberRoutes } from './routes/members';
import { themeRoutes } from './routes/themes';

export const app = new Hono<AppEnv>();

// First of all: every route's permission (worker/permissions.ts) against who is asking.
app.use('*', guardRoutes);

// Before the API's headers: the demo page (development only), the link
// survey pages and the email block's preview are documents, with their own CSP.
app.route('/', demoRoutes);
app.route('/', linkPageRoutes);
app.route('/', emailPreviewRoutes);

app.use(
  '*',
  secureHeaders({
    // API answers are data, never documents to render or frame.
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  }),
);

app.get('/healthz', async function health(c) {
  if (!(await databaseAnswers(c.env.DB))) throw new ApiError('unavailable', 'the database does not answer');
  return c.json({ ok: true });
});

app.get('/v1/openapi.json', function openApi(c) {
  return c.json(openApiDocument());
});

// For `npm run bench`: a request that does nothing, the yardstick that ingest
// rates are divided by (same Worker, same middleware, same POST path cost).
// Reads no body, touches no binding; harmless in production.
app.post('/v1/noop', function noop(c) {
  return c.body(null, 204);
});

for (const path of Object.values(WIDGET_ENDPOINTS)) app.options(path, widgetPreflight);

app.route('/', collectRoutes);
app.route('/', analystRoutes);
app.route('/', exportRoutes);
app.route('/', themeRoutes);
app.route('/', caseRoutes);
app.route('/', linkAdminRoutes);
app.route('/', adminRoutes);
app.route('/', memberRoutes);
app.route('/', apiKeyRoutes);
app.route('/', auditRoutes);

app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));

app.onError(async (err, c) => {
  if (err instanceof ApiError) {
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    await exposeErrorToWidget(c, err.status);
    return c.json(errorBody(err.code, err.message, err.issues), err.status as 400);
  }
  // Anything else is a bug: log it (never request bodies, keys, link tokens or user ids) and answer in the same shape.
  logBug(c.req, err);
  return c.json(errorBody('internal', 'internal error'), 500);
});
