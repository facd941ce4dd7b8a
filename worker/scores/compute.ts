/**
 * Scores over rollups, in two pure steps around one read: `planScores` says
 * which rows to read (per period: the total rows, or a reason's rows when
 * filtered by it; with a group by a visitor field, its visitor rows and the
 * answers of at most two slivers under an hour; by reason, the reason rows),
 * `computeScores` adds the rows read (with their signs) into buckets
 * and groups and hands the histograms to the shared metrics. The route does
 * the read in between (db/rollups.ts). Cost grows with buckets × groups,
 * never with the number of responses (the slivers: with the answers of at
 * most an hour).
 */
import { bucketLabels, type Calendar, type WeekStart } from '../../shared/calendar';
import { change } from '../../shared/compare';
import type { Kind } from '../../shared/kinds';
import { MAX_GROUP_KEYS } from '../../shared/limits';
import { type Channel, isLinkChannel } from '../../shared/schemas/channel';
import { emptyHistogram, type Histogram, metrics, type RateCounts, responseRateBasis } from '../../shared/metrics';
import type { GroupBy, Interval, ResponseRateBasis, ScoresResult } from '../../shared/schemas/scores';
import { REASON_DIM, REASON_REPEATS, VISITOR_FIELDS, type VisitorField } from '../../shared/rollups';
import { isoUtc } from '../../shared/time';
import { Attribution, type GroupPlan, planGroups, planTerms, rangesOf, type Term } from './plan';
import type { LinkMintRead, LinkMintRow } from '../db/link-mints';
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
  /** Only the answers with this reason (an option id). */
  reason?: string;
  groupBy?: GroupBy;
  /** The site's journey: with `groupBy` touchpoint, groups come in this order first. */
  journey?: readonly string[];
  /** The period to compare with, in ms (docs/contract.md §4 `compare`), if any. */
  previous?: { from: number; to: number };
}

/** A group by a field of the visitor rows, or null. */
function visitorFieldOf(groupBy: GroupBy | undefined): VisitorField | null {
  return (VISITOR_FIELDS as readonly (GroupBy | undefined)[]).includes(groupBy) ? (groupBy as VisitorField) : null;
}

/** A group by a key column of the total rows (touchpoint, channel), or undefined. */
function keyColumnOf(groupBy: GroupBy | undefined): 'touchpoint' | 'channel' | undefined {
  return groupBy === 'touchpoint' || groupBy === 'channel' ? groupBy : undefined;
}

/**
 * The column of a period's own rows (the total's, or a reason's) that keeps
 * its groups apart, or undefined. Filtered by a reason, `group_by=reason`
 * is that reason's rows by their value: one group, the reason's.
 */
function ownColumnOf(req: Pick<ScoresRequest, 'groupBy' | 'reason'>): 'touchpoint' | 'channel' | 'value' | undefined {
  return req.groupBy === 'reason' && req.reason !== undefined ? 'value' : keyColumnOf(req.groupBy);
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
  get empty(): boolean {
    return this.shown === 0 && this.dismissed === 0 && this.sent === 0 && this.hist.every((h) => h === 0);
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
 * country, device, reason): such groups have no `sent` count.
 */
function mintGroup(groupBy: GroupBy | undefined, channel: Channel | undefined): GroupOf<LinkMintRow> | null {
  if (groupBy === undefined) return () => undefined;
  if (groupBy === 'touchpoint') return (row) => row.touchpoint;
  if (groupBy === 'channel') return () => channel;
  return null;
}

/** Buckets and total from total rows (or a reason's); groups too when they are a key column of those rows. Links minted spread alike. */
function tallyRows(req: ScoresRequest, rows: RollupRow[], mints: LinkMintRow[], plan: Term[], buckets: number): Tallies {
  const attribution = new Attribution(plan);
  const tallies: Tallies = { total: new Tally(), buckets: Array.from({ length: buckets }, () => new Tally()), groups: new Map() };
  const column = ownColumnOf(req);
  spread(rows, attribution, tallies, (row) => (column ? row[column] : undefined), (tally, row, weight) => tally.add(row, weight));
  const mintsIn = mintGroup(req.groupBy, req.channel) ?? (() => undefined);
  spread(mints, attribution, tallies, mintsIn, (tally, row, weight) => (tally.sent += weight * row.links));
  return tallies;
}

/** A period's groups by a visitor field: its visitor rows and the answers of its slivers, each with its sign. */
function tallyVisitorGroups(rows: RollupRow[], sliverRows: SliverRow[], plan: GroupPlan): Map<string, Tally> {
  const attribution = new Attribution(plan.terms);
  const groups = new Map<string, Tally>();
  const add = (key: string, row: Pick<RollupRow, 'hist' | 'webAnswers' | 'shown' | 'dismissed'>, weight: number) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Tally()));
    group.add(row, weight);
  };
  for (const row of rows) {
    const weight = attribution.of(row.grain, row.start).reduce((w, [, sign]) => w + sign, 0);
    if (weight !== 0) add(row.value, row, weight);
  }
  for (const row of sliverRows) add(row.value, { ...row, shown: 0, dismissed: 0 }, plan.slivers[row.sliver]!.sign);
  return groups;
}

/**
 * `group_by=reason`: a group per option id from the reason rows (read over
 * the total's terms: they have its grains), and under '' (the `null` group)
 * the answers without reasons: the total less the answers with any, which
 * are the reason rows less the repeats (shared/rollups.ts). An answer with
 * two reasons counts in both groups. Reason groups hold no exposure (a
 * reason is chosen after the survey was shown), so their `response_rate` is
 * null.
 */
function tallyReasonGroups(rows: RollupRow[], terms: Term[], total: Tally): Map<string, Tally> {
  const attribution = new Attribution(terms);
  const groups = new Map<string, Tally>();
  const withReasons = new Tally();
  const repeats = new Tally();
  for (const row of rows) {
    const weight = attribution.of(row.grain, row.start).reduce((w, [, sign]) => w + sign, 0);
    if (weight === 0) continue;
    if (row.value === REASON_REPEATS) {
      repeats.add(row, weight);
      continue;
    }
    let group = groups.get(row.value);
    if (!group) groups.set(row.value, (group = new Tally()));
    group.add(row, weight);
    withReasons.add(row, weight);
  }
  const without = new Tally();
  without.add(total, 1);
  without.add(withReasons, -1);
  without.add(repeats, 1);
  without.shown = without.dismissed = 0;
  groups.set('', without);
  return groups;
}

/** One period's terms, and where its rows are in the plan's reads. */
export interface PeriodPlan {
  /** Total rows (or, filtered by a reason, its rows) and links minted into the period's buckets. */
  terms: Term[];
  /** Index in `reads` of its total rows (or its reason's). */
  read: number;
  /** Index in `mints` of its links minted, on the `sent` basis. */
  mint: number | null;
  /** With a group by a visitor field: its plan, and the indexes of its visitor rows in `reads` and of its slivers in `sliverReads`. */
  groups: (GroupPlan & { read: number; sliverRead: number }) | null;
  /** With `group_by=reason`: the index in `reads` of its reason rows, over `terms`. */
  reasons: number | null;
}

export interface ScoresPlan {
  current: PeriodPlan;
  /** The period it is compared with, if any. */
  previous: PeriodPlan | null;
  reads: RollupRead[];
  sliverReads: SliverRead[];
  /** Which response rate the answer gives. */
  basis: ResponseRateBasis;
  /** On the `sent` basis, the links minted to read per period, over its total rows' ranges; otherwise none. */
  mints: LinkMintRead[];
}

/** Which rollup rows (and slivers of answers, and links minted) answer this request. */
export function planScores(req: ScoresRequest): ScoresPlan {
  const visitor = visitorFieldOf(req.groupBy);
  const channel = req.channel;
  const reads: RollupRead[] = [];
  const sliverReads: SliverRead[] = [];
  const mints: LinkMintRead[] = [];
  const filters = { surveys: req.surveys, touchpoint: req.touchpoint, channel };
  // Links are minted without reasons: a reason's answers have no `sent` to count against.
  const minted = isLinkChannel(channel) && req.reason === undefined;
  const period = (edges: number[]): PeriodPlan => {
    const terms = planTerms(edges);
    const ranges = rangesOf(terms);
    // Touchpoint and channel are key columns of the total rows: grouping by them keeps them apart there.
    // Filtered by a reason, its rows (at the total's grains) stand in for the total's: they are its answers.
    const only: Pick<RollupRead, 'dim' | 'value'> = req.reason === undefined ? { dim: '' } : { dim: REASON_DIM, value: req.reason };
    reads.push({ ...filters, ...only, apart: ownColumnOf(req), ranges });
    if (minted) mints.push({ surveys: req.surveys, channel, touchpoint: req.touchpoint, byTouchpoint: req.groupBy === 'touchpoint', ranges });
    const plan: PeriodPlan = { terms, read: reads.length - 1, mint: minted ? mints.length - 1 : null, groups: null, reasons: null };
    if (visitor) {
      const groups = planGroups(edges[0]!, edges[edges.length - 1]!);
      reads.push({ ...filters, dim: 'visitor', apart: visitor, ranges: rangesOf(groups.terms) });
      sliverReads.push({ ...filters, site: req.site, apart: visitor, slivers: groups.slivers.map(({ lo, hi }) => ({ lo, hi })) });
      plan.groups = { ...groups, read: reads.length - 1, sliverRead: sliverReads.length - 1 };
    }
    if (req.groupBy === 'reason' && req.reason === undefined) {
      reads.push({ ...filters, dim: REASON_DIM, apart: 'value', ranges });
      plan.reasons = reads.length - 1;
    }
    return plan;
  };
  const current = period(req.edges.map((ms) => ms / 1000));
  const previous = req.previous ? period([req.previous.from, req.previous.to].map((ms) => ms / 1000)) : null;
  return { current, previous, reads, sliverReads, basis: responseRateBasis(channel), mints };
}

/** A period's tallies from the rows its plan read. */
function tallyPeriod(req: ScoresRequest, period: PeriodPlan, buckets: number, read: Pick<ScoresRows, 'rows' | 'sliverRows'>, mints: LinkMintRow[][]): Tallies {
  const mintRows = period.mint === null ? [] : (mints[period.mint] ?? []);
  const tallies = tallyRows(req, read.rows[period.read] ?? [], mintRows, period.terms, buckets);
  if (period.groups) tallies.groups = tallyVisitorGroups(read.rows[period.groups.read] ?? [], read.sliverRows[period.groups.sliverRead] ?? [], period.groups);
  if (period.reasons !== null) tallies.groups = tallyReasonGroups(read.rows[period.reasons] ?? [], period.terms, tallies.total);
  // A key whose rows come to nothing in the period (a row added at an edge and taken away with the stretch beside it,
  // or emptied by erasure) is no group of it.
  for (const [key, group] of tallies.groups) if (group.empty) tallies.groups.delete(key);
  return tallies;
}

/**
 * The answer to a scores request, from the rows of each of the plan's reads
 * and, on the `sent` basis, the links minted over the same ranges.
 */
export function computeScores(req: ScoresRequest, plan: ScoresPlan, read: Pick<ScoresRows, 'rows' | 'sliverRows'>, mints: LinkMintRow[][] = []): ScoresResult {
  const from = req.edges[0]!;
  const to = req.edges[req.edges.length - 1]!;
  const current = tallyPeriod(req, plan.current, req.edges.length - 1, read, mints);
  const previous = plan.previous ? tallyPeriod(req, plan.previous, 1, read, mints) : null;

  // Filtered by a reason, no links minted are read: the total and every group have no `sent`.
  const sentKnown = mintGroup(req.groupBy, req.channel) !== null;
  const rate = (t: Tally, known = true): RateCounts =>
    plan.basis === 'sent' ? { basis: 'sent', answers: t.n, sent: known && req.reason === undefined ? t.sent : null } : { basis: 'shown', answers: t.webAnswers };
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
    ...(req.reason ? { reason: req.reason } : {}),
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
