/**
 * Scores over rollups: plan the rows, read them in one query per period, add
 * them (with their signs) into buckets and groups, hand the histograms to the
 * shared metrics.
 * Cost grows with buckets × groups, never with the number of responses.
 */
import { change } from '../../shared/compare';
import type { Kind } from '../../shared/kinds';
import { emptyHistogram, type Histogram, metrics } from '../../shared/metrics';
import type { GroupBy, Interval, ScoresResult } from '../../shared/schemas/scores';
import { isoUtc } from '../../shared/time';
import { Attribution, planTerms, rangesOf, type Term } from './plan';
import { type RollupRow, rollupQuery, toRollupRows } from './read';

export interface ScoresRequest {
  site: string;
  kind: Kind;
  /** The one survey asked for, if any. */
  survey?: string;
  /** Surveys whose rollups count. */
  surveys: string[];
  tz: string;
  interval?: Interval;
  /** Bucket edges in ms: [from, …, to]. */
  edges: number[];
  touchpoint?: string;
  groupBy?: GroupBy;
  compare: boolean;
}

class Tally {
  hist: Histogram = emptyHistogram();
  shown = 0;
  dismissed = 0;
  /** Add a row `weight` times (plans may add a row to one bucket and take it from the next). */
  add(row: RollupRow, weight: number): void {
    for (let s = 0; s < row.hist.length; s++) this.hist[s]! += weight * row.hist[s]!;
    this.shown += weight * row.shown;
    this.dismissed += weight * row.dismissed;
  }
}

interface Tallies {
  total: Tally;
  buckets: Tally[];
  groups: Map<string, Tally>;
}

function tallyRows(rows: RollupRow[], plan: Term[], buckets: number, groupBy: GroupBy | undefined): Tallies {
  const attribution = new Attribution(plan);
  const tallies: Tallies = { total: new Tally(), buckets: Array.from({ length: buckets }, () => new Tally()), groups: new Map() };
  for (const row of rows) {
    let weight = 0;
    for (const [bucket, sign] of attribution.of(row.grain, row.start)) {
      tallies.buckets[bucket]!.add(row, sign);
      weight += sign;
    }
    // A row added to one bucket and taken from the next does not count in the whole range.
    if (weight === 0) continue;
    tallies.total.add(row, weight);
    if (groupBy) {
      const key = groupBy === 'touchpoint' ? row.touchpoint : row.value;
      let group = tallies.groups.get(key);
      if (!group) tallies.groups.set(key, (group = new Tally()));
      group.add(row, weight);
    }
  }
  return tallies;
}

export interface ScoresAnswer {
  result: ScoresResult;
  /** D1's `rows_read` summed over the queries: the cost of this answer. */
  rowsRead: number;
}

export async function computeScores(db: D1Database, req: ScoresRequest): Promise<ScoresAnswer> {
  const from = req.edges[0]!;
  const to = req.edges[req.edges.length - 1]!;
  const plan = planTerms(req.edges.map((ms) => ms / 1000));
  const previousPlan = planTerms([2 * from - to, from].map((ms) => ms / 1000));
  // Every response and event lands in exactly one row per dimension, so the
  // rows of the grouped dimension also sum to the total and the series.
  const dim = req.groupBy === undefined || req.groupBy === 'touchpoint' ? '' : req.groupBy;
  const read = (terms: Term[]) => rollupQuery(db, { surveys: req.surveys, dim, touchpoint: req.touchpoint, ranges: rangesOf(terms) });
  const statements = [read(plan)];
  if (req.compare) statements.push(read(previousPlan));
  const answers = req.surveys.length === 0 ? [] : await db.batch<Record<string, number | string>>(statements);
  const rowsRead = answers.reduce((sum, a) => sum + (a.meta.rows_read ?? 0), 0);

  const current = tallyRows(toRollupRows(answers[0]?.results ?? []), plan, req.edges.length - 1, req.groupBy);
  const previous = req.compare ? tallyRows(toRollupRows(answers[1]?.results ?? []), previousPlan, 1, req.groupBy) : null;

  const summarize = (t: Tally) => metrics(req.kind, t.hist, t);
  const compared = (now: Tally, before: Tally | undefined) => {
    const base = summarize(now);
    if (!previous) return base;
    const prior = before ?? new Tally();
    return { ...base, previous: summarize(prior), change: change(req.kind, now.hist, prior.hist) };
  };

  const result: ScoresResult = {
    site: req.site,
    kind: req.kind,
    ...(req.survey ? { survey: req.survey } : {}),
    from: isoUtc(from),
    to: isoUtc(to),
    tz: req.tz,
    ...(req.interval ? { interval: req.interval } : {}),
    ...(req.touchpoint ? { touchpoint: req.touchpoint } : {}),
    ...(req.groupBy ? { group_by: req.groupBy } : {}),
    ...(previous ? { previous_period: { from: isoUtc(2 * from - to), to: isoUtc(from) } } : {}),
    total: compared(current.total, previous?.total),
  };
  if (req.interval) {
    result.series = current.buckets.map((tally, i) => ({ start: isoUtc(req.edges[i]!), ...summarize(tally) }));
  }
  if (req.groupBy) {
    // Groups present in either period, largest first, then by key; '' (not known) is null and last.
    const keys = new Set([...current.groups.keys(), ...(previous?.groups.keys() ?? [])]);
    result.groups = [...keys]
      .map((key) => ({ key: key === '' ? null : key, ...compared(current.groups.get(key) ?? new Tally(), previous?.groups.get(key)) }))
      .sort((a, b) => b.n - a.n || (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
  }
  return { result, rowsRead };
}
