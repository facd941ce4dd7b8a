/** How the outbox treats an answer from the collector, and when it tries again. */

/** What to do with a post after the collector (or the network) answered. */
export type Outcome = 'done' | 'retry' | 'bare' | 'drop';

/**
 * `status` 0 means no answer (offline, DNS, CORS, page closing); -1 means
 * too old to keep trying. 409 is "already there" for a comment and final for
 * a response id: done either way. 400 (an optional field refused) and 413
 * (too big) may succeed once the optional context is left out: 'bare'.
 */
export function outcome(status: number): Outcome {
  return status == 0 || status == 408 || status == 429 || status > 499
    ? 'retry'
    : (status > 199 && status < 300) || status == 409
      ? 'done'
      : status == 400 || status == 413
        ? 'bare'
        : 'drop';
}

/** Wait after the n-th failed try (n ≥ 1): 2 s, 4 s, 8 s … capped at 10 minutes. */
export function retryDelay(tries: number): number {
  return Math.min(1000 * 2 ** tries, 600_000);
}

/** Entries older than this are given up (a comment is only accepted within 60 minutes anyway). */
export const OUTBOX_MAX_AGE_MS = 7 * 864e5;
