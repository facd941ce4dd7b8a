/**
 * Exposure events (`shown`, `dismissed`) are ten times more frequent than
 * answers and are only counters, so they are not written one by one: each
 * isolate adds them up in memory per rollup key and writes the sums in one
 * D1 batch about a second later (ctx.waitUntil keeps the isolate alive for
 * it). Counts are exact once flushed; a write that fails is retried. What is
 * at risk is only an isolate crashing inside that second, and only counts of
 * exposures — answers are always written before the reply.
 */
import { QUARTER } from '../shared/time';
import { countEvent, type StoredEvent } from './db/events';

const DEFAULT_FLUSH_MS = 1000;
const RETRIES = 3;

interface Pending {
  event: StoredEvent;
  shown: number;
  dismissed: number;
}

const pending = new Map<string, Pending>();
let scheduled: Promise<void> | null = null;

function keyOf(e: StoredEvent): string {
  return [e.survey, e.at, e.touchpoint ?? '', e.locale ?? '', e.country, e.device].join('\u0000');
}

/** Add one event; the caller's waitUntil carries the flush when none is scheduled yet. */
export function recordEvent(
  db: D1Database,
  event: StoredEvent,
  options: { flushMs?: number; waitUntil: ((promise: Promise<unknown>) => void) | null },
): Promise<void> {
  // Events within the same 15 minutes land in the same rollup rows: one key.
  const e = { ...event, at: Math.floor(event.at / QUARTER) * QUARTER };
  const key = keyOf(e);
  const entry = pending.get(key) ?? { event: e, shown: 0, dismissed: 0 };
  if (e.type === 'shown') entry.shown++;
  else entry.dismissed++;
  pending.set(key, entry);
  if (!options.waitUntil) return flush(db); // no execution context (direct calls): write now
  if (!scheduled) {
    scheduled = sleep(options.flushMs ?? DEFAULT_FLUSH_MS).then(() => flush(db));
    options.waitUntil(scheduled);
  }
  return Promise.resolve();
}

/** Statements per D1 batch (each batch is one transaction). */
const CHUNK = 100;

/** Write every pending count; a chunk that keeps failing goes back to wait for the next flush. */
export async function flush(db: D1Database): Promise<void> {
  scheduled = null;
  const batch = [...pending.values()];
  pending.clear();
  for (let i = 0; i < batch.length; i += CHUNK) {
    const chunk = batch.slice(i, i + CHUNK);
    const statements = chunk.flatMap((p) => [
      ...(p.shown ? [countEvent(db, { ...p.event, type: 'shown' }, p.shown)] : []),
      ...(p.dismissed ? [countEvent(db, { ...p.event, type: 'dismissed' }, p.dismissed)] : []),
    ]);
    for (let attempt = 1; ; attempt++) {
      try {
        await db.batch(statements);
        break;
      } catch (error) {
        if (attempt < RETRIES) {
          await sleep(100 * 2 ** attempt);
          continue;
        }
        console.error('events: a flush failed; its counts wait for the next one', error);
        for (const p of chunk) restore(p);
        break;
      }
    }
  }
}

function restore(p: Pending): void {
  const entry = pending.get(keyOf(p.event));
  if (!entry) pending.set(keyOf(p.event), p);
  else {
    entry.shown += p.shown;
    entry.dismissed += p.dismissed;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
