/**
 * The metric math of docs/contract.md §4, as pure functions over score
 * histograms. A histogram is sufficient for every metric here, intervals
 * included, which is why rollups can replace raw rows.
 *
 * Histograms are indexed by score value: `hist[s]` counts answers with score s
 * (slots 0..10; CSAT uses 1..5, CES 1..7). Numbers are never rounded.
 */
import { HISTOGRAM_SLOTS, type Kind, SCALES } from './kinds';
import { studentT, Z95 } from './stats';
import { type Channel, isLinkChannel } from './schemas/channel';
import type { CesMetrics, CsatMetrics, Metrics, NpsMetrics, ResponseRateBasis } from './schemas/scores';

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(HISTOGRAM_SLOTS).fill(0);
}

/** How many answers scored from `from` to `to`, inclusive. */
export function sumRange(hist: Histogram, from: number, to: number): number {
  let total = 0;
  for (let s = from; s <= to; s++) total += hist[s] ?? 0;
  return total;
}

/** The kind's own slice of a histogram: distribution[0] is the scale's lowest score. */
export function distribution(kind: Kind, hist: Histogram): number[] {
  const { min, max } = SCALES[kind];
  return Array.from({ length: max - min + 1 }, (_, i) => hist[min + i] ?? 0);
}

/**
 * NPS with the adjusted-Wald interval of Rocks (2016): add 3 pseudo-answers
 * (0.75 promoter, 0.75 detractor, 1.5 passive) and use the multinomial variance.
 */
export function nps(hist: Histogram): NpsMetrics {
  const { min, max, lowMax, highMin } = SCALES.nps;
  const promoters = sumRange(hist, highMin, max);
  const passives = sumRange(hist, lowMax + 1, highMin - 1);
  const detractors = sumRange(hist, min, lowMax);
  const n = promoters + passives + detractors;
  let score: number | null = null;
  let ci95: [number, number] | null = null;
  if (n > 0) {
    score = (100 * (promoters - detractors)) / n;
    const nAdj = n + 3;
    const p = (promoters + 0.75) / nAdj;
    const d = (detractors + 0.75) / nAdj;
    const c = p - d;
    const se = Math.sqrt((p + d - c * c) / nAdj);
    ci95 = [100 * Math.max(-1, c - Z95 * se), 100 * Math.min(1, c + Z95 * se)];
  }
  return { n, score, ci95, promoters, passives, detractors, distribution: distribution('nps', hist) };
}

/** Wilson score interval for k successes out of n, z = 1.96. */
export function wilson(k: number, n: number): [number, number] {
  const z2 = Z95 * Z95;
  const p = k / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function mean(kind: Kind, hist: Histogram, n: number): number | null {
  if (n === 0) return null;
  const { min, max } = SCALES[kind];
  let total = 0;
  for (let s = min; s <= max; s++) total += s * (hist[s] ?? 0);
  return total / n;
}

/** CSAT: share of 4–5 answers, as a percentage, with a Wilson interval. */
export function csat(hist: Histogram): CsatMetrics {
  const { min, max, highMin } = SCALES.csat;
  const n = sumRange(hist, min, max);
  const satisfied = sumRange(hist, highMin, max);
  const ci = n > 0 ? wilson(satisfied, n) : null;
  return {
    n,
    score: n > 0 ? (100 * satisfied) / n : null,
    ci95: ci ? [100 * ci[0], 100 * ci[1]] : null,
    satisfied,
    mean: mean('csat', hist, n),
    distribution: distribution('csat', hist),
  };
}

/** Count, mean and sample variance (n − 1 in the denominator) of a histogram's scores on a kind's scale. */
export function moments(kind: Kind, hist: Histogram): { n: number; mean: number | null; variance: number } {
  const { min, max } = SCALES[kind];
  const n = sumRange(hist, min, max);
  const avg = mean(kind, hist, n);
  if (avg === null || n < 2) return { n, mean: avg, variance: 0 };
  let squares = 0;
  for (let s = min; s <= max; s++) squares += (hist[s] ?? 0) * (s - avg) ** 2;
  return { n, mean: avg, variance: squares / (n - 1) };
}

/** CES: the mean of 1–7 with a Student-t interval, clipped to the scale. */
export function ces(hist: Histogram): CesMetrics {
  const { min, max, highMin } = SCALES.ces;
  const { n, mean: avg, variance } = moments('ces', hist);
  let ci95: [number, number] | null = null;
  if (avg !== null && n >= 2) {
    const half = (studentT(0.975, n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
    ci95 = [Math.max(min, avg - half), Math.min(max, avg + half)];
  }
  return { n, score: avg, ci95, mean: avg, agree: sumRange(hist, highMin, max), distribution: distribution('ces', hist) };
}

export interface Exposure {
  shown: number;
  dismissed: number;
}

/** Each kind's metrics: a new kind without its own is a compile error, never computed as another. */
const KIND_METRICS: Record<Kind, (hist: Histogram) => NpsMetrics | CsatMetrics | CesMetrics> = { nps, csat, ces };

/** The kind's score, interval and counts of a histogram (no exposure: comment themes have none). */
export function kindMetrics(kind: Kind, hist: Histogram): NpsMetrics | CsatMetrics | CesMetrics {
  return KIND_METRICS[kind](hist);
}

/**
 * What a response rate divides (docs/contract.md §17). On the `shown` basis,
 * web answers over `shown` events: only the widget shows a survey, so answers
 * from links are left out of the rate (not of n). On the `sent` basis (a
 * query of one link channel), that channel's answers over the links minted;
 * `sent` is null where links say nothing of the group (a locale, a country,
 * a device: none of them is known when a link is minted).
 */
export type RateCounts = { basis: 'shown'; answers: number } | { basis: 'sent'; answers: number; sent: number | null };

/** `sent` when the query filters one link channel, otherwise `shown`. */
export function responseRateBasis(channel: Channel | undefined): ResponseRateBasis {
  return isLinkChannel(channel) ? 'sent' : 'shown';
}

/**
 * Every field a total, bucket or group carries, for one kind. Without
 * `rate`, every answer counts over `shown` (a store of widget answers only).
 */
export function metrics(kind: Kind, hist: Histogram, exposure: Exposure, rate?: RateCounts): Metrics {
  const base = kindMetrics(kind, hist);
  const counts = rate ?? { basis: 'shown', answers: base.n };
  const asked = counts.basis === 'sent' ? (counts.sent ?? 0) : exposure.shown;
  return {
    ...base,
    shown: exposure.shown,
    dismissed: exposure.dismissed,
    ...(counts.basis === 'sent' && counts.sent !== null ? { sent: counts.sent } : {}),
    response_rate: asked > 0 ? counts.answers / asked : null,
  };
}
