/** Facts of the request every public write records: where it came from, and how to work on after the reply. */
import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** Cloudflare's country of the connection ('' when it has none, as in local runs). */
export function country(c: Context<AppEnv>): string {
  const cf = c.req.raw.cf as { country?: unknown } | undefined;
  return typeof cf?.country === 'string' ? cf.country : '';
}

/** The execution context's waitUntil, or null for a request without one (a direct `app.request`, where Hono throws). */
export function waitUntilOf(c: Context<AppEnv>): ((promise: Promise<unknown>) => void) | null {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return null;
  }
}

/** Answers one client may give one survey in an hour (`ANSWERS_PER_CLIENT_HOUR`, default 10). */
export function answersPerClientHour(c: Context<AppEnv>): number {
  const limit = Number(c.env.ANSWERS_PER_CLIENT_HOUR);
  return Number.isInteger(limit) && limit > 0 ? limit : 10;
}
