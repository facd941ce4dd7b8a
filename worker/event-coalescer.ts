/**
 * Exposure events (`shown`, `dismissed`) are ten times more frequent than
 * answers and are only counters, so they are not written one by one: each
 * isolate adds them up in memory per rollup key and writes the sums in one
 * D1 batch about a second later (ctx.waitUntil keeps the isolate alive for
 * it). Counts are exact once flushed: a batch carries a flush id, so a retry
 * of a batch that did commit counts nothing twice; a batch that keeps failing
 * goes back to wait, and a new flush is scheduled. What waits is capped.
 * What is at risk is only an isolate ending with counts still in memory, and
 * only counts of exposures: answers are always written before the reply.
 */
import { QUARTER } from '../shared/time';
import { countEvents, isCommittedFlush, markFlush, type StoredEvent } from './db/events';
import { logFailure } from './log';

const DEFAULT_FLUSH_MS = 1000;
/** Tries of one batch within a flush, 200 ms then 400 ms apart. */
const TRIES = 3;
/** Flushes scheduled again after a failed one, before waiting for the next event. */
const RESCHEDULES = 3;
/** A scheduled flush this old was cut off with its request's context: schedule anew. */
const STALE_MS = 60_000;
/** Rollup keys waiting in memory at most; beyond, new keys are dropped (and said so). */
export const MAX_PENDING_KEYS = 10_000;
/** Rollup keys per batch: each key writes up to four statements. */
const KEYS_PER_BATCH = 25;

interface Pending {
  event: StoredEvent;
  shown: number;
  dismissed: number;
}

type WaitUntil = (promise: Promise<unknown>) => void;

const pending = new Map<string, Pending>();
let scheduledAt: number | null = null;
let dropped = 0;

/** Rollup keys whose counts wait in this isolate's memory. */
export function pendingKeys(): number {
  return pending.size;
}

function keyOf(e: StoredEvent): string {
  return [e.site, e.survey, e.at, e.touchpoint ?? '', e.locale ?? '', e.country, e.device].join('\u0000');
}

/** Events within the same 15 minutes land in the same rollup rows: one key. */
function coalesced(event: StoredEvent): StoredEvent {
  return { ...event, at: Math.floor(event.at / QUARTER) * QUARTER };
}

/**
 * Does this event only add to counts already waiting in memory? Then it
 * writes no row of its own: the flush that was to write them carries it.
 */
export function joinsPending(event: StoredEvent): boolean {
  return pending.has(keyOf(coalesced(event)));
}

/** Add one event; the caller's waitUntil carries the flush when none is scheduled yet. */
export function recordEvent(
  db: D1Database,
  event: StoredEvent,
  options: { flushMs?: number; waitUntil: WaitUntil | null },
): Promise<void> {
  const e = coalesced(event);
  const key = keyOf(e);
  let entry = pending.get(key);
  if (!entry) {
    if (pending.size >= MAX_PENDING_KEYS) {
      if (dropped++ === 0) logFailure(`events: ${MAX_PENDING_KEYS} counts wait already; new ones are dropped until a flush succeeds`);
      return Promise.resolve();
    }
    pending.set(key, (entry = { event: e, shown: 0, dismissed: 0 }));
  }
  if (e.type === 'shown') entry.shown++;
  else entry.dismissed++;
  if (!options.waitUntil) return flush(db).then(() => undefined); // no execution context (direct calls): write now
  if (scheduledAt === null || Date.now() - scheduledAt > STALE_MS) schedule(db, options.flushMs ?? DEFAULT_FLUSH_MS, options.waitUntil, 0);
  return Promise.resolve();
}

function schedule(db: D1Database, delayMs: number, waitUntil: WaitUntil, round: number): void {
  scheduledAt = Date.now();
  waitUntil(
    sleep(delayMs).then(async () => {
      const failed = await flush(db);
      if (failed && round < RESCHEDULES && scheduledAt === null) schedule(db, DEFAULT_FLUSH_MS * 2 ** round, waitUntil, round + 1);
    }),
  );
}

/** Write every pending count. Resolves to true when some batch failed and its counts wait again. */
export async function flush(db: D1Database): Promise<boolean> {
  scheduledAt = null;
  const batch = [...pending.values()];
  pending.clear();
  let failed = false;
  for (let i = 0; i < batch.length; i += KEYS_PER_BATCH) {
    const chunk = batch.slice(i, i + KEYS_PER_BATCH);
    const id = crypto.randomUUID();
    const statements = [markFlush(db, id, Date.now()), ...chunk.flatMap((p) => countEvents(db, p.event, p.shown, p.dismissed))];
    for (let attempt = 1; ; attempt++) {
      try {
        await db.batch(statements);
        break;
      } catch (error) {
        // The attempt before did commit; its answer was lost on the way back.
        if (isCommittedFlush(error)) break;
        if (attempt < TRIES) {
          await sleep(100 * 2 ** attempt);
          continue;
        }
        logFailure('events: a flush failed; its counts wait for the next one', error);
        for (const p of chunk) restore(p);
        failed = true;
        break;
      }
    }
  }
  if (!failed) dropped = 0;
  return failed;
}

function restore(p: Pending): void {
  const key = keyOf(p.event);
  const entry = pending.get(key);
  if (entry) {
    entry.shown += p.shown;
    entry.dismissed += p.dismissed;
  } else if (pending.size < MAX_PENDING_KEYS) pending.set(key, p);
  else dropped++;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
