/**
 * The few distribution functions the metrics need, from stdlib (a well-kept
 * numerical library) rather than hand-rolled approximations.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** z for a two-sided 95% interval, as the contract writes it. */
export const Z95 = 1.96;

/** Quantile p of Student's t with `df` degrees of freedom. */
export function studentT(p: number, df: number): number {
  return tQuantile(p, df);
}

/** Two-sided p-value of a t statistic. */
export function tTwoSided(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** Two-sided p-value of a z statistic. */
export function zTwoSided(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}
