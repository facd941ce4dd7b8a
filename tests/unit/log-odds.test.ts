/**
 * The weighted log-odds ratio with an informative Dirichlet prior (Monroe,
 * Colaresi and Quinn 2008). Expected values were computed independently in
 * Python 3 (math.log, math.sqrt) from the paper's formulas written out with
 * the prior at a tenth of the comments, α_w = 0.1·(y_l + y_r), α_0 = 0.1·(n_l + n_r):
 *   ω_l = (y_l + α_w) / (n_l + α_0 − y_l − α_w), ω_r likewise,
 *   z = (ln ω_l − ln ω_r) / √(1/(y_l + α_w) + 1/(y_r + α_w)).
 * One by hand: y_l 30, y_r 5, n_l 2400, n_r 4000 → α_w 3.5, α_0 640,
 * ω_l = 33.5/3006.5, ω_r = 8.5/4631.5, δ = −4.4969 + 6.3004 = 1.8035,
 * σ² = 1/33.5 + 1/8.5 = 0.147498, σ = 0.384055, z = 4.696.
 */
import { describe, expect, it } from 'vitest';
import { logOddsZ, PRIOR_SHARE } from '../../shared/log-odds';

const totals = { low: 2400, rest: 4000 };

describe('logOddsZ', () => {
  it('takes the prior at a tenth of the comments', () => {
    expect(PRIOR_SHARE).toBe(0.1);
  });

  it.each([
    [30, 5, totals, 4.696166254935332],
    [10, 2, totals, 2.648228108695393],
    [3, 40, totals, -3.4733892341321804],
    [5, 0, { low: 50, rest: 950 }, 2.9657377002350334],
    [0, 5, { low: 50, rest: 950 }, -0.30729045594542226],
    [0, 65, { low: 800, rest: 2800 }, -3.449115976779591],
    [5, 0, { low: 800, rest: 2800 }, 2.304953333985921],
  ])('low %i, rest %i of %o → z %f', (low, rest, t, z) => {
    expect(logOddsZ({ low, rest }, t)).toBeCloseTo(z, 12);
  });

  it('is 0 when a term is used at the same rate on both sides', () => {
    expect(logOddsZ({ low: 12, rest: 20 }, totals)).toBeCloseTo(0, 12);
    expect(logOddsZ({ low: 7, rest: 7 }, { low: 70, rest: 70 })).toBeCloseTo(0, 12);
  });

  it('swapping the sides flips the sign', () => {
    expect(logOddsZ({ low: 5, rest: 30 }, { low: 4000, rest: 2400 })).toBeCloseTo(-4.696166254935332, 12);
  });

  it('does not crown rare words: 2 of 2 in the low band stays below 1.96 and below 30 of 35', () => {
    expect(logOddsZ({ low: 2, rest: 0 }, totals)).toBeCloseTo(1.2080654215385838, 12);
    expect(logOddsZ({ low: 2, rest: 0 }, totals)).toBeLessThan(logOddsZ({ low: 30, rest: 5 }, totals));
  });
});
