/**
 * Which rollup rows answer a scores query, and which bucket each row counts
 * in. Total rows exist at three grains: UTC days, hours and quarter hours.
 * Two ways to cover buckets, and the plan that reads fewer rows wins:
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
 * Groups by a visitor field (locale, country, device) are sums over the whole
 * period, read from visitor rows, which are kept at days and hours only
 * (`planGroups`): the period between the hours nearest its ends, plus or
 * minus the stretch from each hour to its end, read from the answers
 * themselves. Each such sliver is at most half an hour long.
 *
 * Times here are Unix seconds on 15-minute boundaries.
 */
import { GRAIN, type Grain, ROLLUP_GRAINS, type RollupRange } from '../../shared/rollups';

const { day: DAY, hour: HOUR, quarter: QUARTER } = GRAIN;

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

/** A stretch under an hour whose answers are read from the answers themselves, counted `sign` times. */
export interface Sliver {
  lo: number;
  hi: number;
  sign: 1 | -1;
}

/** How a period's groups by a visitor field are read. */
export interface GroupPlan {
  /**
   * Visitor rows, all counted in bucket 0: days and hours between the hours
   * nearest the period's ends, and the quarter hours of each sliver (the
   * exposure counts, which have no answers to be recounted from).
   */
  terms: Term[];
  /** At most two, one per end of the period. */
  slivers: Sliver[];
}

/** The hour nearest `t` (the earlier one at half past). */
function nearestHour(t: number): number {
  const floor = t - (t % HOUR);
  return t - floor <= HOUR / 2 ? floor : floor + HOUR;
}

/** [from, to) as visitor rows of days and hours, and at most two slivers of at most half an hour. */
export function planGroups(from: number, to: number): GroupPlan {
  const a = nearestHour(from);
  const b = nearestHour(to);
  const terms = a < b ? planTerms([a, b]) : [];
  const slivers: Sliver[] = [];
  // The end's stretch from its hour is added when it lies after the hour, taken away before it; the start's the other way round.
  if (to !== b) slivers.push(to > b ? { lo: b, hi: to, sign: 1 } : { lo: to, hi: b, sign: -1 });
  if (from !== a) slivers.push(from > a ? { lo: a, hi: from, sign: -1 } : { lo: from, hi: a, sign: 1 });
  for (const s of slivers) terms.push({ grain: QUARTER, lo: s.lo, hi: s.hi, bucket: 0, sign: s.sign });
  return { terms, slivers };
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
