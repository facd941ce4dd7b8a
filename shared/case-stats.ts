/**
 * The cases' figures (docs/contract.md §13), from their timelines: counts by
 * status, hours from opening to first contact and to closing (median and
 * 90th percentile, over the cases that have that time), and the share first
 * contacted within the site's SLA. An open case past the SLA counts as a
 * miss already; one still within it is left out, since it may yet make it.
 *
 * Percentiles interpolate linearly between the two nearest ranks (R's type
 * 7, numpy's default): the median of 1 h and 2 h is 1.5 h, and one case is
 * its own median and p90.
 */
import type { CaseStatsFigures, CaseStatus } from './schemas/case';

/** What the figures read of one case (Unix ms). */
export interface CaseTimeline {
  status: CaseStatus;
  assignee: string | null;
  touchpoint: string | null;
  opened_at: number;
  first_contact_at: number | null;
  closed_at: number | null;
}

const HOUR_MS = 3_600_000;

/** The `p` quantile (0–1) of `values`, sorted ascending; null when there are none. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

function hours(values: number[]): { median: number | null; p90: number | null } {
  const sorted = values.sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

export function caseFigures(cases: readonly CaseTimeline[], slaHours: number, now: number): CaseStatsFigures {
  const count = (status: CaseStatus) => cases.filter((c) => c.status === status).length;
  const sla = slaHours * HOUR_MS;
  let made = 0;
  let counted = 0;
  for (const c of cases) {
    if (c.first_contact_at !== null) {
      counted++;
      if (c.first_contact_at - c.opened_at <= sla) made++;
    } else if (now - c.opened_at > sla) {
      counted++;
    }
  }
  return {
    opened: cases.length,
    open: count('open'),
    contacted: count('contacted'),
    resolved: count('resolved'),
    no_action: count('no_action'),
    first_contact_h: hours(cases.filter((c) => c.first_contact_at !== null).map((c) => (c.first_contact_at! - c.opened_at) / HOUR_MS)),
    close_h: hours(cases.filter((c) => c.closed_at !== null).map((c) => (c.closed_at! - c.opened_at) / HOUR_MS)),
    within_sla: counted === 0 ? null : made / counted,
  };
}

export type CaseGrouping = 'assignee' | 'touchpoint';

/** Figures per assignee or touchpoint (null: none), most cases first, then by key. */
export function caseGroups(
  cases: readonly CaseTimeline[],
  groupBy: CaseGrouping,
  slaHours: number,
  now: number,
): (CaseStatsFigures & { key: string | null })[] {
  const byKey = new Map<string | null, CaseTimeline[]>();
  for (const c of cases) {
    const key = c[groupBy] || null;
    const members = byKey.get(key);
    if (members) members.push(c);
    else byKey.set(key, [c]);
  }
  return [...byKey]
    .map(([key, members]) => ({ key, ...caseFigures(members, slaHours, now) }))
    .sort((a, b) => b.opened - a.opened || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
}
