/**
 * Scores in every kind of zone, from the real database: answers at any minute
 * and exposure counts at any quarter hour near a daylight saving change,
 * queried from and to any quarter hour in half-hour, 45-minute and DST zones,
 * grouped every way, filtered by a reason or not, and compared with the
 * period before. Every bucket, the total and every group equal a recount of
 * the raw answers and the counts written, whatever the rows (total, visitor,
 * reason, the answers of the edge stretches) the plan reads.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_BYS, type GroupBy, REASON_GROUP_BYS } from '../../shared/schemas/scores';
import { countEvents, markFlush, type StoredEvent } from '../../worker/db/events';
import { assertRollupsMatchRaw, type RawAnswer, rawAnswers, recount, recountGroups, recountReasonGroups } from '../invariants/store';
import { createSite, createSurvey, type ScoresBody, scoresJson, seedResponses } from './helpers';
import { runs, timeout } from './probe';

const TIMEOUT = timeout(120_000);
const QUARTER = 900_000;
const ZONES = [
  'Asia/Tehran', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe',
  'America/New_York', 'Europe/London', 'UTC',
];
/** Days with a daylight saving change in some of ZONES, and one without. */
const BASES = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-06-15'].map((d) => Date.parse(`${d}T00:00:00Z`));

const visitor = fc.record({
  touchpoint: fc.constantFrom('', 'checkout', 'support'),
  locale: fc.constantFrom('', 'fa', 'en'),
  country: fc.constantFrom('', 'IR', 'AU'),
  device: fc.constantFrom('desktop', 'mobile'),
});

const REASON_IDS = ['price', 'delivery', 'quality'];
const REASONS = { question: { en: 'Main reason?' }, options: REASON_IDS.map((id) => ({ id, label: { en: id } })), multiple: true };

interface Exposure {
  at: number;
  touchpoint: string;
  locale: string;
  country: string;
  device: string;
  shown: number;
  dismissed: number;
}

/** A period from and to any quarter hour near a base day (up to five days long), and traffic over it and the period before. */
const scenario = fc
  .record({
    base: fc.constantFrom(...BASES),
    startQuarter: fc.integer({ min: -96 * 2, max: 96 * 2 }),
    quarters: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 96 * 5 })),
  })
  .chain(({ base, startQuarter, quarters }) => {
    const from = base + startQuarter * QUARTER;
    const to = from + quarters * QUARTER;
    const lo = (2 * from - to - 3_600_000) / 60_000;
    const hi = (to + 3_600_000) / 60_000;
    const minute = fc.tuple(fc.integer({ min: lo, max: hi }), fc.boolean()).map(([m, onQuarter]) => (onQuarter ? Math.floor((m * 60_000) / QUARTER) * QUARTER : m * 60_000));
    return fc.record({
      from: fc.constant(from),
      to: fc.constant(to),
      answers: fc.array(
        fc.record({ score: fc.integer({ min: 0, max: 10 }), at: minute, visitor, reasons: fc.option(fc.subarray(REASON_IDS, { minLength: 1 }), { nil: undefined }) }),
        { minLength: 1, maxLength: 80 },
      ),
      exposure: fc.array(
        fc.record({ at: minute.map((t) => Math.floor(t / QUARTER) * QUARTER), visitor, shown: fc.integer({ min: 1, max: 4 }), dismissed: fc.integer({ min: 0, max: 2 }) }),
        { maxLength: 12 },
      ),
      queries: fc.array(
        fc.record({
          tz: fc.constantFrom(...ZONES),
          interval: fc.constantFrom(undefined, 'hour', 'day', 'week'),
          groupBy: fc.constantFrom<GroupBy | undefined>(undefined, ...GROUP_BYS),
          compare: fc.boolean(),
          touchpoint: fc.constantFrom(undefined, 'checkout'),
          reason: fc.constantFrom(undefined, undefined, 'price'),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
  });

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

describe('scores in every kind of zone', () => {
  it('equal a recount of raw answers and written exposure counts: buckets, total, groups and the period before', async () => {
    const survey = { site: '', id: '' };
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const site = await createSite();
        survey.site = site.site;
        survey.id = await createSurvey(site.site, 'nps', { reasons: REASONS });
        await seedResponses(site.site, survey.id, 'nps', s.answers.map((a) => ({ score: a.score, at: a.at, reasons: a.reasons, ...a.visitor })));
        const exposure: Exposure[] = s.exposure.map((e) => ({ at: e.at, ...e.visitor, shown: e.shown, dismissed: e.dismissed }));
        // Written as the exposure flush writes them.
        if (exposure.length > 0) {
          const stored = (e: Exposure): StoredEvent => ({ site: site.site, survey: survey.id, type: 'shown', touchpoint: e.touchpoint, locale: e.locale, country: e.country, device: e.device, at: e.at });
          await env.DB.batch([markFlush(env.DB, crypto.randomUUID(), Date.now()), ...exposure.flatMap((e) => countEvents(env.DB, stored(e), e.shown, e.dismissed))]);
        }
        const raw = await rawAnswers(env.DB, site.site, 'nps');

        for (const q of s.queries) {
          const query: Record<string, string> = { kind: 'nps', from: iso(s.from), to: iso(s.to), tz: q.tz };
          if (q.interval) query.interval = q.interval;
          if (q.groupBy) query.group_by = q.groupBy;
          if (q.compare) query.compare = 'previous';
          if (q.touchpoint) query.touchpoint = q.touchpoint;
          // A reason combines with the groups its rows keep (touchpoint, channel, reason); it has no exposure counts.
          const reason = q.groupBy === undefined || (REASON_GROUP_BYS as readonly GroupBy[]).includes(q.groupBy) ? q.reason : undefined;
          if (reason) query.reason = reason;
          const where = `${new URLSearchParams(query)}`;
          const { body } = await scoresJson<ScoresBody & { total: { previous?: unknown } }>(site, query);

          const keep = <T extends { touchpoint: string }>(list: T[]) => list.filter((x) => q.touchpoint === undefined || x.touchpoint === q.touchpoint);
          const withReason = raw.filter((r) => reason === undefined || !!r.reasons?.includes(reason));
          const answersIn = (a: number, b: number): RawAnswer[] => keep(withReason).filter((r) => r.created_at >= a && r.created_at < b);
          const exposureIn = (a: number, b: number) => (reason === undefined ? keep(exposure).filter((e) => e.at >= a && e.at < b) : []);
          const sum = (list: Exposure[]) => ({ shown: list.reduce((n, e) => n + e.shown, 0), dismissed: list.reduce((n, e) => n + e.dismissed, 0) });

          const { previous: _previous, change: _change, ...total } = body.total as typeof body.total & { change?: unknown };
          expect(total, where).toEqual(recount('nps', answersIn(s.from, s.to), sum(exposureIn(s.from, s.to))));
          if (q.interval) {
            const edges = [...body.series!.map((b) => Date.parse(b.start)), Date.parse(body.to)];
            expect(edges[0], where).toBe(s.from);
            body.series!.forEach(({ start: _start, label: _label, ...bucket }, i) => {
              expect(bucket, `${where} bucket ${i}`).toEqual(recount('nps', answersIn(edges[i]!, edges[i + 1]!), sum(exposureIn(edges[i]!, edges[i + 1]!))));
            });
          }
          if (q.groupBy) {
            const by = q.groupBy;
            const groupsOf = (a: number, b: number) => {
              // Filtered by a reason, grouping by reason leaves that one group.
              if (by === 'reason') return reason === undefined ? recountReasonGroups('nps', answersIn(a, b)) : new Map(answersIn(a, b).length > 0 ? [[reason, recount('nps', answersIn(a, b))]] : []);
              const keyOf = (e: Exposure) => (by === 'channel' ? 'web' : e[by]);
              const list = exposureIn(a, b);
              return recountGroups('nps', answersIn(a, b), by, (key) => sum(list.filter((e) => keyOf(e) === key)), list.map(keyOf));
            };
            const now = groupsOf(s.from, s.to);
            const want = new Map<string | null, unknown>(now);
            if (q.compare) {
              // Keys of either period, each with both.
              const before = groupsOf(2 * s.from - s.to, s.from);
              for (const key of new Set([...now.keys(), ...before.keys()])) {
                want.set(key, { ...(now.get(key) ?? recount('nps', [])), previous: before.get(key) ?? recount('nps', []) });
              }
            }
            const got = new Map(body.groups!.map(({ key, change: _c, ...m }) => [key, m]));
            expect(got, where).toEqual(want);
          }
        }
      }),
      runs(25),
    );
    await assertRollupsMatchRaw(env.DB);
  }, TIMEOUT);
});
