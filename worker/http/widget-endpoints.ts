/**
 * The endpoints the widget calls from sites' pages: routes, CORS preflights
 * and the CORS headers on error answers all take their paths from here.
 */
export const WIDGET_ENDPOINTS = {
  config: '/v1/sites/:site/config',
  responses: '/v1/responses',
  comment: '/v1/responses/:id/comment',
  reasons: '/v1/responses/:id/reasons',
  events: '/v1/events',
  due: '/v1/due',
} as const;

/** Hono path patterns as one anchored regular expression (`:param` is one path segment). */
const WIDGET_PATH = new RegExp(`^(${Object.values(WIDGET_ENDPOINTS).map((p) => p.replace(/:[a-z]+/g, '[^/]+')).join('|')})$`);

export function isWidgetPath(path: string): boolean {
  return WIDGET_PATH.test(path);
}
