/**
 * The in-memory coalescing of exposure events against a real D1 whose batch
 * calls are made to fail the way a network does: after committing (the
 * answer lost on the way back), or before. Counts stay exact, a failed flush
 * is scheduled again, and what waits in memory is capped.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../worker/db/events';
import { MAX_PENDING_KEYS, flush, pendingKeys, recordEvent } from '../../worker/event-coalescer';
import { createSite, createSurvey, scoresJson } from './helpers';

type Step = 'ok' | 'fail' | 'commit-then-fail' | 'discard';

/** The real database, whose `batch` follows `plan` call by call (then 'ok'). */
function unreliable(plan: Step[]): { db: D1Database; calls: () => number } {
  let calls = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const step = plan[calls++] ?? 'ok';
          if (step === 'fail') throw new Error('D1_ERROR: Network connection lost.');
          if (step === 'discard') return [];
          const result = await target.batch(statements);
          if (step === 'commit-then-fail') throw new Error('D1_ERROR: Network connection lost.');
          return result;
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, calls: () => calls };
}

async function eventFor(): Promise<{ site: Awaited<ReturnType<typeof createSite>>; survey: string; event: StoredEvent }> {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'nps');
  return { site, survey, event: { site: site.site, survey, type: 'shown', touchpoint: 'checkout', country: 'IR', device: 'mobile', at: Date.now() } };
}

/** Run every promise handed to waitUntil, including those added while running. */
async function drain(promises: Promise<unknown>[]): Promise<void> {
  for (let done = 0; done < promises.length; done++) await promises[done];
}

describe('exposure events coalesced in memory', () => {
  it('count once when a batch committed but its answer was lost, and the retry hits the flush id', async () => {
    const { site, survey, event } = await eventFor();
    const { db, calls } = unreliable(['commit-then-fail']);
    await recordEvent(db, event, { waitUntil: null });
    await recordEvent(env.DB, { ...event, type: 'dismissed' }, { waitUntil: null });
    expect(calls()).toBe(2);
    const { body } = await scoresJson(site, { survey });
    expect(body.total).toMatchObject({ shown: 1, dismissed: 1 });
  });

  it('schedule a new flush after one whose batch kept failing, and lose nothing', async () => {
    const { site, survey, event } = await eventFor();
    const { db, calls } = unreliable(['fail', 'fail', 'fail']);
    const waiting: Promise<unknown>[] = [];
    await recordEvent(db, event, { flushMs: 5, waitUntil: (p) => waiting.push(p) });
    await recordEvent(db, event, { flushMs: 5, waitUntil: (p) => waiting.push(p) });
    await drain(waiting);
    expect(calls()).toBe(4);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(pendingKeys()).toBe(0);
    const { body } = await scoresJson(site, { survey });
    expect(body.total).toMatchObject({ shown: 2 });
  }, 20_000);

  it(`keep at most ${MAX_PENDING_KEYS} keys waiting while the database is away`, async () => {
    const { event } = await eventFor();
    // A flush is "scheduled" into a context that never runs it: counts pile up, as in an outage.
    for (let i = 0; i < MAX_PENDING_KEYS + 500; i++) {
      await recordEvent(env.DB, { ...event, touchpoint: `t${i}` }, { waitUntil: () => undefined });
    }
    expect(pendingKeys()).toBe(MAX_PENDING_KEYS);
    // Let them go without writing ten thousand junk rows.
    await flush(unreliable(Array(MAX_PENDING_KEYS).fill('discard')).db);
    expect(pendingKeys()).toBe(0);
  }, 60_000);
});
