/**
 * The weighted log-odds ratio with an informative Dirichlet prior (Monroe,
 * Colaresi and Quinn 2008). Expected values were computed independently in
 * Python 3 (math.log, math.sqrt) from the paper's formulas written out with
 * the prior α_w = y_l + y_r, α_0 = n_l + n_r:
 *   ω_l = (y_l + α_w) / (n_l + α_0 − y_l − α_w), ω_r likewise,
 *   z = (ln ω_l − ln ω_r) / √(1/(y_l + α_w) + 1/(y_r + α_w)).
 * One by hand: y_l 30, y_r 5, n_l 2400, n_r 4000 → α_w 35, α_0 6400,
 * ω_l = 65/8735, ω_r = 40/10360, δ = −4.90084 + 5.55668 = 0.65584,
 * σ² = 1/65 + 1/40 = 0.040385, z = 0.65584/0.200960 = 3.2635 (3.26495 unrounded).
 */
import { describe, expect, it } from 'vitest';
import { logOddsZ } from '../../shared/log-odds';

const totals = { low: 2400, rest: 4000 };

describe('logOddsZ', () => {
  it.each([
    [30, 5, totals, 3.2649512168463226],
    [10, 2, totals, 1.8140638255979096],
    [3, 40, totals, -2.3171172493884877],
    [5, 0, { low: 50, rest: 950 }, 2.4084975621341496],
    [0, 5, { low: 50, rest: 950 }, -0.13597412025664152],
  ])('low %i, rest %i of %o → z %f', (low, rest, t, z) => {
    expect(logOddsZ({ low, rest }, t)).toBeCloseTo(z, 12);
  });

  it('is 0 when a term is used at the same rate on both sides', () => {
    expect(logOddsZ({ low: 12, rest: 20 }, totals)).toBeCloseTo(0, 12);
    expect(logOddsZ({ low: 7, rest: 7 }, { low: 70, rest: 70 })).toBeCloseTo(0, 12);
  });

  it('swapping the sides flips the sign', () => {
    expect(logOddsZ({ low: 5, rest: 30 }, { low: 4000, rest: 2400 })).toBeCloseTo(-3.2649512168463226, 12);
  });

  it('does not crown rare words: 2 of 2 in the low band ranks below 30 of 35', () => {
    expect(logOddsZ({ low: 2, rest: 0 }, totals)).toBeLessThan(logOddsZ({ low: 30, rest: 5 }, totals));
    expect(logOddsZ({ low: 2, rest: 0 }, totals)).toBeLessThan(1.96);
  });
});
