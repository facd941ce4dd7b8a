/**
 * When a failed delivery is tried again: the one place that decides it.
 *
 * Delays grow fivefold from a base (WEBHOOK_RETRY_BASE_S; 60 s in
 * production), each at most 12 hours (the longest delay Cloudflare Queues
 * accepts for a retry). With the production base, the 7 attempts happen at
 * 0, 1 min, 6 min, 31 min, 2 h 36 min, 13 h 01 min and 25 h 01 min: the
 * first ones catch a receiver's brief hiccup while the answer is fresh, the
 * last ones outlast a day-long outage. After the 7th failure the delivery is
 * `failed`; an admin can retry it by hand.
 */
export const MAX_ATTEMPTS = 7;
export const GROWTH = 5;
export const MAX_DELAY_S = 12 * 60 * 60;
export const DEFAULT_BASE_S = 60;

/** Seconds to wait after failed attempt number `attempt` (1-based), or null when that was the last. */
export function retryDelayS(attempt: number, baseS: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return Math.min(MAX_DELAY_S, baseS * GROWTH ** (attempt - 1));
}

/** The base delay from the environment's text; a missing or unusable value means the production default. */
export function retryBaseS(configured: string | undefined): number {
  const base = Number(configured);
  return configured !== undefined && configured.trim() !== '' && Number.isFinite(base) && base >= 0 ? base : DEFAULT_BASE_S;
}

/** Seconds from the first attempt to each attempt, first one included (0): for docs and tests. */
export function attemptTimes(baseS: number): number[] {
  const times = [0];
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) times.push(times[attempt - 1]! + retryDelayS(attempt, baseS)!);
  return times;
}
