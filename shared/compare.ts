/**
 * Is a change between two periods real or noise? Two-sided tests over the
 * same histograms the metrics use (docs/numbers.md, "Comparing periods"):
 *
 * - NPS: z = (NPS₁ − NPS₂) / √(V₁ + V₂), with each V the multinomial variance
 *   of a difference of proportions, (p + d − (p − d)²) / n.
 * - CSAT: the pooled two-proportion z-test on satisfied / n.
 * - CES: Welch's unequal-variance t-test on the means, Welch–Satterthwaite df.
 *
 * p_value is null when a side is empty or the variance is zero (the test is
 * undefined there), and for NPS and CSAT when a period has fewer than
 * MIN_TEST_N answers: their z-tests rest on a normal approximation that a
 * handful of answers does not support (two answers against one would read
 * "p < 0.001"). Pretending otherwise would mislead.
 */
import { type Kind, SCALES } from './kinds';
import { type Histogram, moments, sumRange } from './metrics';
import type { Change } from './schemas/scores';
import { tTwoSided, zTwoSided } from './stats';
import { MIN_TEST_N } from './limits';

export { MIN_TEST_N };

function npsParts(hist: Histogram): { n: number; c: number; variance: number } {
  const { min, max, lowMax, highMin } = SCALES.nps;
  const n = sumRange(hist, min, max);
  const p = sumRange(hist, highMin, max) / n;
  const d = sumRange(hist, min, lowMax) / n;
  return { n, c: p - d, variance: (p + d - (p - d) ** 2) / n };
}

export function npsChange(current: Histogram, previous: Histogram): Change {
  const a = npsParts(current);
  const b = npsParts(previous);
  if (a.n === 0 || b.n === 0) return { score: null, p_value: null, method: 'nps-multinomial-z' };
  const se = Math.sqrt(a.variance + b.variance);
  return {
    score: 100 * (a.c - b.c),
    p_value: se > 0 && a.n >= MIN_TEST_N && b.n >= MIN_TEST_N ? zTwoSided((a.c - b.c) / se) : null,
    method: 'nps-multinomial-z',
  };
}

export function csatChange(current: Histogram, previous: Histogram): Change {
  const { min, max, highMin } = SCALES.csat;
  const n1 = sumRange(current, min, max);
  const n2 = sumRange(previous, min, max);
  if (n1 === 0 || n2 === 0) return { score: null, p_value: null, method: 'two-proportion-z' };
  const x1 = sumRange(current, highMin, max);
  const x2 = sumRange(previous, highMin, max);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const diff = x1 / n1 - x2 / n2;
  const testable = se > 0 && n1 >= MIN_TEST_N && n2 >= MIN_TEST_N;
  return { score: 100 * diff, p_value: testable ? zTwoSided(diff / se) : null, method: 'two-proportion-z' };
}

export function cesChange(current: Histogram, previous: Histogram): Change {
  const a = moments('ces', current);
  const b = moments('ces', previous);
  if (a.mean === null || b.mean === null) return { score: null, p_value: null, method: 'welch-t' };
  const diff = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (a.n < 2 || b.n < 2 || va + vb === 0) return { score: diff, p_value: null, method: 'welch-t' };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return { score: diff, p_value: tTwoSided(diff / Math.sqrt(va + vb), df), method: 'welch-t' };
}

/** Each kind's test: a new kind without its own is a compile error, never tested as another. */
const KIND_CHANGE: Record<Kind, (current: Histogram, previous: Histogram) => Change> = { nps: npsChange, csat: csatChange, ces: cesChange };

export function change(kind: Kind, current: Histogram, previous: Histogram): Change {
  return KIND_CHANGE[kind](current, previous);
}
