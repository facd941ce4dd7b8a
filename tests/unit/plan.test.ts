import { describe, expect, it } from 'vitest';
import { bucketEdges, type CalendarInterval } from '../../shared/time';
import fc from 'fast-check';
import { planGroups, planTerms, rangesOf, tile, type Term } from '../../worker/scores/plan';

const sec = (iso: string) => Date.parse(iso) / 1000;
const rows = (pieces: { grain: number; lo: number; hi: number }[]) => pieces.reduce((n, p) => n + (p.hi - p.lo) / p.grain, 0);

function edgesOf(tz: string, interval: CalendarInterval | null, from: string, to: string): number[] {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return (interval ? bucketEdges(tz, interval, a, b, 10_000) : [a, b]).map((ms) => ms / 1000);
}

/**
 * The plan's signed rows, spread over quarter hours, must count every quarter
 * of [from, to) exactly once, in its own bucket, and nothing else.
 */
function expectExact(edges: number[], plan: Term[]): void {
  const weights = new Map<string, number>();
  for (const term of plan) {
    for (let q = term.lo; q < term.hi; q += 900) {
      const key = `${term.bucket}:${q}`;
      weights.set(key, (weights.get(key) ?? 0) + term.sign);
    }
  }
  for (let b = 0; b + 1 < edges.length; b++) {
    for (let q = edges[b]!; q < edges[b + 1]!; q += 900) {
      const key = `${b}:${q}`;
      if (weights.get(key) !== 1) throw new Error(`quarter ${new Date(q * 1000).toISOString()} counts ${weights.get(key) ?? 0} times in bucket ${b}`);
      weights.delete(key);
    }
  }
  const stray = [...weights].filter(([, w]) => w !== 0);
  expect(stray, 'quarters counted outside their bucket').toEqual([]);
}

describe('tile', () => {
  it('uses the coarsest rows that fit', () => {
    expect(tile(sec('2026-01-01T20:30:00Z'), sec('2026-01-03T02:15:00Z'))).toEqual([
      { grain: 900, lo: sec('2026-01-01T20:30:00Z'), hi: sec('2026-01-01T21:00:00Z') },
      { grain: 3600, lo: sec('2026-01-01T21:00:00Z'), hi: sec('2026-01-02T00:00:00Z') },
      { grain: 86_400, lo: sec('2026-01-02T00:00:00Z'), hi: sec('2026-01-03T00:00:00Z') },
      { grain: 3600, lo: sec('2026-01-03T00:00:00Z'), hi: sec('2026-01-03T02:00:00Z') },
      { grain: 900, lo: sec('2026-01-03T02:00:00Z'), hi: sec('2026-01-03T02:15:00Z') },
    ]);
  });
});

describe('planTerms', () => {
  const cases: [string, CalendarInterval | null, string, string][] = [
    ['UTC', 'day', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['UTC', null, '2026-03-10T12:15:00Z', '2026-03-10T12:45:00Z'],
    ['Asia/Tehran', 'day', '2025-12-31T20:30:00Z', '2026-12-31T20:30:00Z'],
    ['Asia/Tehran', 'hour', '2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z'],
    ['Asia/Kolkata', 'week', '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z'],
    ['Asia/Kathmandu', 'month', '2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
    ['America/New_York', 'day', '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z'],
    ['America/New_York', 'hour', '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z'],
    ['America/Santiago', 'day', '2026-08-30T00:00:00Z', '2026-09-20T00:00:00Z'],
    ['Australia/Lord_Howe', 'day', '2026-03-30T00:00:00Z', '2026-04-10T00:00:00Z'],
    ['Asia/Tehran', null, '2026-11-01T07:45:00Z', '2026-11-27T13:30:00Z'],
  ];
  for (const [tz, interval, from, to] of cases) {
    it(`counts every quarter once, in its bucket: ${tz} ${interval ?? 'total'} ${from} → ${to}`, () => {
      const edges = edgesOf(tz, interval, from, to);
      expectExact(edges, planTerms(edges));
    });
  }

  it('a year of UTC days reads 365 day rows', () => {
    const plan = planTerms(edgesOf('UTC', 'day', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    expect(rangesOf(plan)).toEqual([{ grain: 86_400, lo: sec('2026-01-01T00:00:00Z'), hi: sec('2027-01-01T00:00:00Z') }]);
  });

  it('a year of Tehran days reads a day row and five edge rows per day, not 27', () => {
    const plan = planTerms(edgesOf('Asia/Tehran', 'day', '2025-12-31T20:30:00Z', '2026-12-31T20:30:00Z'));
    // 365 days + 366 edges × (2 quarters 20:30–21:00 and 3 hours 21:00–24:00 UTC).
    expect(rows(rangesOf(plan))).toBe(365 + 366 * 5);
  });

  it('a year of New York days reads 6 rows a day, and hours stay one row each', () => {
    const days = planTerms(edgesOf('America/New_York', 'day', '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z'));
    expect(rows(rangesOf(days))).toBeLessThanOrEqual(366 + 366 * 5);
    const hours = planTerms(edgesOf('America/New_York', 'hour', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'));
    expect(rows(rangesOf(hours))).toBe(25);
  });
});

describe('planGroups', () => {
  it('covers any period of quarter hours exactly with day and hour rows and at most two slivers of at most half an hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 96 * 400 }), fc.integer({ min: 1, max: 96 * 10 }), (startQuarter, quarters) => {
        const from = sec('2026-01-01T00:00:00Z') + startQuarter * 900;
        const to = from + quarters * 900;
        const { terms, slivers } = planGroups(from, to);
        expect(slivers.length).toBeLessThanOrEqual(2);
        for (const s of slivers) {
          expect(s.hi - s.lo).toBeGreaterThan(0);
          expect(s.hi - s.lo).toBeLessThanOrEqual(1800);
        }
        // Rows of answers are days and hours; quarter rows are read only over the slivers, for their exposure counts.
        const rowsOfAnswers = terms.filter((t) => t.grain !== 900);
        const exposureOnly = terms.filter((t) => t.grain === 900);
        expect(exposureOnly.map(({ lo, hi, sign }) => ({ lo, hi, sign }))).toEqual(slivers);
        // Answers: rows and slivers together count every quarter of [from, to) once and nothing else.
        expectExact([from, to], [...rowsOfAnswers, ...slivers.map((s) => ({ grain: 900 as const, lo: s.lo, hi: s.hi, bucket: 0, sign: s.sign }))]);
      }),
      { numRuns: 400 },
    );
  });

  it('a Tehran year reads one sliver of half an hour at each end', () => {
    const { slivers } = planGroups(sec('2025-12-31T20:30:00Z'), sec('2026-12-31T20:30:00Z'));
    expect(slivers).toEqual([
      { lo: sec('2026-12-31T20:00:00Z'), hi: sec('2026-12-31T20:30:00Z'), sign: 1 },
      { lo: sec('2025-12-31T20:00:00Z'), hi: sec('2025-12-31T20:30:00Z'), sign: -1 },
    ]);
  });

  it('a Kathmandu day (18:15 UTC) reads 15 minutes at each end', () => {
    const { slivers } = planGroups(sec('2026-03-01T18:15:00Z'), sec('2026-03-02T18:15:00Z'));
    expect(slivers.map((s) => (s.hi - s.lo) / 60)).toEqual([15, 15]);
  });
});
