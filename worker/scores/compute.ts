/**
 * Scores over rollups, in two pure steps around one read: `planScores` says
 * which rows to read (one read per period), `computeScores` adds the rows read
 * (with their signs) into buckets and groups and hands the histograms to the
 * shared metrics. The route does the read in between (db/rollups.ts).
 * Cost grows with buckets × groups, never with the number of responses.
 */
import { bucketLabels, type Calendar, type WeekStart } from '../../shared/calendar';
import { change } from '../../shared/compare';
import type { Kind } from '../../shared/kinds';
import { MAX_GROUP_KEYS } from '../../shared/limits';
import { type Channel, isLinkChannel } from '../../shared/schemas/channel';
import { emptyHistogram, type Histogram, metrics, type RateCounts, responseRateBasis } from '../../shared/metrics';
import type { GroupBy, Interval, ResponseRateBasis, ScoresResult } from '../../shared/schemas/scores';
import { isoUtc } from '../../shared/time';
import { Attribution, planTerms, rangesOf, type Term } from './plan';
import type { LinkMintRead, LinkMintRow } from '../db/link-mints';
import type { RollupRead, RollupRow } from '../db/rollups';

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
  /** The period to compare with, in ms (docs/contract.md §4 `compare`), if any. */
  previous?: { from: number; to: number };
}

/** The group a row counts in: its key column, or the value of the grouped dimension. */
function groupKey(row: RollupRow, groupBy: GroupBy): string {
  if (groupBy === 'touchpoint') return row.touchpoint;
  if (groupBy === 'channel') return row.channel;
  return row.value;
}

class Tally {
  hist: Histogram = emptyHistogram();
  webAnswers = 0;
  shown = 0;
  dismissed = 0;
  /** Links minted (read on the `sent` basis only). */
  sent = 0;
  /** Add a row `weight` times (plans may add a row to one bucket and take it from the next). */
  add(row: Pick<RollupRow, 'hist' | 'webAnswers' | 'shown' | 'dismissed'>, weight: number): void {
    for (let s = 0; s < row.hist.length; s++) this.hist[s]! += weight * row.hist[s]!;
    this.webAnswers += weight * row.webAnswers;
    this.shown += weight * row.shown;
    this.dismissed += weight * row.dismissed;
  }
  /** Fold another tally into this one, links sent included. */
  absorb(other: Tally): void {
    this.add(other, 1);
    this.sent += other.sent;
  }
  get n(): number {
    return this.hist.reduce((a, b) => a + b, 0);
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
      rest.absorb(tally);
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

/** The key of a row's group, or undefined when the row counts in no group. */
type GroupOf<Row> = (row: Row) => string | undefined;

/** Add rows to their buckets, and (once, when they count in the whole range) to the total and their group. */
function spread<Row extends { grain: number; start: number }>(
  rows: readonly Row[],
  attribution: Attribution,
  tallies: Tallies,
  groupOf: GroupOf<Row>,
  add: (tally: Tally, row: Row, weight: number) => void,
): void {
  for (const row of rows) {
    let weight = 0;
    for (const [bucket, sign] of attribution.of(row.grain, row.start)) {
      add(tallies.buckets[bucket]!, row, sign);
      weight += sign;
    }
    // A row added to one bucket and taken from the next does not count in the whole range.
    if (weight === 0) continue;
    add(tallies.total, row, weight);
    const key = groupOf(row);
    if (key === undefined) continue;
    let group = tallies.groups.get(key);
    if (!group) tallies.groups.set(key, (group = new Tally()));
    add(group, row, weight);
  }
}

/**
 * The group links minted count in: a link knows its channel and touchpoint.
 * Null when grouped by what no link knows when it is minted (locale,
 * country, device): such groups have no `sent` count.
 */
function mintGroup(groupBy: GroupBy | undefined, channel: Channel | undefined): GroupOf<LinkMintRow> | null {
  if (groupBy === undefined) return () => undefined;
  if (groupBy === 'touchpoint') return (row) => row.touchpoint;
  if (groupBy === 'channel') return () => channel;
  return null;
}

function tallyRows(req: ScoresRequest, rows: RollupRow[], mints: LinkMintRow[], plan: Term[], buckets: number): Tallies {
  const attribution = new Attribution(plan);
  const tallies: Tallies = { total: new Tally(), buckets: Array.from({ length: buckets }, () => new Tally()), groups: new Map() };
  const by = req.groupBy;
  spread(rows, attribution, tallies, (row) => (by ? groupKey(row, by) : undefined), (tally, row, weight) => tally.add(row, weight));
  const mintsIn = mintGroup(by, req.channel) ?? (() => undefined);
  spread(mints, attribution, tallies, mintsIn, (tally, row, weight) => (tally.sent += weight * row.links));
  return tallies;
}

export interface ScoresPlan {
  /** Terms of the asked period's buckets. */
  current: Term[];
  /** Terms of the period it is compared with, if any. */
  previous: Term[] | null;
  /** What to read: the current period's rows, then the previous period's. */
  reads: RollupRead[];
  /** Which response rate the answer gives. */
  basis: ResponseRateBasis;
  /** On the `sent` basis, the links minted to read, over the same ranges as `reads`; otherwise none. */
  mints: LinkMintRead[];
}

/** Which rollup rows answer this request. */
export function planScores(req: ScoresRequest): ScoresPlan {
  const current = planTerms(req.edges.map((ms) => ms / 1000));
  const previous = req.previous ? planTerms([req.previous.from, req.previous.to].map((ms) => ms / 1000)) : null;
  // Every response and event lands in exactly one row per dimension, so the
  // rows of the grouped dimension also sum to the total and the series.
  // Touchpoint and channel are key columns of every row: grouping by them reads the total rows.
  const by = req.groupBy;
  const dim = by === undefined || by === 'touchpoint' || by === 'channel' ? '' : by;
  const apart = req.groupBy === undefined ? undefined : req.groupBy === 'touchpoint' || req.groupBy === 'channel' ? req.groupBy : 'value';
  const read = (terms: Term[]): RollupRead => ({ surveys: req.surveys, dim, touchpoint: req.touchpoint, channel: req.channel, apart, ranges: rangesOf(terms) });
  const reads = previous ? [read(current), read(previous)] : [read(current)];
  const channel = req.channel;
  const mints = isLinkChannel(channel)
    ? reads.map((r) => ({ surveys: req.surveys, channel, touchpoint: req.touchpoint, byTouchpoint: req.groupBy === 'touchpoint', ranges: r.ranges }))
    : [];
  return { current, previous, reads, basis: responseRateBasis(channel), mints };
}

/**
 * The answer to a scores request, from the rows of each of the plan's reads
 * and, on the `sent` basis, the links minted over the same ranges.
 */
export function computeScores(req: ScoresRequest, plan: ScoresPlan, rows: RollupRow[][], mints: LinkMintRow[][] = []): ScoresResult {
  const from = req.edges[0]!;
  const to = req.edges[req.edges.length - 1]!;
  const current = tallyRows(req, rows[0] ?? [], mints[0] ?? [], plan.current, req.edges.length - 1);
  const previous = plan.previous ? tallyRows(req, rows[1] ?? [], mints[1] ?? [], plan.previous, 1) : null;

  const sentKnown = mintGroup(req.groupBy, req.channel) !== null;
  const rate = (t: Tally, known = true): RateCounts =>
    plan.basis === 'sent' ? { basis: 'sent', answers: t.n, sent: known ? t.sent : null } : { basis: 'shown', answers: t.webAnswers };
  const summarize = (t: Tally, known?: boolean) => metrics(req.kind, t.hist, t, rate(t, known));
  const compared = (now: Tally, before: Tally | undefined, known?: boolean) => {
    const base = summarize(now, known);
    if (!previous) return base;
    const prior = before ?? new Tally();
    return { ...base, previous: summarize(prior, known), change: change(req.kind, now.hist, prior.hist) };
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
    ...(req.previous ? { previous_period: { from: isoUtc(req.previous.from), to: isoUtc(req.previous.to) } } : {}),
    response_rate_basis: plan.basis,
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
      ...compared(current.groups.get(key) ?? new Tally(), previous?.groups.get(key), sentKnown),
    }));
  }
  return result;
}
