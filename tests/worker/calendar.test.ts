/**
 * Scores by the months of the Persian and Umm al-Qura calendars, weeks from
 * the asked weekday, and a label on every bucket, through the real Worker
 * and D1. Expected dates are worked out without Intl (see the unit tests).
 */
import { describe, expect, it } from 'vitest';
import { createSite, createSurvey, json, scores, scoresJson, seedResponses, type SeedRow } from './helpers';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

async function siteWith(rows: SeedRow[]) {
  const site = await createSite();
  const survey = await createSurvey(site.site, 'nps');
  await seedResponses(site.site, survey, 'nps', rows);
  return site;
}

/** An answer just before and one just at each instant, plus one in the middle of the range. */
function around(instants: string[], middle: string): SeedRow[] {
  return [
    ...instants.flatMap((iso) => [{ score: 0, at: at(iso) - MINUTE }, { score: 10, at: at(iso) }]),
    { score: 8, at: at(middle) },
  ];
}

describe('this workerd', () => {
  it('knows the Persian and Umm al-Qura calendars (rather than silently falling back to Gregorian)', () => {
    expect(Intl.supportedValuesOf('calendar')).toEqual(expect.arrayContaining(['persian', 'islamic-umalqura']));
    for (const calendar of ['persian', 'islamic-umalqura']) {
      expect(new Intl.DateTimeFormat('en-US', { calendar }).resolvedOptions().calendar).toBe(calendar);
    }
  });
});

describe('interval=month in other calendars', () => {
  it('persian in Asia/Tehran: Farvardin, Ordibehesht and Khordad 1404 start at local midnight, labelled 1404-0M-01', async () => {
    // 1 Farvardin 1404 = 2025-03-21; months 1–6 have 31 days. Tehran is at +03:30.
    const starts = ['2025-03-20T20:30:00Z', '2025-04-20T20:30:00Z', '2025-05-21T20:30:00Z'];
    const end = '2025-06-21T20:30:00Z'; // 1 Tir 1404
    const site = await siteWith(around([...starts, end], '2025-04-30T12:00:00Z'));
    const { body } = await scoresJson(site, { kind: 'nps', interval: 'month', calendar: 'persian', tz: 'Asia/Tehran', from: '2025-03-21', to: '2025-06-22' });
    expect(body.calendar).toBe('persian');
    expect(body.week_start).toBeUndefined();
    expect(body.series!.map((b) => [b.start, b.label])).toEqual([
      ['2025-03-20T20:30:00Z', '1404-01-01'],
      ['2025-04-20T20:30:00Z', '1404-02-01'],
      ['2025-05-21T20:30:00Z', '1404-03-01'],
    ]);
    // Each month holds the answer at its first instant and the one a minute before the next.
    expect(body.series!.map((b) => b.n)).toEqual([2, 3, 2]);
    expect(body.series!.reduce((s, b) => s + b.n, 0)).toBe(body.total.n);
    expect(body.total.n).toBe(7);
  });

  it('islamic-umalqura in Asia/Riyadh: Ramadan and Shawwal 1446, the first bucket from mid-Ramadan', async () => {
    // 1 Ramadan 1446 = 2025-03-01, 1 Shawwal = 2025-03-30, 1 Dhu al-Qadah = 2025-04-29. Riyadh is at +03:00.
    const site = await siteWith(around(['2025-02-28T21:00:00Z', '2025-03-29T21:00:00Z', '2025-04-28T21:00:00Z'], '2025-03-20T12:00:00Z'));
    const whole = (await scoresJson(site, { kind: 'nps', interval: 'month', calendar: 'islamic-umalqura', tz: 'Asia/Riyadh', from: '2025-03-01', to: '2025-04-29' })).body;
    expect(whole.calendar).toBe('islamic-umalqura');
    expect(whole.series!.map((b) => [b.start, b.label, b.n])).toEqual([
      ['2025-02-28T21:00:00Z', '1446-09-01', 3],
      ['2025-03-29T21:00:00Z', '1446-10-01', 2],
    ]);
    expect(whole.total.n).toBe(5);

    const partial = (await scoresJson(site, { kind: 'nps', interval: 'month', calendar: 'islamic-umalqura', tz: 'Asia/Riyadh', from: '2025-03-15', to: '2025-04-29' })).body;
    expect(partial.series!.map((b) => [b.start, b.label, b.n])).toEqual([
      ['2025-03-14T21:00:00Z', '1446-09-15', 2],
      ['2025-03-29T21:00:00Z', '1446-10-01', 2],
    ]);
    expect(partial.series!.reduce((s, b) => s + b.n, 0)).toBe(partial.total.n);
  });

  it('gregory stays the default: Gregorian months and labels, calendar echoed', async () => {
    const site = await siteWith([{ score: 9, at: at('2025-03-21T12:00:00Z') }]);
    const { body } = await scoresJson(site, { kind: 'nps', interval: 'month', tz: 'Asia/Tehran', from: '2025-03-01', to: '2025-05-01' });
    expect(body.calendar).toBe('gregory');
    expect(body.series!.map((b) => [b.start, b.label, b.n])).toEqual([
      ['2025-02-28T20:30:00Z', '2025-03-01', 1],
      ['2025-03-31T20:30:00Z', '2025-04-01', 0],
    ]);
  });

  it('day buckets carry the local day in the asked calendar', async () => {
    const site = await siteWith([]);
    const { body } = await scoresJson(site, { kind: 'nps', interval: 'day', calendar: 'persian', tz: 'Asia/Tehran', from: '2025-11-21', to: '2025-11-23' });
    expect(body.series!.map((b) => [b.start, b.label])).toEqual([
      ['2025-11-20T20:30:00Z', '1404-08-30'],
      ['2025-11-21T20:30:00Z', '1404-09-01'],
    ]);
  });
});

describe('interval=week', () => {
  // 2026-01-03 and 2026-01-10 are Saturdays, 2026-01-04 and 2026-01-11 Sundays, 2026-01-05 and 2026-01-12 Mondays.
  const query = { kind: 'nps', interval: 'week', from: '2026-01-01', to: '2026-01-15' };

  it('week_start=sat starts buckets on Saturdays and is echoed', async () => {
    const site = await siteWith([
      { score: 10, at: at('2026-01-02T23:59:00Z') }, // Friday
      { score: 9, at: at('2026-01-03T00:00:00Z') }, // Saturday
      { score: 0, at: at('2026-01-09T23:59:00Z') },
      { score: 7, at: at('2026-01-10T00:00:00Z') },
    ]);
    const { body } = await scoresJson(site, { ...query, week_start: 'sat' });
    expect(body.week_start).toBe('sat');
    expect(body.series!.map((b) => [b.start, b.label, b.n])).toEqual([
      ['2026-01-01T00:00:00Z', '2026-01-01', 1],
      ['2026-01-03T00:00:00Z', '2026-01-03', 2],
      ['2026-01-10T00:00:00Z', '2026-01-10', 1],
    ]);
  });

  it('defaults: Monday for gregory, Saturday for persian and islamic-umalqura', async () => {
    const site = await siteWith([]);
    const monday = (await scoresJson(site, query)).body;
    expect(monday.week_start).toBe('mon');
    expect(monday.series!.map((b) => b.start)).toEqual(['2026-01-01T00:00:00Z', '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z']);
    for (const calendar of ['persian', 'islamic-umalqura']) {
      const { body } = await scoresJson(site, { ...query, calendar, tz: 'Asia/Tehran' });
      expect(body.week_start, calendar).toBe('sat');
      expect(body.series!.map((b) => b.start), calendar).toEqual(['2025-12-31T20:30:00Z', '2026-01-02T20:30:00Z', '2026-01-09T20:30:00Z']);
    }
    const persian = (await scoresJson(site, { ...query, calendar: 'persian', tz: 'Asia/Tehran' })).body;
    expect(persian.series!.map((b) => b.label)).toEqual(['1404-10-11', '1404-10-13', '1404-10-20']);
    const sunday = (await scoresJson(site, { ...query, calendar: 'persian', week_start: 'sun' })).body;
    expect(sunday.series!.map((b) => b.start)).toEqual(['2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z']);
  });

  it('week_start with another interval is accepted and changes nothing', async () => {
    const site = await siteWith([{ score: 9, at: at('2026-01-03T12:00:00Z') }]);
    const days = { kind: 'nps', interval: 'day', from: '2026-01-01', to: '2026-01-08' };
    const plain = (await scoresJson(site, days)).body;
    const withSat = (await scoresJson(site, { ...days, week_start: 'sat' })).body;
    expect(withSat).toEqual(plain);
    expect(withSat.week_start).toBeUndefined();
  });
});

describe('bad calendar and week_start', () => {
  const bad: [string, Record<string, string>, string][] = [
    ['calendar', { kind: 'nps', calendar: 'julian' }, 'gregory, persian or islamic-umalqura'],
    ['calendar', { kind: 'nps', calendar: 'Persian' }, 'gregory, persian or islamic-umalqura'],
    ['calendar', { kind: 'nps', calendar: 'islamic' }, 'gregory, persian or islamic-umalqura'],
    ['calendar', { kind: 'nps', calendar: '' }, 'gregory, persian or islamic-umalqura'],
    ['week_start', { kind: 'nps', interval: 'week', week_start: 'fri' }, 'mon, sat or sun'],
    ['week_start', { kind: 'nps', interval: 'week', week_start: 'monday' }, 'mon, sat or sun'],
    ['week_start', { kind: 'nps', week_start: '1' }, 'mon, sat or sun'],
  ];
  for (const [parameter, query, allowed] of bad) {
    it(`400 invalid_query naming ${parameter} and its values: ${JSON.stringify(query)}`, async () => {
      const site = await createSite();
      const res = await scores(site, query);
      expect(res.status).toBe(400);
      const body = await json<{ error: { code: string; message: string; issues: { path: string; message: string }[] } }>(res);
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.issues).toEqual([{ path: parameter, message: `must be ${allowed}` }]);
      expect(body.error.message).toBe(`${parameter}: must be ${allowed}`);
    });
  }
});
