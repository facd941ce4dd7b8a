/**
 * The scores computation as the pure function it is: rollup rows in, the
 * answer out. Rows are made here the way the database keeps and sums them
 * (per shared/rollups.ts: each writer's sets and grains; summed per grain,
 * bucket start and the one key kept apart; slivers of answers read as they
 * are), from answers and exposure counts generated in Node, and every
 * bucket, total and group must equal the shared metrics over the answers
 * and events that fall in it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Kind, scaleScores } from '../../shared/kinds';
import { MAX_GROUP_KEYS } from '../../shared/limits';
import { emptyHistogram, metrics } from '../../shared/metrics';
import { ROLLUP_GRAINS, ROLLUP_SETS, type RollupWriter, VISITOR_FIELDS, type VisitorField } from '../../shared/rollups';
import type { GroupBy } from '../../shared/schemas/scores';
import { bucketEdges } from '../../shared/time';
import type { LinkMintRead, LinkMintRow } from '../../worker/db/link-mints';
import type { RollupRead, RollupRow, ScoresRows, SliverRead, SliverRow } from '../../worker/db/rollups';
import { computeScores, planScores, type ScoresRequest } from '../../worker/scores/compute';

interface Answer {
  score: number;
  /** Unix ms. */
  at: number;
  touchpoint: string;
  locale?: string;
  country?: string;
  device?: string;
}

/** Exposure counts of one coalesced key (its time floored to the quarter hour, as the coalescer does). */
interface Shown {
  at: number;
  touchpoint: string;
  locale: string;
  country: string;
  device: string;
  shown: number;
  dismissed: number;
}

const fieldOf = (a: Answer | Shown, f: VisitorField): string => a[f] ?? '';

interface StoredRow extends RollupRow {
  dim: string;
  /** The visitor fields of a visitor row (its JSON value, parsed). */
  fields: (string | null)[];
}

/** Every rollup row the writers make of these answers and exposure counts. */
function store(answers: Answer[], shown: Shown[] = []): StoredRow[] {
  const rows = new Map<string, StoredRow>();
  const add = (writer: RollupWriter, item: Answer | Shown, count: (row: StoredRow) => void) => {
    for (const set of ROLLUP_SETS) {
      for (const grain of set.grains[writer]) {
        const seconds = Math.floor(item.at / 1000);
        const start = seconds - (seconds % grain);
        const fields = set.fields.map((f) => fieldOf(item, f));
        const key = `${set.dim}:${grain}:${start}:${item.touchpoint}:${JSON.stringify(fields)}`;
        let row = rows.get(key);
        if (!row) {
          row = { dim: set.dim, grain, start, touchpoint: item.touchpoint, channel: 'web', value: '', fields, hist: emptyHistogram(), webAnswers: 0, shown: 0, dismissed: 0 };
          rows.set(key, row);
        }
        count(row);
      }
    }
  };
  // Every answer here is the widget's (channel web).
  for (const a of answers) {
    add('answers', a, (row) => {
      row.hist[a.score]!++;
      row.webAnswers++;
    });
  }
  for (const e of shown) {
    add('events', e, (row) => {
      row.shown += e.shown;
      row.dismissed += e.dismissed;
    });
  }
  return [...rows.values()];
}

/** The rows one read returns: stored rows of its dim within its ranges, summed per grain, start and kept key. */
function rowsFor(read: RollupRead, stored: StoredRow[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const s of stored) {
    if (s.dim !== read.dim) continue;
    if (!read.ranges.some((r) => r.grain === s.grain && s.start >= r.lo && s.start < r.hi)) continue;
    if (read.touchpoint !== undefined && s.touchpoint !== read.touchpoint) continue;
    const touchpoint = read.apart === 'touchpoint' ? s.touchpoint : '';
    const channel = read.apart === 'channel' ? s.channel : '';
    const visitor = read.apart !== undefined && read.apart !== 'touchpoint' && read.apart !== 'channel' && read.apart !== 'value' ? read.apart : null;
    const value = visitor ? s.fields[VISITOR_FIELDS.indexOf(visitor)] : '';
    if (value === null || value === undefined) continue;
    const key = `${s.grain}:${s.start}:${touchpoint}:${channel}:${value}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { grain: s.grain, start: s.start, touchpoint, channel, value, hist: emptyHistogram(), webAnswers: 0, shown: 0, dismissed: 0 }));
    for (let i = 0; i < row.hist.length; i++) row.hist[i]! += s.hist[i]!;
    row.webAnswers += s.webAnswers;
    row.shown += s.shown;
    row.dismissed += s.dismissed;
  }
  return [...rows.values()];
}

/** The answers of each sliver, per value of the kept field. */
function sliverRowsFor(read: SliverRead, answers: Answer[]): SliverRow[] {
  const rows = new Map<string, SliverRow>();
  read.slivers.forEach(({ lo, hi }, sliver) => {
    for (const a of answers) {
      if (a.at < lo * 1000 || a.at >= hi * 1000) continue;
      if (read.touchpoint !== undefined && a.touchpoint !== read.touchpoint) continue;
      const value = fieldOf(a, read.apart);
      const key = `${sliver}:${value}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { sliver, value, hist: emptyHistogram(), webAnswers: 0 }));
      row.hist[a.score]!++;
      row.webAnswers++;
    }
  });
  return [...rows.values()];
}

/** Links minted: the rows a mint read returns, summed per grain, start and (when kept apart) touchpoint. */
function mintRowsFor(read: LinkMintRead, mints: Answer[]): LinkMintRow[] {
  const rows = new Map<string, LinkMintRow>();
  for (const grain of ROLLUP_GRAINS) {
    for (const m of mints) {
      const seconds = Math.floor(m.at / 1000);
      const start = seconds - (seconds % grain);
      if (!read.ranges.some((r) => r.grain === grain && start >= r.lo && start < r.hi)) continue;
      const touchpoint = read.byTouchpoint ? m.touchpoint : '';
      const key = `${grain}:${start}:${touchpoint}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { grain, start, touchpoint, links: 0 }));
      row.links += m.score;
    }
  }
  return [...rows.values()];
}

function answer(kind: Kind, answers: Answer[], request: ScoresRequest, shown: Shown[] = []) {
  const plan = planScores(request);
  const stored = store(answers, shown);
  const read: Pick<ScoresRows, 'rows' | 'sliverRows'> = {
    rows: plan.reads.map((r) => rowsFor(r, stored)),
    sliverRows: plan.sliverReads.map((r) => sliverRowsFor(r, answers)),
  };
  return computeScores(request, plan, read);
}

const recount = (kind: Kind, list: Answer[], shown: Shown[] = []) => {
  const hist = emptyHistogram();
  for (const a of list) hist[a.score]!++;
  return metrics(kind, hist, { shown: shown.reduce((n, e) => n + e.shown, 0), dismissed: shown.reduce((n, e) => n + e.dismissed, 0) });
};

const FROM = Date.parse('2026-03-15T00:00:00Z');
const TO = Date.parse('2026-03-29T00:00:00Z');

const answers = (kind: Kind) =>
  fc.array(
    fc.record({
      score: fc.constantFrom(...scaleScores(kind)),
      // Anywhere from a day before the range to a day after it, to the minute.
      at: fc.integer({ min: (FROM - 86_400_000) / 60_000, max: (TO + 86_400_000) / 60_000 }).map((m) => m * 60_000),
      touchpoint: fc.constantFrom('', 'landing', 'checkout', 'support'),
    }),
    { maxLength: 300 },
  );

describe('computeScores', () => {
  it('gives every local day of a Tehran series, and the total, the metrics of its own answers', () => {
    fc.assert(
      fc.property(answers('nps'), (list) => {
        const edges = bucketEdges('Asia/Tehran', 'day', FROM, TO, 10_000);
        const request: ScoresRequest = { site: 's', kind: 'nps', surveys: ['v'], tz: 'Asia/Tehran', interval: 'day', calendar: 'gregory', edges };
        const result = answer('nps', list, request);
        const inside = list.filter((a) => a.at >= FROM && a.at < TO);
        expect(result.total).toEqual(recount('nps', inside));
        expect(result.series).toHaveLength(edges.length - 1);
        result.series!.forEach(({ start: _start, label: _label, ...bucket }, i) => {
          expect(bucket).toEqual(recount('nps', inside.filter((a) => a.at >= edges[i]! && a.at < edges[i + 1]!)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('on the sent basis, gives every Tehran day and touchpoint the links minted in it', () => {
    // A mint is an "answer" whose score is its number of links.
    const mints = fc.array(fc.record({ score: fc.integer({ min: 1, max: 5 }), at: fc.integer({ min: (FROM - 86_400_000) / 60_000, max: (TO + 86_400_000) / 60_000 }).map((m) => m * 60_000), touchpoint: fc.constantFrom('', 'delivery', 'support') }), { maxLength: 100 });
    fc.assert(
      fc.property(mints, (list) => {
        const edges = bucketEdges('Asia/Tehran', 'day', FROM, TO, 10_000);
        for (const groupBy of [undefined, 'touchpoint'] as const) {
          const request: ScoresRequest = { site: 's', kind: 'nps', surveys: ['v'], tz: 'Asia/Tehran', interval: 'day', calendar: 'gregory', edges, channel: 'email', groupBy };
          const plan = planScores(request);
          expect(plan.basis).toBe('sent');
          const result = computeScores(request, plan, { rows: plan.reads.map(() => []), sliverRows: [] }, plan.mints.map((read) => mintRowsFor(read, list)));
          const sent = (from: number, to: number, touchpoint?: string) =>
            list.filter((m) => m.at >= from && m.at < to && (touchpoint === undefined || m.touchpoint === touchpoint)).reduce((n, m) => n + m.score, 0);
          expect(result.total.sent).toBe(sent(FROM, TO));
          result.series!.forEach((bucket, i) => expect(bucket.sent).toBe(sent(edges[i]!, edges[i + 1]!)));
          for (const group of result.groups ?? []) expect(group.sent).toBe(sent(FROM, TO, group.key ?? ''));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('groups by touchpoint in journey order, silent steps included, then by n, then null', () => {
    const list: Answer[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ score: 9, at: FROM + i * 3_600_000, touchpoint: 'support' })),
      ...Array.from({ length: 3 }, (_, i) => ({ score: 2, at: FROM + i * 3_600_000, touchpoint: 'blog' })),
      { score: 7, at: FROM, touchpoint: 'landing' },
      { score: 4, at: FROM, touchpoint: '' },
    ];
    const request: ScoresRequest = {
      site: 's', kind: 'nps', surveys: ['v'], tz: 'UTC', calendar: 'gregory', edges: [FROM, TO],
      groupBy: 'touchpoint', journey: ['landing', 'checkout', 'support'],
    };
    const result = answer('nps', list, request);
    expect(result.groups!.map((g) => [g.key, g.n])).toEqual([['landing', 1], ['checkout', 0], ['support', 5], ['blog', 3], [null, 1]]);
    expect(result.groups!.find((g) => g.key === 'support')).toMatchObject(recount('nps', list.filter((a) => a.touchpoint === 'support')));
  });

  it(`keeps the ${MAX_GROUP_KEYS} largest groups and folds the rest into null, every answer still counted once`, () => {
    const list: Answer[] = Array.from({ length: MAX_GROUP_KEYS + 30 }, (_, i) =>
      Array.from({ length: 1 + (i % 4) }, (_, j) => ({ score: (i + j) % 11, at: FROM + j * 60_000, touchpoint: `t${i}` })),
    ).flat();
    const request: ScoresRequest = { site: 's', kind: 'nps', surveys: ['v'], tz: 'UTC', calendar: 'gregory', edges: [FROM, TO], previous: { from: 2 * FROM - TO, to: FROM }, groupBy: 'touchpoint' };
    const result = answer('nps', list, request);
    expect(result.groups).toHaveLength(MAX_GROUP_KEYS + 1);
    expect(result.groups!.at(-1)!.key).toBeNull();
    expect(result.groups!.reduce((n, g) => n + g.n, 0)).toBe(list.length);
    const kept = result.groups!.slice(0, -1).map((g) => g.n);
    expect(kept).toEqual([...kept].sort((a, b) => b - a));
    // The period before had no answers: every group's change is empty, not invented.
    expect(result.groups!.every((g) => (g as { change?: { score: null } }).change?.score === null)).toBe(true);
  });

  it('compares with the equally long period before, from the same rows', () => {
    const before = Array.from({ length: 40 }, (_, i) => ({ score: i % 2 ? 10 : 3, at: FROM - (i + 1) * 3_600_000, touchpoint: '' }));
    const now = Array.from({ length: 40 }, (_, i) => ({ score: i % 4 ? 10 : 3, at: FROM + (i + 1) * 3_600_000, touchpoint: '' }));
    const span = 2 * 86_400_000;
    const request: ScoresRequest = { site: 's', kind: 'nps', surveys: ['v'], tz: 'UTC', calendar: 'gregory', edges: [FROM, FROM + span], previous: { from: FROM - span, to: FROM } };
    const result = answer('nps', [...before, ...now], request);
    expect(result.previous_period).toEqual({ from: '2026-03-13T00:00:00Z', to: '2026-03-15T00:00:00Z' });
    expect(result.total.previous).toEqual(recount('nps', before));
    expect(result.total.change!.score).toBeCloseTo(recount('nps', now).score! - recount('nps', before).score!, 10);
  });
});

/** Half-hour and 45-minute zones, zones with daylight saving time (Lord Howe's is half an hour), and UTC. */
const ZONES = [
  'Asia/Tehran', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'Pacific/Chatham', 'America/St_Johns', 'Australia/Lord_Howe',
  'America/New_York', 'Europe/London', 'America/Santiago', 'UTC',
];
/** Days with a daylight saving change in some of ZONES, and one without. */
const BASES = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-11-01', '2026-06-15'].map((d) => Date.parse(`${d}T00:00:00Z`));
const QUARTER_MS = 900_000;

const visitors = fc.record({
  touchpoint: fc.constantFrom('', 'checkout', 'support'),
  locale: fc.constantFrom('', 'fa', 'en'),
  country: fc.constantFrom('', 'IR', 'AU'),
  device: fc.constantFrom('desktop', 'mobile'),
});

/** A query anywhere near a daylight saving change: both ends on any quarter hour, up to ten days apart. */
const zonedQuery = fc
  .record({
    tz: fc.constantFrom(...ZONES),
    base: fc.constantFrom(...BASES),
    startQuarter: fc.integer({ min: -96 * 3, max: 96 * 3 }),
    quarters: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 96 * 10 })),
    interval: fc.constantFrom(undefined, 'hour', 'day', 'week', 'month'),
    // Reasons are recounted from the real database (tests/worker/properties-zones.test.ts).
    groupBy: fc.constantFrom<Exclude<GroupBy, 'reason'> | undefined>(undefined, 'locale', 'country', 'device', 'touchpoint', 'channel'),
    compare: fc.boolean(),
    touchpoint: fc.constantFrom(undefined, 'checkout'),
  })
  .map((q) => ({ ...q, from: q.base + q.startQuarter * QUARTER_MS, to: q.base + (q.startQuarter + q.quarters) * QUARTER_MS }));

/** Answers and exposure counts over the query's period and the one before it, an hour past either end. */
const zonedTraffic = (from: number, to: number) => {
  const lo = (2 * from - to - 3_600_000) / 60_000;
  const hi = (to + 3_600_000) / 60_000;
  // Half of the times fall on a quarter hour, where slivers and rows meet.
  const at = fc.tuple(fc.integer({ min: lo, max: hi }), fc.boolean()).map(([m, onQuarter]) => (onQuarter ? Math.floor((m * 60_000) / QUARTER_MS) * QUARTER_MS : m * 60_000));
  return fc.record({
    answers: fc.array(fc.record({ score: fc.integer({ min: 0, max: 10 }), at, visitor: visitors }).map(({ score, at: t, visitor }) => ({ score, at: t, ...visitor })), { maxLength: 150 }),
    shown: fc.array(
      fc.record({ at: at.map((t) => Math.floor(t / QUARTER_MS) * QUARTER_MS), visitor: visitors, shown: fc.integer({ min: 1, max: 5 }), dismissed: fc.integer({ min: 0, max: 2 }) }).map(({ at: t, visitor, shown, dismissed }) => ({ at: t, ...visitor, shown, dismissed })),
      { maxLength: 40 },
    ),
  });
};

const keyOf = (item: Answer | Shown, by: Exclude<GroupBy, 'reason'>): string => (by === 'channel' ? 'web' : by === 'touchpoint' ? item.touchpoint : fieldOf(item, by));

describe('computeScores in every kind of zone', () => {
  it('gives every bucket, the total and every group (with the period before) the metrics of its own answers and exposure counts', () => {
    fc.assert(
      fc.property(zonedQuery.chain((q) => fc.tuple(fc.constant(q), zonedTraffic(q.from, q.to))), ([q, traffic]) => {
        const edges = q.interval ? bucketEdges(q.tz, q.interval, q.from, q.to, 10_000) : [q.from, q.to];
        const request: ScoresRequest = {
          site: 's', kind: 'nps', surveys: ['v'], tz: q.tz, interval: q.interval, calendar: 'gregory', edges, groupBy: q.groupBy, touchpoint: q.touchpoint,
          previous: q.compare ? { from: 2 * q.from - q.to, to: q.from } : undefined,
        };
        const result = answer('nps', traffic.answers, request, traffic.shown);
        const filtered = <T extends Answer | Shown>(list: T[], a: number, b: number) =>
          list.filter((x) => x.at >= a && x.at < b && (q.touchpoint === undefined || x.touchpoint === q.touchpoint));
        const period = (a: number, b: number) => ({ answers: filtered(traffic.answers, a, b), shown: filtered(traffic.shown, a, b) });
        const now = period(q.from, q.to);
        const before = period(2 * q.from - q.to, q.from);
        const where = `${q.tz} ${new Date(q.from).toISOString()} → ${new Date(q.to).toISOString()} ${q.interval ?? ''} ${q.groupBy ?? ''}`;

        const { previous: _p, change: _c, ...total } = result.total as typeof result.total & { previous?: unknown; change?: unknown };
        expect(total, where).toEqual(recount('nps', now.answers, now.shown));
        if (q.interval) {
          result.series!.forEach(({ start: _start, label: _label, ...bucket }, i) => {
            const inside = period(edges[i]!, edges[i + 1]!);
            expect(bucket, `${where} bucket ${i}`).toEqual(recount('nps', inside.answers, inside.shown));
          });
        }
        if (q.groupBy) {
          const by = q.groupBy;
          const keys = new Set([...now.answers, ...now.shown, ...(q.compare ? [...before.answers, ...before.shown] : [])].map((x) => keyOf(x, by)));
          const want = new Map([...keys].map((key) => {
            const of = <T extends Answer | Shown>(list: T[]) => list.filter((x) => keyOf(x, by) === key);
            const metricsNow = recount('nps', of(now.answers), of(now.shown));
            return [key === '' ? null : key, q.compare ? { ...metricsNow, previous: recount('nps', of(before.answers), of(before.shown)) } : metricsNow];
          }));
          const got = new Map(result.groups!.map(({ key, change: _change, ...m }) => [key, m]));
          expect(got, where).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000); // about a second alone; a shared runner needs longer
});
