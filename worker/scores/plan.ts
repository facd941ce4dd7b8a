/**
 * Which rollup rows answer a scores query, and which bucket each row counts
 * in. Rows exist at three grains: UTC days, hours and quarter hours. Two ways
 * to cover buckets, and the plan that reads fewer rows wins:
 *
 * - direct: each bucket tiled by the coarsest rows that fit inside it (a UTC
 *   day is one row; an hour bucket one row);
 * - anchored: each bucket edge is tied to the UTC midnight just before or
 *   after it, whichever is fewer rows away. A bucket is then the day rows
 *   between its two anchors, plus the stretch from its end's anchor to its
 *   end, minus the same for its start. Rollups are sums, so subtracting is
 *   exact, and the stretch at an edge is shared by the two buckets around it:
 *   a local day in Asia/Tehran costs one day row and five rows at its edge
 *   (20:30–24:00 UTC), instead of 27 rows tiled directly.
 *
 * Times here are Unix seconds on 15-minute boundaries.
 */
import { type Grain, ROLLUP_GRAINS, type RollupRange } from '../../shared/rollups';

const DAY = 86_400;
const FINEST: Grain = ROLLUP_GRAINS[ROLLUP_GRAINS.length - 1]!;

/** Consecutive rows of one grain: starts in [lo, hi). */
export type Piece = RollupRange;

/** Rows of a piece, counted `sign` times into bucket `bucket`. */
export interface Term extends Piece {
  bucket: number;
  sign: 1 | -1;
}

/** [a, b) in the coarsest rows that fit, none straddling a or b. */
export function tile(a: number, b: number): Piece[] {
  const pieces: Piece[] = [];
  for (let t = a; t < b; ) {
    const grain = ROLLUP_GRAINS.find((g) => t % g === 0 && t + g <= b) ?? FINEST;
    const last = pieces[pieces.length - 1];
    if (last && last.grain === grain && last.hi === t) last.hi = t + grain;
    else pieces.push({ grain, lo: t, hi: t + grain });
    t += grain;
  }
  return pieces;
}

const rowsIn = (pieces: readonly Piece[]) => pieces.reduce((n, p) => n + (p.hi - p.lo) / p.grain, 0);

function terms(pieces: readonly Piece[], bucket: number, sign: 1 | -1): Term[] {
  return pieces.map((p) => ({ ...p, bucket, sign }));
}

function directTerms(edges: readonly number[]): Term[] {
  return edges.slice(1).flatMap((end, i) => terms(tile(edges[i]!, end), i, 1));
}

interface Anchor {
  /** A UTC midnight. */
  at: number;
  /** The stretch between the anchor and the edge, and whether it is added (edge after anchor) or taken away. */
  stretch: Piece[];
  sign: 1 | -1;
}

function anchor(edge: number): Anchor {
  const floor = edge - (edge % DAY);
  if (floor === edge) return { at: edge, stretch: [], sign: 1 };
  const before = tile(floor, edge);
  const after = tile(edge, floor + DAY);
  return rowsIn(after) < rowsIn(before) ? { at: floor + DAY, stretch: after, sign: -1 } : { at: floor, stretch: before, sign: 1 };
}

function anchoredTerms(edges: readonly number[]): Term[] {
  const anchors = edges.map(anchor);
  return anchors.slice(1).flatMap((end, i) => {
    const start = anchors[i]!;
    const days: Term[] =
      end.at > start.at
        ? terms([{ grain: DAY, lo: start.at, hi: end.at }], i, 1)
        : end.at < start.at
          ? terms([{ grain: DAY, lo: end.at, hi: start.at }], i, -1)
          : [];
    return [...days, ...terms(end.stretch, i, end.sign), ...terms(start.stretch, i, start.sign === 1 ? -1 : 1)];
  });
}

/** The distinct rows a plan reads, as merged ranges per grain (what the query asks D1 for). */
export function rangesOf(plan: readonly Piece[]): Piece[] {
  const ranges: Piece[] = [];
  for (const grain of ROLLUP_GRAINS) {
    const sorted = plan.filter((p) => p.grain === grain).sort((x, y) => x.lo - y.lo);
    let current: Piece | null = null;
    for (const p of sorted) {
      if (current && p.lo <= current.hi) current.hi = Math.max(current.hi, p.hi);
      else ranges.push((current = { grain, lo: p.lo, hi: p.hi }));
    }
  }
  return ranges;
}

/** Buckets [edges[i], edges[i + 1]) as signed terms, by the plan that reads fewer rows. */
export function planTerms(edges: readonly number[]): Term[] {
  const direct = directTerms(edges);
  const anchored = anchoredTerms(edges);
  return rowsIn(rangesOf(anchored)) < rowsIn(rangesOf(direct)) ? anchored : direct;
}

/** For each row a plan reads, the (bucket, sign) pairs it counts in. */
export class Attribution {
  private readonly byRow = new Map<string, [bucket: number, sign: number][]>();

  constructor(plan: readonly Term[]) {
    for (const term of plan) {
      for (let start = term.lo; start < term.hi; start += term.grain) {
        const key = `${term.grain}:${start}`;
        const list = this.byRow.get(key);
        if (list) list.push([term.bucket, term.sign]);
        else this.byRow.set(key, [[term.bucket, term.sign]]);
      }
    }
  }

  of(grain: number, start: number): readonly [bucket: number, sign: number][] {
    return this.byRow.get(`${grain}:${start}`) ?? [];
  }
}
