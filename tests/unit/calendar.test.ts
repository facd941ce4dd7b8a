/**
 * Local calendars and week starts. Every expected date here is worked out
 * without Intl: Persian months from Nowruz (the March equinox, before or
 * after noon in Tehran) and the fixed month lengths; Umm al-Qura months from
 * the published Umm al-Qura table; offsets from the time-zone laws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALENDARS, type Calendar, WEEK_STARTS, type WeekStart, bucketLabels, calendarDateAt, dayLabel, defaultWeekStart, toCalendar,
} from '../../shared/calendar';
import { type CalendarInterval, bucketEdges, isoUtc, localDate } from '../../shared/time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Gregorian day arithmetic on `YYYY-MM-DD`, with Date.UTC alone. */
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const plusDays = (iso: string, days: number) => new Date(dayMs(iso) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((dayMs(b) - dayMs(a)) / DAY);
const gregorian = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) });
/** Local midnight of a Gregorian day in a zone `offsetHours` east of UTC, as ISO UTC. */
const midnight = (iso: string, offsetHours: number) => isoUtc(dayMs(iso) - offsetHours * HOUR);

const edgesOf = (tz: string, interval: CalendarInterval, from: string, to: string, options: { calendar?: Calendar; weekStart?: WeekStart } = {}) =>
  bucketEdges(tz, interval, Date.parse(from), Date.parse(to), 10_000, options);

// ---------------------------------------------------------------------------
// Persian (Solar Hijri) reference

/**
 * March equinoxes (UTC, to the minute, from astronomical tables). Iran's
 * year starts on the day of the equinox when it comes before noon Tehran
 * time (UTC+03:30), else on the next day.
 */
const EQUINOX: Record<number, string> = {
  1399: '2020-03-20T03:50Z',
  1400: '2021-03-20T09:37Z',
  1401: '2022-03-20T15:33Z',
  1402: '2023-03-20T21:24Z',
  1403: '2024-03-20T03:06Z',
  1404: '2025-03-20T09:01Z',
  1405: '2026-03-20T14:46Z',
  1406: '2027-03-20T20:25Z',
  1407: '2028-03-20T02:17Z',
};
function nowruz(year: number): string {
  const tehran = new Date(Date.parse(EQUINOX[year]!) + 3.5 * HOUR).toISOString();
  const day = tehran.slice(0, 10);
  return Number(tehran.slice(11, 13)) < 12 ? day : plusDays(day, 1);
}
/** Months 1–6 have 31 days, 7–11 have 30, and Esfand what is left before the next Nowruz (29 or 30). */
function persianMonthLength(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return daysBetween(nowruz(year), nowruz(year + 1)) - 336;
}
function persianMonthStart(year: number, month: number): string {
  let day = nowruz(year);
  for (let m = 1; m < month; m++) day = plusDays(day, persianMonthLength(year, m));
  return day;
}
/**
 * Iran kept summer time (+04:30) from 2 Farvardin to 30 Shahrivar until 1401
 * (2022) and abolished it after: of the month starts, Ordibehesht (2) to
 * Shahrivar (6) of those years fall in it.
 */
const tehranOffset = (year: number, month: number) => (year <= 1401 && month >= 2 && month <= 6 ? 4.5 : 3.5);

describe('Persian calendar in Asia/Tehran', () => {
  it('derives the reference itself right: the dates the brief and the press give', () => {
    expect(nowruz(1404)).toBe('2025-03-21');
    expect(nowruz(1403)).toBe('2024-03-20');
    expect(nowruz(1400)).toBe('2021-03-21');
    expect(persianMonthStart(1404, 9)).toBe('2025-11-22'); // 1 Azar 1404
    expect(persianMonthLength(1403, 12)).toBe(30); // 1403 is a leap year
    expect(persianMonthLength(1404, 12)).toBe(29);
  });

  it('names every first and last day of the months 1399–1406', () => {
    for (let y = 1399; y <= 1406; y++) {
      for (let m = 1; m <= 12; m++) {
        const first = persianMonthStart(y, m);
        expect(toCalendar('persian', gregorian(first)), `${y}-${m}`).toEqual({ y, m, d: 1 });
        const last = toCalendar('persian', gregorian(plusDays(first, persianMonthLength(y, m) - 1)));
        expect(last, `${y}-${m} last`).toEqual({ y, m, d: persianMonthLength(y, m) });
      }
    }
  });

  it('month buckets over seven years start at local midnight, which moved with summer time until 1401', () => {
    const expected: string[] = [];
    const labels: string[] = [];
    for (let y = 1399; y <= 1405; y++) {
      for (let m = 1; m <= 12; m++) {
        expected.push(midnight(persianMonthStart(y, m), tehranOffset(y, m)));
        labels.push(`${y}-${String(m).padStart(2, '0')}-01`);
      }
    }
    const to = midnight(nowruz(1406), 3.5);
    const edges = edgesOf('Asia/Tehran', 'month', expected[0]!, to, { calendar: 'persian' });
    expect(edges.map(isoUtc)).toEqual([...expected, to]);
    expect(bucketLabels('Asia/Tehran', 'persian', edges)).toEqual(labels);
    // 1400: Farvardin starts at 20:30 UTC, Ordibehesht to Shahrivar at 19:30, Mehr at 20:30 again.
    expect(expected.slice(12, 19)).toEqual([
      '2021-03-20T20:30:00Z', '2021-04-20T19:30:00Z', '2021-05-21T19:30:00Z', '2021-06-21T19:30:00Z',
      '2021-07-22T19:30:00Z', '2021-08-22T19:30:00Z', '2021-09-22T20:30:00Z',
    ]);
  });

  it('the day summer time began (2 Farvardin 1400) has no midnight: its bucket starts at 01:00 and keeps its label', () => {
    const edges = edgesOf('Asia/Tehran', 'day', '2021-03-20T20:30:00Z', '2021-03-23T19:30:00Z', { calendar: 'persian' });
    expect(edges.map(isoUtc)).toEqual(['2021-03-20T20:30:00Z', '2021-03-21T20:30:00Z', '2021-03-22T19:30:00Z', '2021-03-23T19:30:00Z']);
    expect(bucketLabels('Asia/Tehran', 'persian', edges)).toEqual(['1400-01-01', '1400-01-02', '1400-01-03']);
  });

  it('a first bucket that starts mid-month is labelled with the day of from', () => {
    const edges = edgesOf('Asia/Tehran', 'month', '2025-12-01T08:00:00Z', '2026-01-31T00:00:00Z', { calendar: 'persian' });
    // 10 Azar 1404; 1 Dey = 2025-12-22; 1 Bahman = 2026-01-21.
    expect(edges.map(isoUtc)).toEqual(['2025-12-01T08:00:00Z', midnight(persianMonthStart(1404, 10), 3.5), midnight(persianMonthStart(1404, 11), 3.5), '2026-01-31T00:00:00Z']);
    expect(bucketLabels('Asia/Tehran', 'persian', edges)).toEqual(['1404-09-10', '1404-10-01', '1404-11-01']);
  });
});

// ---------------------------------------------------------------------------
// Umm al-Qura reference

/**
 * First days of months in the published Umm al-Qura table. Ramadan and
 * Shawwal 1445 and 1446, Dhu al-Hijjah 1446 and Muharram 1447 are also the
 * days the Saudi Supreme Court announced.
 */
const UMM_AL_QURA: [number, number, string][] = [
  [1445, 9, '2024-03-11'],
  [1445, 10, '2024-04-10'],
  [1446, 8, '2025-01-31'],
  [1446, 9, '2025-03-01'],
  [1446, 10, '2025-03-30'],
  [1446, 11, '2025-04-29'],
  [1446, 12, '2025-05-28'],
  [1447, 1, '2025-06-26'],
  [1447, 2, '2025-07-26'],
  [1447, 3, '2025-08-24'],
  [1447, 6, '2025-11-22'],
];

describe('Umm al-Qura calendar in Asia/Riyadh', () => {
  it('names the first days of months as the published table does, and the day before as a 29th or 30th', () => {
    for (const [y, m, first] of UMM_AL_QURA) {
      expect(toCalendar('islamic-umalqura', gregorian(first)), first).toEqual({ y, m, d: 1 });
      const before = toCalendar('islamic-umalqura', gregorian(plusDays(first, -1)));
      expect([29, 30], first).toContain(before.d);
      expect(before.m, first).toBe(m === 1 ? 12 : m - 1);
    }
  });

  it('month buckets from Sha‘ban 1446 to Safar 1447 start at midnight in Riyadh (UTC+03:00)', () => {
    const months = UMM_AL_QURA.slice(2, 10); // 1446-08 … 1447-03, consecutive
    const edges = edgesOf('Asia/Riyadh', 'month', midnight(months[0]![2], 3), midnight(months.at(-1)![2], 3), { calendar: 'islamic-umalqura' });
    expect(edges.map(isoUtc)).toEqual(months.map(([, , day]) => midnight(day, 3)));
    expect(bucketLabels('Asia/Riyadh', 'islamic-umalqura', edges)).toEqual(months.slice(0, -1).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}-01`));
    expect(isoUtc(edges[1]!)).toBe('2025-02-28T21:00:00Z'); // 1 Ramadan 1446 = 1 March 2025
  });

  it('a range from mid-Ramadan is labelled with that day', () => {
    const edges = edgesOf('Asia/Riyadh', 'month', '2025-03-14T21:00:00Z', '2025-04-10T00:00:00Z', { calendar: 'islamic-umalqura' });
    expect(edges.map(isoUtc)).toEqual(['2025-03-14T21:00:00Z', '2025-03-29T21:00:00Z', '2025-04-10T00:00:00Z']);
    expect(bucketLabels('Asia/Riyadh', 'islamic-umalqura', edges)).toEqual(['1446-09-15', '1446-10-01']);
  });
});

// ---------------------------------------------------------------------------
// Weeks

describe('week starts', () => {
  it('default to Monday for gregory and Saturday for the others', () => {
    expect(defaultWeekStart('gregory')).toBe('mon');
    expect(defaultWeekStart('persian')).toBe('sat');
    expect(defaultWeekStart('islamic-umalqura')).toBe('sat');
    // 2026-03-07 and 2026-03-14 are Saturdays; Tehran is at +03:30 all year now.
    const edges = edgesOf('Asia/Tehran', 'week', '2026-03-04T00:00:00Z', '2026-03-20T00:00:00Z', { calendar: 'persian' });
    expect(edges.map(isoUtc)).toEqual(['2026-03-04T00:00:00Z', '2026-03-06T20:30:00Z', '2026-03-13T20:30:00Z', '2026-03-20T00:00:00Z']);
    expect(bucketLabels('Asia/Tehran', 'persian', edges)).toEqual(['1404-12-13', '1404-12-16', '1404-12-23']);
  });

  // America/New_York springs forward on Sunday 8 March 2026 at 02:00 (−05:00 → −04:00).
  const spring = { from: '2026-02-28T05:00:00Z', to: '2026-03-22T04:00:00Z' };
  const springCases: [WeekStart, string[]][] = [
    ['sat', ['2026-03-07T05:00:00Z', '2026-03-14T04:00:00Z', '2026-03-21T04:00:00Z']],
    ['sun', ['2026-03-01T05:00:00Z', '2026-03-08T05:00:00Z', '2026-03-15T04:00:00Z']],
    ['mon', ['2026-03-02T05:00:00Z', '2026-03-09T04:00:00Z', '2026-03-16T04:00:00Z']],
  ];
  for (const [weekStart, inner] of springCases) {
    it(`America/New_York, spring: ${weekStart} weeks start at local midnight on either side of the change`, () => {
      const edges = edgesOf('America/New_York', 'week', spring.from, spring.to, { weekStart });
      expect(edges.map(isoUtc)).toEqual([spring.from, ...inner, spring.to]);
    });
  }

  // Europe/London falls back on Sunday 25 October 2026 at 02:00 BST (+01:00 → +00:00).
  const autumn = { from: '2026-10-15T23:00:00Z', to: '2026-11-05T00:00:00Z' };
  const autumnCases: [WeekStart, string[], string[]][] = [
    ['sat', ['2026-10-16T23:00:00Z', '2026-10-23T23:00:00Z', '2026-10-31T00:00:00Z'], ['2026-10-16', '2026-10-17', '2026-10-24', '2026-10-31']],
    ['sun', ['2026-10-17T23:00:00Z', '2026-10-24T23:00:00Z', '2026-11-01T00:00:00Z'], ['2026-10-16', '2026-10-18', '2026-10-25', '2026-11-01']],
    ['mon', ['2026-10-18T23:00:00Z', '2026-10-26T00:00:00Z', '2026-11-02T00:00:00Z'], ['2026-10-16', '2026-10-19', '2026-10-26', '2026-11-02']],
  ];
  for (const [weekStart, inner, labels] of autumnCases) {
    it(`Europe/London, autumn: ${weekStart} weeks, and the week holding the change lasts 169 hours`, () => {
      const edges = edgesOf('Europe/London', 'week', autumn.from, autumn.to, { weekStart });
      expect(edges.map(isoUtc)).toEqual([autumn.from, ...inner, autumn.to]);
      const change = Date.parse('2026-10-25T01:00:00Z');
      const i = edges.findIndex((t, k) => t <= change && change < edges[k + 1]!);
      expect((edges[i + 1]! - edges[i]!) / HOUR).toBe(7 * 24 + 1);
      expect(bucketLabels('Europe/London', 'gregory', edges)).toEqual(labels);
    });
  }

  it('other intervals ignore the week start', () => {
    for (const interval of ['hour', 'day', 'month'] as const) {
      const plain = edgesOf('Asia/Tehran', interval, '2026-03-01T00:00:00Z', '2026-03-09T00:00:00Z');
      for (const weekStart of WEEK_STARTS) expect(edgesOf('Asia/Tehran', interval, '2026-03-01T00:00:00Z', '2026-03-09T00:00:00Z', { weekStart })).toEqual(plain);
    }
  });
});

// ---------------------------------------------------------------------------
// Labels

describe('labels', () => {
  it('are YYYY-MM-DD with ASCII digits in every calendar (1 Azar 1404 = 1 Jumada II 1447 = 22 Nov 2025)', () => {
    const tehranMidnight = Date.parse('2025-11-21T20:30:00Z');
    const expected: Record<Calendar, [string, string]> = {
      gregory: ['2025-11-21', '2025-11-22'],
      persian: ['1404-08-30', '1404-09-01'],
      'islamic-umalqura': ['1447-05-30', '1447-06-01'],
    };
    for (const calendar of CALENDARS) {
      const before = dayLabel(calendarDateAt('Asia/Tehran', calendar, tehranMidnight - 1));
      const after = dayLabel(calendarDateAt('Asia/Tehran', calendar, tehranMidnight));
      expect([before, after], calendar).toEqual(expected[calendar]);
      expect(after).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
    }
  });

  it('pads small numbers', () => {
    expect(dayLabel({ y: 1404, m: 1, d: 5 })).toBe('1404-01-05');
    expect(dayLabel({ y: 999, m: 12, d: 31 })).toBe('0999-12-31');
  });

  it('hour buckets carry the local date of their hour, in the calendar', () => {
    const edges = edgesOf('Asia/Tehran', 'hour', '2025-11-21T19:00:00Z', '2025-11-21T22:00:00Z');
    expect(edges.map(isoUtc)).toEqual(['2025-11-21T19:00:00Z', '2025-11-21T19:30:00Z', '2025-11-21T20:30:00Z', '2025-11-21T21:30:00Z', '2025-11-21T22:00:00Z']);
    expect(bucketLabels('Asia/Tehran', 'persian', edges)).toEqual(['1404-08-30', '1404-08-30', '1404-09-01', '1404-09-01']);
  });
});

// ---------------------------------------------------------------------------
// Every zone, calendar and interval

const ZONES = [
  'UTC', 'Asia/Tehran', 'Asia/Riyadh', 'Asia/Kathmandu', 'America/New_York', 'Europe/London', 'America/Santiago', 'Australia/Lord_Howe',
  'Pacific/Chatham', 'America/St_Johns', 'Pacific/Apia',
];

describe('edges in any zone and calendar', () => {
  it('are strictly increasing, start at from, end at to, and inner edges open a local day, week or month', () => {
    const query = fc.record({
      tz: fc.constantFrom(...ZONES),
      calendar: fc.constantFrom(...CALENDARS),
      weekStart: fc.option(fc.constantFrom(...WEEK_STARTS), { nil: undefined }),
      interval: fc.constantFrom('day', 'week', 'month'),
      from: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2090, 0, 1) }).map((t) => Math.floor(t / (15 * MINUTE)) * 15 * MINUTE),
      days: fc.integer({ min: 1, max: 3 * 366 }),
    });
    fc.assert(
      fc.property(query, ({ tz, calendar, weekStart, interval, from, days }) => {
        const span = interval === 'day' ? Math.min(days, 120) : days;
        const to = from + span * DAY;
        const edges = bucketEdges(tz, interval, from, to, 10_000, { calendar, weekStart });
        expect(edges[0]).toBe(from);
        expect(edges.at(-1)).toBe(to);
        for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
        const labels = bucketLabels(tz, calendar, edges);
        expect(labels).toHaveLength(edges.length - 1);
        for (let i = 1; i < edges.length - 1; i++) {
          // A new local day begins at the edge (a minute before, it was another day).
          expect(localDate(tz, edges[i]! - MINUTE)).not.toEqual(localDate(tz, edges[i]!));
          const day = calendarDateAt(tz, calendar, edges[i]!);
          if (interval === 'month') expect(day.d).toBe(1);
          if (interval === 'week') {
            const { y, m, d } = localDate(tz, edges[i]!);
            expect(new Date(Date.UTC(y, m - 1, d)).getUTCDay()).toBe({ sun: 0, mon: 1, sat: 6 }[weekStart ?? defaultWeekStart(calendar)]);
          }
          if (i > 1 && interval !== 'day') {
            // No period is skipped: consecutive buckets are 7 days, or one month, apart.
            const prev = calendarDateAt(tz, calendar, edges[i - 1]!);
            if (interval === 'month') expect((day.y * 12 + day.m) - (prev.y * 12 + prev.m)).toBe(1);
            else {
              // Counted in calendar days: a week that lost a day to a date-line jump (Apia, 2011) is still a week.
              const [a, b] = [localDate(tz, edges[i - 1]!), localDate(tz, edges[i]!)];
              expect((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY).toBe(7);
            }
          }
        }
        for (const label of labels) expect(label).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// Cost

/** Calls of Intl's formatToParts made by `work`, and its time in ms. */
function cost(work: () => void): { calls: number; ms: number } {
  const proto = Intl.DateTimeFormat.prototype;
  const original = proto.formatToParts;
  let calls = 0;
  proto.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
    calls++;
    return original.call(this, date);
  };
  const started = performance.now();
  try {
    work();
  } finally {
    proto.formatToParts = original;
  }
  return { calls, ms: performance.now() - started };
}

describe('cost', () => {
  it('three years of days or of months, with labels, take a handful of Intl calls per bucket', () => {
    const from = Date.parse('2023-03-20T20:30:00Z');
    const to = from + 3 * 365 * DAY;
    let edges: number[] = [];
    const days = cost(() => {
      edges = bucketEdges('Asia/Tehran', 'day', from, to, 10_000, { calendar: 'persian' });
      bucketLabels('Asia/Tehran', 'persian', edges);
    });
    expect(edges.length - 1).toBe(3 * 365);
    // startOfDay reads the zone two to four times a day; the label once.
    expect(days.calls / (edges.length - 1)).toBeLessThanOrEqual(6);
    const report = [`3 years of days, Asia/Tehran, persian: ${edges.length - 1} buckets, ${days.calls} Intl calls, ${days.ms.toFixed(1)} ms`];
    for (const calendar of CALENDARS) {
      for (const tz of ['Asia/Tehran', 'Asia/Riyadh', 'America/New_York']) {
        const months = cost(() => {
          edges = bucketEdges(tz, 'month', from, to, 10_000, { calendar });
          bucketLabels(tz, calendar, edges);
        });
        expect(edges.length - 1).toBeGreaterThanOrEqual(36);
        expect(months.calls / (edges.length - 1)).toBeLessThanOrEqual(8);
        report.push(`3 years of months, ${tz}, ${calendar}: ${edges.length - 1} buckets, ${months.calls} Intl calls, ${months.ms.toFixed(1)} ms`);
      }
    }
    console.log(report.join('\n'));
  });
});

describe('runtime', () => {
  it('this Node knows both calendars (rather than silently falling back to Gregorian)', () => {
    expect(Intl.supportedValuesOf('calendar')).toEqual(expect.arrayContaining(['persian', 'islamic-umalqura']));
    for (const calendar of CALENDARS) {
      expect(new Intl.DateTimeFormat('en-US', { calendar }).resolvedOptions().calendar).toBe(calendar);
    }
  });
});
