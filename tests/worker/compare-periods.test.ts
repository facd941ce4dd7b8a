/**
 * compare=previous_month and previous_year through the real Worker and D1
 * (docs/contract.md §17): the same calendar period a month or a year
 * before, in the query's calendar and zone, with the same tests of change
 * as compare=previous. Dates are worked out by hand in
 * tests/unit/compare-periods.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { change } from '../../shared/compare';
import type { Kind } from '../../shared/kinds';
import { emptyHistogram } from '../../shared/metrics';
import { createSite, createSurvey, json, scores, scoresJson, seedResponses, type SeedRow, type TestSite } from './helpers';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

function histogram(rows: SeedRow[]): number[] {
  const hist = emptyHistogram();
  for (const r of rows) hist[r.score]!++;
  return hist;
}

/** `count` answers spread over [from, to), scores cycling through `scores`. */
function spread(from: string, to: string, count: number, scores: number[], touchpoint = 'checkout'): SeedRow[] {
  const step = (at(to) - at(from)) / count;
  return Array.from({ length: count }, (_, i) => ({ score: scores[i % scores.length]!, at: at(from) + Math.floor(i * step), touchpoint }));
}

async function siteWith(kind: Kind, rows: SeedRow[]): Promise<TestSite> {
  const site = await createSite();
  await seedResponses(site.site, await createSurvey(site.site, kind), kind, rows);
  return site;
}

interface Compared {
  previous_period: { from: string; to: string };
  total: { n: number; previous: { n: number }; change: unknown };
  groups?: { key: string | null; n: number; previous: { n: number }; change: unknown }[];
}

describe('compare=previous_month', () => {
  it('Aban 1405 in Tehran against all of Mehr 1405, with the p-value of the same two histograms', async () => {
    // Mehr 1405: 2026-09-22T20:30Z – 2026-10-22T20:30Z; Aban: to 2026-11-21T20:30Z.
    const shahrivarLast = { score: 0, at: at('2026-09-22T20:30:00Z') - MINUTE };
    const mehr = [{ score: 10, at: at('2026-09-22T20:30:00Z') }, ...spread('2026-09-23T00:00:00Z', '2026-10-22T00:00:00Z', 14, [10, 9, 3, 6, 8]), { score: 2, at: at('2026-10-22T20:30:00Z') - MINUTE }];
    const aban = [{ score: 9, at: at('2026-10-22T20:30:00Z') }, ...spread('2026-10-23T00:00:00Z', '2026-11-21T00:00:00Z', 20, [10, 10, 9, 7, 2]), { score: 10, at: at('2026-11-21T20:30:00Z') - MINUTE }];
    const azarFirst = { score: 0, at: at('2026-11-21T20:30:00Z') };
    const site = await siteWith('nps', [shahrivarLast, ...mehr, ...aban, azarFirst]);
    const query = { kind: 'nps', from: '2026-10-23', to: '2026-11-22', tz: 'Asia/Tehran', calendar: 'persian' };
    const { body } = await scoresJson<Compared>(site, { ...query, compare: 'previous_month' });
    expect(body.previous_period).toEqual({ from: '2026-09-22T20:30:00Z', to: '2026-10-22T20:30:00Z' });
    expect(body.total.n).toBe(aban.length);
    expect(body.total.previous.n).toBe(mehr.length);
    expect(body.total.change).toEqual(change('nps', histogram(aban), histogram(mehr)));
    expect((body.total.change as { p_value: number | null }).p_value).not.toBeNull();
    // Mehr has 30 days: here the 30 days before are the same period, and compare=previous says the same.
    const previous = (await scoresJson<Compared>(site, { ...query, compare: 'previous' })).body;
    expect(previous.previous_period).toEqual(body.previous_period);
    expect(previous.total.change).toEqual(body.total.change);
  });

  it('Mehr 1405 against all 31 days of Shahrivar, where compare=previous takes 30', async () => {
    const shahrivarFirst = { score: 0, at: at('2026-08-22T20:30:00Z') };
    const shahrivar = [shahrivarFirst, ...spread('2026-08-24T00:00:00Z', '2026-09-22T00:00:00Z', 12, [10, 6, 9, 4])];
    const mehr = spread('2026-09-23T00:00:00Z', '2026-10-22T00:00:00Z', 12, [10, 9, 9, 8]);
    const site = await siteWith('nps', [...shahrivar, ...mehr]);
    const query = { kind: 'nps', from: '2026-09-23', to: '2026-10-23', tz: 'Asia/Tehran', calendar: 'persian' };
    const month = (await scoresJson<Compared>(site, { ...query, compare: 'previous_month' })).body;
    expect(month.previous_period).toEqual({ from: '2026-08-22T20:30:00Z', to: '2026-09-22T20:30:00Z' });
    expect(month.total.previous.n).toBe(shahrivar.length);
    expect(month.total.change).toEqual(change('nps', histogram(mehr), histogram(shahrivar)));
    const days = (await scoresJson<Compared>(site, { ...query, compare: 'previous' })).body;
    expect(days.previous_period).toEqual({ from: '2026-08-23T20:30:00Z', to: '2026-09-22T20:30:00Z' });
    // The answer of 1 Shahrivar is the difference.
    expect(days.total.previous.n).toBe(shahrivar.length - 1);
  });

  it('Shawwal 1446 in Riyadh against Ramadan (29 days), in the Umm al-Qura calendar, CSAT', async () => {
    const ramadan = spread('2025-03-01T00:00:00Z', '2025-03-29T20:00:00Z', 15, [5, 4, 2, 1, 3]);
    const shawwal = spread('2025-03-30T00:00:00Z', '2025-04-28T20:00:00Z', 15, [5, 5, 4, 2]);
    const site = await siteWith('csat', [{ score: 1, at: at('2025-02-28T21:00:00Z') - MINUTE }, ...ramadan, ...shawwal]);
    const { body } = await scoresJson<Compared>(site, { kind: 'csat', from: '2025-03-30', to: '2025-04-29', tz: 'Asia/Riyadh', calendar: 'islamic-umalqura', compare: 'previous_month' });
    expect(body.previous_period).toEqual({ from: '2025-02-28T21:00:00Z', to: '2025-03-29T21:00:00Z' });
    expect([body.total.n, body.total.previous.n]).toEqual([shawwal.length, ramadan.length]);
    expect(body.total.change).toEqual(change('csat', histogram(shawwal), histogram(ramadan)));
  });
});

describe('compare=previous_year', () => {
  it('February 2028 (29 days) against February 2027, per touchpoint too', async () => {
    const before = [...spread('2027-02-01T00:00:00Z', '2027-02-28T23:00:00Z', 12, [10, 2, 9]), ...spread('2027-02-02T00:00:00Z', '2027-02-20T00:00:00Z', 5, [8], 'support')];
    const now = [...spread('2028-02-01T00:00:00Z', '2028-02-29T23:00:00Z', 14, [10, 9, 7]), ...spread('2028-02-02T00:00:00Z', '2028-02-20T00:00:00Z', 3, [3], 'support')];
    const site = await siteWith('nps', [{ score: 0, at: at('2027-03-01T00:00:00Z') }, ...before, ...now]);
    const { body } = await scoresJson<Compared>(site, { kind: 'nps', from: '2028-02-01', to: '2028-03-01', compare: 'previous_year', group_by: 'touchpoint' });
    expect(body.previous_period).toEqual({ from: '2027-02-01T00:00:00Z', to: '2027-03-01T00:00:00Z' });
    expect([body.total.n, body.total.previous.n]).toEqual([now.length, before.length]);
    expect(body.total.change).toEqual(change('nps', histogram(now), histogram(before)));
    const support = body.groups!.find((g) => g.key === 'support')!;
    expect([support.n, support.previous.n]).toEqual([3, 5]);
    expect(support.change).toEqual(change('nps', histogram(now.filter((r) => r.touchpoint === 'support')), histogram(before.filter((r) => r.touchpoint === 'support'))));
  });

  it('29 February 2028 against 28 February 2027', async () => {
    const site = await siteWith('nps', [{ score: 10, at: at('2027-02-28T12:00:00Z') }, { score: 0, at: at('2027-03-01T00:00:00Z') }, { score: 9, at: at('2028-02-29T12:00:00Z') }]);
    const { body } = await scoresJson<Compared>(site, { kind: 'nps', from: '2028-02-29', to: '2028-03-01', compare: 'previous_year' });
    expect(body.previous_period).toEqual({ from: '2027-02-28T00:00:00Z', to: '2027-03-01T00:00:00Z' });
    expect([body.total.n, body.total.previous.n]).toEqual([1, 1]);
  });
});

describe('bad comparisons and dates', () => {
  async function refused(query: Record<string, string>): Promise<{ path: string; message: string }[]> {
    const site = await createSite();
    await createSurvey(site.site, 'nps');
    const res = await scores(site, { kind: 'nps', ...query });
    expect(res.status, JSON.stringify(query)).toBe(400);
    const body = await json<{ error: { code: string; issues: { path: string; message: string }[] } }>(res);
    expect(body.error.code).toBe('invalid_query');
    return body.error.issues;
  }

  it('an unknown compare or calendar is 400 naming it', async () => {
    expect((await refused({ compare: 'next_month' })).map((i) => i.path)).toEqual(['compare']);
    expect((await refused({ compare: 'previous_week' })).map((i) => i.path)).toEqual(['compare']);
    expect((await refused({ calendar: 'julian', compare: 'previous_month' })).map((i) => i.path)).toEqual(['calendar']);
    expect((await refused({ calendar: 'Persian' })).map((i) => i.path)).toEqual(['calendar']);
  });

  it('a date that does not exist is 400 naming it: 30 February, month 13, or a Solar Hijri date typed where ISO dates go', async () => {
    expect((await refused({ from: '2026-02-30', to: '2026-03-05' })).map((i) => i.path)).toEqual(['from']);
    expect((await refused({ from: '2026-02-01', to: '2026-13-01' })).map((i) => i.path)).toEqual(['to']);
    expect((await refused({ from: '2027-02-29', to: '2027-03-05', compare: 'previous_year' })).map((i) => i.path)).toEqual(['from']);
    // 30 Esfand 1404 does not exist (1404 is a common year); the API takes ISO (Gregorian) dates anyway, whatever the calendar.
    const esfand = await refused({ from: '1404-12-30', to: '1405-01-05', calendar: 'persian' });
    expect(esfand.map((i) => i.path)).toEqual(['from']);
    expect(esfand[0]!.message).toMatch(/Gregorian/);
  });

  it('a range of hours on month days the earlier month lacks is 400 naming compare', async () => {
    const issues = await refused({ from: '2026-03-30T18:00:00Z', to: '2026-03-31T12:00:00Z', compare: 'previous_month' });
    expect(issues.map((i) => i.path)).toEqual(['compare']);
  });
});
