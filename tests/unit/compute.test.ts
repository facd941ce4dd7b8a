/**
 * The scores computation as the pure function it is: rollup rows in, the
 * answer out. Rows are made here the way the database sums them (per grain,
 * bucket start and the one key kept apart), from answers generated in Node,
 * and every bucket, total and group must equal the shared metrics over the
 * answers that fall in it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Kind, scaleScores } from '../../shared/kinds';
import { MAX_GROUP_KEYS } from '../../shared/limits';
import { emptyHistogram, metrics } from '../../shared/metrics';
import { ROLLUP_GRAINS } from '../../shared/rollups';
import { bucketEdges } from '../../shared/time';
import type { LinkMintRead, LinkMintRow } from '../../worker/db/link-mints';
import type { RollupRead, RollupRow } from '../../worker/db/rollups';
import { computeScores, planScores, type ScoresRequest } from '../../worker/scores/compute';

interface Answer {
  score: number;
  /** Unix ms. */
  at: number;
  touchpoint: string;
}

/** The rows one read returns: answers summed per grain, start and kept key, within the read's ranges. */
function rowsFor(read: RollupRead, answers: Answer[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const grain of ROLLUP_GRAINS) {
    for (const a of answers) {
      const seconds = Math.floor(a.at / 1000);
      const start = seconds - (seconds % grain);
      if (!read.ranges.some((r) => r.grain === grain && start >= r.lo && start < r.hi)) continue;
      if (read.touchpoint !== undefined && a.touchpoint !== read.touchpoint) continue;
      const touchpoint = read.apart === 'touchpoint' ? a.touchpoint : '';
      const key = `${grain}:${start}:${touchpoint}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { grain, start, touchpoint, channel: '', value: '', hist: emptyHistogram(), webAnswers: 0, shown: 0, dismissed: 0 }));
      row.hist[a.score]!++;
      row.webAnswers++;
    }
  }
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

function answer(kind: Kind, answers: Answer[], request: ScoresRequest) {
  const plan = planScores(request);
  return computeScores(request, plan, plan.reads.map((read) => rowsFor(read, answers)));
}

const recount = (kind: Kind, list: Answer[]) => {
  const hist = emptyHistogram();
  for (const a of list) hist[a.score]!++;
  return metrics(kind, hist, { shown: 0, dismissed: 0 });
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
          const result = computeScores(request, plan, plan.reads.map(() => []), plan.mints.map((read) => mintRowsFor(read, list)));
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
