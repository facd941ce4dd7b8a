/**
 * Nothing lost: every post is written to the outbox (in localStorage) before
 * it is sent, and leaves it only once the collector has answered. Failures
 * wait with backoff and are retried on this and later page views; `pagehide`
 * hands what is left to `sendBeacon`. Responses carry a client UUID, so a
 * retry is harmless: the collector stores each id once.
 *
 * Bodies go as `text/plain` JSON (a string body), which needs no CORS
 * preflight; `keepalive` lets a post outlive the page that made it.
 */
import type { Host } from '../types';
import { OUTBOX_MAX_AGE_MS, outcome, retryDelay } from './backoff';

/** The key whose post is on its way: one at a time, in the order queued. */
let sending: string | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

/**
 * A v4 UUID. `randomUUID` exists only in secure contexts; elsewhere a blob
 * URL ends in a random v4 UUID made by the browser (`blob:origin/uuid`).
 */
export const uuid = (): string => crypto.randomUUID?.() ?? URL.createObjectURL(new Blob()).slice(-36);

/** Queue a post (write-ahead), then try to send it. `after`: a key that must be delivered first. */
export function enqueue(host: Host, key: string, path: string, body: Record<string, unknown>, after?: string): void {
  host.store.update((state) => {
    (state.o ||= {})[key] = { u: path, b: body, n: 0, t: 0, c: Date.now(), w: after };
  });
  flush(host);
}

/** Send what is due. A pass already under way picks new entries up by itself. */
export function flush(host: Host): void {
  if (!listening) listen(host);
  if (!sending) next(host);
}

function next(host: Host): void {
  const outbox = host.store.read().o || {};
  const now = Date.now();
  let wait = Infinity;
  for (const key of Object.keys(outbox)) {
    const entry = outbox[key]!;
    if (now - entry.c > OUTBOX_MAX_AGE_MS) settle(host, key, -1);
    else if ((entry.w && outbox[entry.w]) || !navigator.onLine) continue;
    else if (entry.t > now) wait = Math.min(wait, entry.t - now);
    else {
      sending = key;
      fetch(host.api + entry.u, { method: 'POST', body: JSON.stringify(entry.b), keepalive: true })
        .then((response) => response.status, () => 0)
        .then((status) => {
          sending = undefined;
          settle(host, key, status);
          next(host);
        });
      return;
    }
  }
  clearTimeout(timer);
  if (wait < Infinity) timer = setTimeout(() => flush(host), wait);
}

function settle(host: Host, key: string, status: number): void {
  const verdict = outcome(status);
  host.store.update((state) => {
    const outbox = state.o || {};
    const entry = outbox[key];
    if (!entry) return;
    const body = entry.b;
    if (verdict == 'retry') entry.t = Date.now() + retryDelay(++entry.n);
    else if (verdict == 'bare' && (body.locale || body.user)) {
      // Refused for its size (413) or an optional field (400): the answer matters more than its
      // context. Resend it without touchpoint, locale, page and meta; if still refused, without
      // user too (kept at first: a user's answers can only be erased by their user id).
      if (body.locale) for (const field of ['touchpoint', 'locale', 'page', 'meta']) delete body[field];
      else delete body.user;
      host.warn(`${entry.u} ${status}: resent bare`);
    } else {
      if (verdict != 'done') host.warn(`${entry.u} ${status}: dropped`);
      delete outbox[key];
      // An empty outbox leaves no trace, so w.js can tell at a glance that nothing waits.
      if (!Object.keys(outbox).length) delete state.o;
    }
  });
}

/** Retry when the browser is back online; hand what is left to sendBeacon when the page goes. */
function listen(host: Host): void {
  listening = true;
  addEventListener('online', () => flush(host));
  addEventListener('pagehide', () =>
    host.store.update((state) => {
      const outbox = state.o || {};
      for (const key of Object.keys(outbox)) {
        const entry = outbox[key]!;
        // An event has no id to make a resend harmless: counted at most once, it leaves the
        // outbox here (also while its keepalive fetch is on its way). Responses and comments
        // stay until acknowledged; a resend of those is harmless.
        if (
          navigator.onLine &&
          (key == sending || (!(entry.w && outbox[entry.w]) && navigator.sendBeacon(host.api + entry.u, JSON.stringify(entry.b)))) &&
          entry.u == '/v1/events'
        ) {
          delete outbox[key];
        }
      }
    }),
  );
}
