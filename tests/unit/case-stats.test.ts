/**
 * The cases' figures (docs/contract.md §13) over hand-made timelines. Each
 * expected number is worked out by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { caseFigures, caseGroups, quantile, type CaseTimeline } from '../../shared/case-stats';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);
const NOW = T0 + 100 * H;
const SLA = 48;

/** A case opened at T0 + `opened` hours, first contacted and closed that many hours after opening. */
function timeline(status: CaseTimeline['status'], opened: number, contactAfter: number | null, closeAfter: number | null, extra: Partial<CaseTimeline> = {}): CaseTimeline {
  const at = T0 + opened * H;
  return {
    status,
    assignee: null,
    touchpoint: null,
    opened_at: at,
    first_contact_at: contactAfter === null ? null : at + contactAfter * H,
    closed_at: closeAfter === null ? null : at + closeAfter * H,
    ...extra,
  };
}

describe('quantile (linear between the nearest ranks)', () => {
  it('matches hand-worked values', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.5)).toBe(7);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2], 0.5)).toBe(1.5);
    // rank (10 − 1)·0.9 = 8.1: 9 + 0.1·(10 − 9)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    // rank 4·0.9 = 3.6: 4 + 0.6·(100 − 4)
    expect(quantile([1, 2, 3, 4, 100], 0.9)).toBeCloseTo(61.6, 12);
  });
});

describe('caseFigures', () => {
  it('no cases: zero counts, no times, within_sla null', () => {
    expect(caseFigures([], SLA, NOW)).toEqual({
      opened: 0, open: 0, contacted: 0, resolved: 0, no_action: 0,
      first_contact_h: { median: null, p90: null }, close_h: { median: null, p90: null }, within_sla: null,
    });
  });

  it('all open, all still within the SLA: no times, within_sla null (none counted yet)', () => {
    // Opened 60 h and 90 h after T0: 40 h and 10 h before NOW, inside 48 h.
    const cases = [timeline('open', 60, null, null), timeline('open', 90, null, null)];
    expect(caseFigures(cases, SLA, NOW)).toEqual({
      opened: 2, open: 2, contacted: 0, resolved: 0, no_action: 0,
      first_contact_h: { median: null, p90: null }, close_h: { median: null, p90: null }, within_sla: null,
    });
  });

  it('all open, one past the SLA: that one is a miss, so within_sla is 0', () => {
    // Opened at T0 (100 h ago, past 48 h) and at T0 + 90 h (10 h ago, left out).
    expect(caseFigures([timeline('open', 0, null, null), timeline('open', 90, null, null)], SLA, NOW).within_sla).toBe(0);
  });

  it('a mixed set: every number', () => {
    const cases = [
      timeline('contacted', 0, 2, null), //   contact 2 h, within
      timeline('resolved', 0, 10, 30), //     contact 10 h, within; closed 30 h
      timeline('resolved', 0, 60, 70), //     contact 60 h, a miss; closed 70 h
      timeline('no_action', 10, 0, 0), //     contact 0 h (closed at once), within; closed 0 h
      timeline('open', 0, null, null), //     open 100 h: past the SLA, a miss
      timeline('open', 80, null, null), //    open 20 h: still within, left out
      timeline('open', 5, 1, null), //        opened again after a first contact at 1 h: within
    ];
    // first contact hours, sorted: 0, 1, 2, 10, 60 → median 2; p90 rank 4·0.9 = 3.6 → 10 + 0.6·50 = 40
    // close hours, sorted: 0, 30, 70 → median 30; p90 rank 2·0.9 = 1.8 → 30 + 0.8·40 = 62
    // within: 4 made (2, 10, 0, 1) of 6 counted (those 5 contacted + 1 open past the SLA) = 2/3
    const figures = caseFigures(cases, SLA, NOW);
    expect(figures).toMatchObject({ opened: 7, open: 3, contacted: 1, resolved: 2, no_action: 1 });
    expect(figures.first_contact_h.median).toBe(2);
    expect(figures.first_contact_h.p90).toBeCloseTo(40, 12);
    expect(figures.close_h.median).toBe(30);
    expect(figures.close_h.p90).toBeCloseTo(62, 12);
    expect(figures.within_sla).toBeCloseTo(2 / 3, 12);
  });

  it('the SLA is inclusive: a first contact exactly at 48 h is within it', () => {
    expect(caseFigures([timeline('contacted', 0, 48, null)], SLA, NOW).within_sla).toBe(1);
    expect(caseFigures([timeline('contacted', 0, 48.01, null)], SLA, NOW).within_sla).toBe(0);
  });
});

describe('caseGroups', () => {
  it('per assignee (null: unassigned), most cases first, each with its own figures', () => {
    const cases = [
      timeline('contacted', 0, 4, null, { assignee: 'mina@example.com' }),
      timeline('resolved', 0, 8, 20, { assignee: 'mina@example.com' }),
      timeline('open', 0, null, null, { assignee: null }),
      timeline('contacted', 0, 50, null, { assignee: 'reza@example.com' }),
    ];
    const groups = caseGroups(cases, 'assignee', SLA, NOW);
    expect(groups.map((g) => g.key)).toEqual(['mina@example.com', 'reza@example.com', null]);
    // Mina: contacts 4 h and 8 h → median 6, p90 4 + 0.9·4 = 7.6; both within → 1; one closed at 20 h.
    expect(groups[0]).toMatchObject({ opened: 2, contacted: 1, resolved: 1, within_sla: 1, close_h: { median: 20, p90: 20 } });
    expect(groups[0]!.first_contact_h.median).toBe(6);
    expect(groups[0]!.first_contact_h.p90).toBeCloseTo(7.6, 12);
    // Reza: 50 h, a miss.
    expect(groups[1]).toMatchObject({ opened: 1, within_sla: 0, first_contact_h: { median: 50, p90: 50 } });
    // Unassigned: open 100 h, a miss; no times.
    expect(groups[2]).toMatchObject({ opened: 1, open: 1, within_sla: 0, first_contact_h: { median: null, p90: null } });
  });

  it("per touchpoint, an answer without one under null", () => {
    const cases = [timeline('open', 0, null, null, { touchpoint: 'checkout' }), timeline('open', 0, null, null, { touchpoint: '' })];
    expect(caseGroups(cases, 'touchpoint', SLA, NOW).map((g) => [g.key, g.opened])).toEqual([['checkout', 1], [null, 1]]);
  });
});
