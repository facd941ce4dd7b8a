/**
 * Scores over rollups, in two pure steps around one read: `planScores` says
 * which rows to read (per period: the total rows; with a group by a visitor
 * field, its visitor rows and the answers of at most two slivers under an
 * hour), `computeScores` adds the rows read (with their signs) into buckets
 * and groups and hands the histograms to the shared metrics. The route does
 * the read in between (db/rollups.ts). Cost grows with buckets × groups,
 * never with the number of responses (the slivers: with the answers of at
 * most an hour).
 */
import { bucketLabels, type Calendar, type WeekStart } from '../../shared/calendar';
import { change } from '../../shared/compare';
import type { Kind } from '../../shared/kinds';
import { MAX_GROUP_KEYS } from '../../shared/limits';
import type { Channel } from '../../shared/schemas/channel';
import { emptyHistogram, type Histogram, metrics } from '../../shared/metrics';
import type { GroupBy, Interval, ScoresResult } from '../../shared/schemas/scores';
import { VISITOR_FIELDS, type VisitorField } from '../../shared/rollups';
import { isoUtc } from '../../shared/time';
import { Attribution, type GroupPlan, planGroups, planTerms, rangesOf, type Term } from './plan';
import type { RollupRead, RollupRow, ScoresRows, SliverRead, SliverRow } from '../db/rollups';

export interface ScoresRequest {
  site: string;
  kind: Kind;
  /** The one survey asked for, if any. */
  survey?: string;
  /** Surveys whose rollups count. */
  surveys: string[];
  tz: string;
  interval?: Interval;
  /** Names the buckets' days (and counted the months of `edges`). */
  calendar: Calendar;
  /** The day `week` buckets of `edges` start on, to echo. */
  weekStart?: WeekStart;
  /** Bucket edges in ms: [from, …, to]. */
  edges: number[];
  touchpoint?: string;
  channel?: Channel;
  groupBy?: GroupBy;
  /** The site's journey: with `groupBy` touchpoint, groups come in this order first. */
  journey?: readonly string[];
  compare: boolean;
}

/** A group by a field of the visitor rows, or null. */
function visitorFieldOf(groupBy: GroupBy | undefined): VisitorField | null {
  return (VISITOR_FIELDS as readonly (GroupBy | undefined)[]).includes(groupBy) ? (groupBy as VisitorField) : null;
}

/** A group by a key column of the total rows (touchpoint, channel), or undefined. */
function keyColumnOf(groupBy: GroupBy | undefined): 'touchpoint' | 'channel' | undefined {
  return groupBy === 'touchpoint' || groupBy === 'channel' ? groupBy : undefined;
}


class Tally {
  hist: Histogram = emptyHistogram();
  shown = 0;
  dismissed = 0;
  /** Add a row `weight` times (plans may add a row to one bucket and take it from the next). */
  add(row: Pick<RollupRow, 'hist' | 'shown' | 'dismissed'>, weight: number): void {
    for (let s = 0; s < row.hist.length; s++) this.hist[s]! += weight * row.hist[s]!;
    this.shown += weight * row.shown;
    this.dismissed += weight * row.dismissed;
  }
  get n(): number {
    return this.hist.reduce((a, b) => a + b, 0);
  }
  get empty(): boolean {
    return this.shown === 0 && this.dismissed === 0 && this.hist.every((h) => h === 0);
  }
}

/**
 * The keys of `groups`, in the order they are shown: the journey's
 * touchpoints first, in journey order (each, answered or not, so that a
 * silent step shows), then the other keys by the asked period's n and key.
 * Beyond MAX_GROUP_KEYS keys, the rest are folded into the '' group ("not
 * known or beyond the cap"), in both periods alike, so that `groups` never
 * outgrows a screen. '' comes last.
 */
function orderGroups(current: Map<string, Tally>, previous: Map<string, Tally> | undefined, journey: readonly string[]): string[] {
  const keys = new Set([...current.keys(), ...(previous?.keys() ?? [])]);
  keys.delete('');
  for (const step of journey) keys.delete(step);
  const byN = [...keys].sort((a, b) => (current.get(b)?.n ?? 0) - (current.get(a)?.n ?? 0) || a.localeCompare(b));
  const ranked = [...journey, ...byN];
  for (const key of ranked.slice(MAX_GROUP_KEYS)) {
    for (const groups of previous ? [current, previous] : [current]) {
      const tally = groups.get(key);
      if (!tally) continue;
      let rest = groups.get('');
      if (!rest) groups.set('', (rest = new Tally()));
      rest.add(tally, 1);
      groups.delete(key);
    }
  }
  const kept = ranked.slice(0, MAX_GROUP_KEYS);
  return current.has('') || previous?.has('') ? [...kept, ''] : kept;
}

interface Tallies {
  total: Tally;
  buckets: Tally[];
  groups: Map<string, Tally>;
}

function addToGroup(groups: Map<string, Tally>, key: string, row: Pick<RollupRow, 'hist' | 'shown' | 'dismissed'>, weight: number): void {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = new Tally()));
  group.add(row, weight);
}

/** Buckets and total from total rows; groups too when they are a key column of those rows. */
function tallyRows(rows: RollupRow[], plan: Term[], buckets: number, groupBy: 'touchpoint' | 'channel' | undefined): Tallies {
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
    if (groupBy) addToGroup(tallies.groups, row[groupBy], row, weight);
  }
  return tallies;
}

/** A period's groups by a visitor field: its visitor rows and the answers of its slivers, each with its sign. */
function tallyVisitorGroups(rows: RollupRow[], sliverRows: SliverRow[], plan: GroupPlan): Map<string, Tally> {
  const attribution = new Attribution(plan.terms);
  const groups = new Map<string, Tally>();
  for (const row of rows) {
    const weight = attribution.of(row.grain, row.start).reduce((w, [, sign]) => w + sign, 0);
    if (weight !== 0) addToGroup(groups, row.value, row, weight);
  }
  for (const row of sliverRows) addToGroup(groups, row.value, { hist: row.hist, shown: 0, dismissed: 0 }, plan.slivers[row.sliver]!.sign);
  return groups;
}

/** One period's terms, and where its rows are in the plan's reads. */
export interface PeriodPlan {
  /** Total rows into the period's buckets. */
  terms: Term[];
  /** Index in `reads` of its total rows. */
  read: number;
  /** With a group by a visitor field: its plan, and the indexes of its visitor rows in `reads` and of its slivers in `sliverReads`. */
  groups: (GroupPlan & { read: number; sliverRead: number }) | null;
}

export interface ScoresPlan {
  current: PeriodPlan;
  /** The equally long period before it, when compared. */
  previous: PeriodPlan | null;
  reads: RollupRead[];
  sliverReads: SliverRead[];
}

/** Which rollup rows (and which slivers of answers) answer this request. */
export function planScores(req: ScoresRequest): ScoresPlan {
  const from = req.edges[0]!;
  const to = req.edges[req.edges.length - 1]!;
  const visitor = visitorFieldOf(req.groupBy);
  const reads: RollupRead[] = [];
  const sliverReads: SliverRead[] = [];
  const filters = { surveys: req.surveys, touchpoint: req.touchpoint, channel: req.channel };
  const period = (edges: number[]): PeriodPlan => {
    const terms = planTerms(edges);
    // Touchpoint and channel are key columns of the total rows: grouping by them keeps them apart there.
    reads.push({ ...filters, dim: '', apart: keyColumnOf(req.groupBy), ranges: rangesOf(terms) });
    const plan: PeriodPlan = { terms, read: reads.length - 1, groups: null };
    if (visitor) {
      const groups = planGroups(edges[0]!, edges[edges.length - 1]!);
      reads.push({ ...filters, dim: 'visitor', apart: visitor, ranges: rangesOf(groups.terms) });
      sliverReads.push({ ...filters, site: req.site, apart: visitor, slivers: groups.slivers.map(({ lo, hi }) => ({ lo, hi })) });
      plan.groups = { ...groups, read: reads.length - 1, sliverRead: sliverReads.length - 1 };
    }
    return plan;
  };
  const current = period(req.edges.map((ms) => ms / 1000));
  const previous = req.compare ? period([2 * from - to, from].map((ms) => ms / 1000)) : null;
  return { current, previous, reads, sliverReads };
}

/** A period's tallies from the rows its plan read. */
function tallyPeriod(req: ScoresRequest, plan: PeriodPlan, buckets: number, read: Pick<ScoresRows, 'rows' | 'sliverRows'>): Tallies {
  const tallies = tallyRows(read.rows[plan.read] ?? [], plan.terms, buckets, keyColumnOf(req.groupBy));
  if (plan.groups) tallies.groups = tallyVisitorGroups(read.rows[plan.groups.read] ?? [], read.sliverRows[plan.groups.sliverRead] ?? [], plan.groups);
  // A key whose rows come to nothing in the period (a row added at an edge and taken away with the stretch beside it,
  // or emptied by erasure) is no group of it.
  for (const [key, group] of tallies.groups) if (group.empty) tallies.groups.delete(key);
  return tallies;
}

/** The answer to a scores request, from the rows of each of the plan's reads. */
export function computeScores(req: ScoresRequest, plan: ScoresPlan, read: Pick<ScoresRows, 'rows' | 'sliverRows'>): ScoresResult {
  const from = req.edges[0]!;
  const to = req.edges[req.edges.length - 1]!;
  const current = tallyPeriod(req, plan.current, req.edges.length - 1, read);
  const previous = plan.previous ? tallyPeriod(req, plan.previous, 1, read) : null;

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
    ...(req.interval ? { interval: req.interval, calendar: req.calendar } : {}),
    ...(req.interval === 'week' && req.weekStart ? { week_start: req.weekStart } : {}),
    ...(req.touchpoint ? { touchpoint: req.touchpoint } : {}),
    ...(req.channel ? { channel: req.channel } : {}),
    ...(req.groupBy ? { group_by: req.groupBy } : {}),
    ...(previous ? { previous_period: { from: isoUtc(2 * from - to), to: isoUtc(from) } } : {}),
    total: compared(current.total, previous?.total),
  };
  if (req.interval) {
    const labels = bucketLabels(req.tz, req.calendar, req.edges);
    result.series = current.buckets.map((tally, i) => ({ start: isoUtc(req.edges[i]!), label: labels[i]!, ...summarize(tally) }));
  }
  if (req.groupBy) {
    // A touchpoint filter leaves one touchpoint: the journey's other steps have nothing to show.
    const journey = req.groupBy === 'touchpoint' && req.touchpoint === undefined ? (req.journey ?? []) : [];
    result.groups = orderGroups(current.groups, previous?.groups, journey).map((key) => ({
      key: key === '' ? null : key,
      ...compared(current.groups.get(key) ?? new Tally(), previous?.groups.get(key)),
    }));
  }
  return result;
}
