/**
 * Which terms one group of comments uses more than another: the weighted
 * log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and
 * Quinn (2008), "Fightin' Words", Political Analysis 16(4), 372–403.
 *
 * For a term w, y_l and y_r count it in the low band and in the rest; n_l
 * and n_r are the groups' totals over every term. The prior's pseudo-counts
 * are the term's count over all comments, α_w = y_l + y_r, so α_0 = n_l + n_r:
 *
 *   δ_w = ln((y_l + α_w) / (n_l + α_0 − y_l − α_w)) − ln((y_r + α_w) / (n_r + α_0 − y_r − α_w))
 *   σ²_w ≈ 1 / (y_l + α_w) + 1 / (y_r + α_w)
 *   z_w = δ_w / σ_w
 *
 * The prior pulls rare terms towards no difference: a word seen twice, both
 * times in low comments, does not outrank one seen forty times, thirty of
 * them low. z ≥ 1.96 reads "more in the low band, at the 95% level".
 */

export interface TermCounts {
  /** In the low band. */
  low: number;
  /** In the rest. */
  rest: number;
}

/** z of a term given its counts and the groups' totals over every term. */
export function logOddsZ(term: TermCounts, totals: TermCounts): number {
  const alpha = term.low + term.rest;
  const alpha0 = totals.low + totals.rest;
  const odds = (y: number, n: number) => Math.log((y + alpha) / (n + alpha0 - y - alpha));
  const delta = odds(term.low, totals.low) - odds(term.rest, totals.rest);
  const variance = 1 / (term.low + alpha) + 1 / (term.rest + alpha);
  return delta / Math.sqrt(variance);
}
