/**
 * Which rollup rows answer a time range. Rows exist at three grains (UTC
 * days, hours, quarters); a bucket [a, b) in any zone is covered by the
 * coarsest rows that fit inside it, so a year of daily buckets in UTC reads
 * 365 day rows and in Asia/Tehran about 27 rows a day, whatever the volume.
 */
export const GRAINS = [86_400, 3_600, 900] as const;
export type Grain = (typeof GRAINS)[number];

/** Consecutive rows of one grain: starts in [lo, hi), Unix seconds. */
export interface Piece {
  grain: Grain;
  lo: number;
  hi: number;
}

/**
 * Cover [edges[0], edges[last]) with rows that never straddle an edge.
 * Edges are Unix seconds on 15-minute boundaries, ascending.
 */
export function planPieces(edges: readonly number[]): Piece[] {
  const pieces: Piece[] = [];
  const end = edges[edges.length - 1]!;
  let t = edges[0]!;
  let k = 1;
  while (t < end) {
    while (edges[k]! <= t) k++;
    const next = edges[k]!;
    const grain = GRAINS.find((g) => t % g === 0 && t + g <= next) ?? 900;
    const last = pieces[pieces.length - 1];
    if (last && last.grain === grain && last.hi === t) last.hi = t + grain;
    else pieces.push({ grain, lo: t, hi: t + grain });
    t += grain;
  }
  return pieces;
}

/** Index of the bucket [edges[i], edges[i + 1]) holding `t`, by binary search. */
export function bucketOf(edges: readonly number[], t: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
