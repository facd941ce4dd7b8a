import { describe, expect, it } from 'vitest';
import { bucketEdges } from '../../shared/time';
import { bucketOf, planPieces } from '../../worker/scores/plan';

const sec = (iso: string) => Date.parse(iso) / 1000;

/** Every rollup row start a plan reads, expanded. */
function rowsOf(pieces: ReturnType<typeof planPieces>): { grain: number; start: number }[] {
  return pieces.flatMap((p) => Array.from({ length: (p.hi - p.lo) / p.grain }, (_, i) => ({ grain: p.grain, start: p.lo + i * p.grain })));
}

describe('planPieces', () => {
  it('reads one day row per UTC day', () => {
    const pieces = planPieces([sec('2026-01-01T00:00:00Z'), sec('2026-12-31T00:00:00Z'), sec('2027-01-01T00:00:00Z')]);
    expect(pieces).toEqual([{ grain: 86_400, lo: sec('2026-01-01T00:00:00Z'), hi: sec('2027-01-01T00:00:00Z') }]);
  });

  it('uses hours and quarters around a +03:30 midnight, never straddling an edge', () => {
    const edges = [sec('2026-10-31T20:30:00Z'), sec('2026-11-01T20:30:00Z'), sec('2026-11-02T20:30:00Z')];
    const rows = rowsOf(planPieces(edges));
    // Per local day: 2 quarters to 21:00, 3 hours to midnight, 20 hours, 2 quarters = 27 rows.
    expect(rows.length).toBe(27 + 27 - 0);
    for (const row of rows) {
      const bucket = bucketOf(edges, row.start);
      expect(row.start + row.grain).toBeLessThanOrEqual(edges[bucket + 1]!);
      expect(row.start).toBeGreaterThanOrEqual(edges[bucket]!);
    }
    // The rows tile the range exactly: no gap, no overlap.
    const covered = rows.reduce((s, r) => s + r.grain, 0);
    expect(covered).toBe(edges[2]! - edges[0]!);
  });

  it('tiles a year of Kathmandu days exactly', () => {
    const edges = bucketEdges('Asia/Kathmandu', 'day', Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'), 10_000).map((ms) => ms / 1000);
    const rows = rowsOf(planPieces(edges)).sort((a, b) => a.start - b.start);
    let t = edges[0]!;
    for (const row of rows) {
      expect(row.start).toBe(t);
      t += row.grain;
    }
    expect(t).toBe(edges[edges.length - 1]);
  });
});

describe('bucketOf', () => {
  it('finds the bucket holding a time', () => {
    const edges = [0, 10, 20, 30];
    expect([0, 9, 10, 19, 20, 29].map((t) => bucketOf(edges, t))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
