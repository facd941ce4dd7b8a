/**
 * Generated queries to the analyst endpoints (docs/contract.md §4): valid ones,
 * broken ones, odd encodings, odd Authorization headers. None may answer
 * 5xx or write; whatever the query schema or the key refuses is a 4xx in the
 * error shape; whatever is answered 200 has the contract's shape.
 */
import fc from 'fast-check';
import { HonoRequest } from 'hono/request';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDARS, WEEK_STARTS } from '../../shared/calendar';
import { BANDS } from '../../shared/kinds';
import { CHANNELS } from '../../shared/schemas/channel';
import { COMPARES, GROUP_BYS, INTERVALS, ScoresQuery, ScoresResult } from '../../shared/schemas/scores';
import { badAuthorization, decodeSegment, kind, oddQueryValue, oddSegment, queryString, touchpoint } from './arbitraries';
import { ADMIN_TOKEN, asAdmin, call, createSite, createSurvey, seedResponses, type TestSite } from './helpers';
import { Baseline, expectErrorShape, expectNoWrite, type Probe, runs, tally, timeout } from './probe';

const TIMEOUT = timeout(60_000);
const DAY = 86_400_000;
let site: TestSite;
let other: TestSite;
let revokedKey: string;
const surveys: string[] = [];

beforeAll(async () => {
  site = await createSite();
  other = await createSite();
  for (const k of ['nps', 'csat', 'ces'] as const) {
    const survey = await createSurvey(site.site, k);
    surveys.push(survey);
    // A little history, so that answers have numbers in them.
    const now = Date.now();
    await seedResponses(site.site, survey, k, Array.from({ length: 40 }, (_, i) => ({
      score: k === 'nps' ? i % 11 : 1 + (i % (k === 'csat' ? 5 : 7)),
      at: now - (i % 20) * 7 * DAY - i * 3_600_000,
      touchpoint: ['checkout', 'support', ''][i % 3],
      locale: ['fa', 'en', ''][i % 3],
      country: ['IR', 'DE'][i % 2],
      device: ['mobile', 'desktop'][i % 2],
    })));
  }
  const minted = await asAdmin('POST', `/v1/admin/sites/${site.site}/keys`);
  const { read_key: key, prefix } = (await minted.json()) as { read_key: string; prefix: string };
  expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${prefix}`)).status).toBe(204);
  revokedKey = key;
});

afterAll(() => console.log(tally.report('analyst endpoints')));

/** Authorization: mostly the site's key; sometimes the admin token, another site's key, a revoked one, or junk. */
const authorization = () =>
  fc.oneof(
    { arbitrary: fc.constant(`Bearer ${site.readKey}`), weight: 8 },
    { arbitrary: fc.constantFrom(`Bearer ${ADMIN_TOKEN}`, `bearer   ${site.readKey}  `), weight: 1 },
    { arbitrary: fc.constantFrom(`Bearer ${other.readKey}`, `Bearer ${revokedKey}`), weight: 1 },
    { arbitrary: badAuthorization, weight: 2 },
  );

/** Is this header a credential for `siteKey`, a site that exists? (Bearer scheme, any case; the site's live key or the admin token.) */
function authorizes(header: string | undefined, siteKey: string): boolean {
  const token = header === undefined ? null : (/^Bearer\s+(\S+)\s*$/i.exec(header.trim())?.[1] ?? null);
  const liveKey = new Map([[site.site, site.readKey], [other.site, other.readKey]]).get(siteKey);
  return liveKey !== undefined && (token === ADMIN_TOKEN || token === liveKey);
}

const siteSegment = () => fc.oneof({ arbitrary: fc.constant(site.site), weight: 8 }, { arbitrary: fc.constant(other.site), weight: 1 }, { arbitrary: oddSegment, weight: 2 });

const ZONES = [
  'UTC', 'utc', 'Asia/Tehran', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'America/New_York', 'Pacific/Chatham',
  'Australia/Lord_Howe', 'Europe/Dublin', 'Africa/Casablanca', 'America/Santiago', 'Antarctica/Troll', 'Pacific/Apia',
  'Pacific/Kiritimati', 'Etc/GMT+12', 'Etc/GMT-14', 'EST5EDT',
];

/** A date or date-time as an analyst may type it, from 1970 to 2100. */
const dateParam = fc
  .record({
    at: fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
    form: fc.constantFrom('date', 'minutes', 'seconds', 'millis', 'offset'),
    offset: fc.constantFrom('+03:30', '-09:30', '+14:00', '+00:00', '-12:00', '+05:45'),
  })
  .map(({ at, form, offset }) => {
    const iso = new Date(at).toISOString();
    if (form === 'date') return iso.slice(0, 10);
    if (form === 'minutes') return iso.slice(0, 16);
    if (form === 'seconds') return `${iso.slice(0, 19)}Z`;
    if (form === 'millis') return iso;
    return `${iso.slice(0, 19)}${offset}`;
  });

/** Recent ranges, so that some answers fall inside. */
const recentDate = fc.integer({ min: -400, max: 30 }).map((days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10));

/** Which answers: a kind, a survey, or both (which may disagree). */
const selection = () =>
  fc.oneof(
    kind.map((k) => ({ kind: k })),
    fc.constantFrom(...surveys).map((survey) => ({ survey })),
    fc.record({ kind, survey: fc.constantFrom(...surveys) }),
  );

/** A range: mostly a recent one of up to 120 days, else any two dates (maybe reversed, maybe too long). */
const range = fc.oneof(
  { arbitrary: fc.record({ from: recentDate, days: fc.integer({ min: 1, max: 120 }) }).map(({ from, days }) => ({ from, to: new Date(Date.parse(from) + days * DAY).toISOString().slice(0, 10) })), weight: 3 },
  { arbitrary: fc.record({ from: fc.oneof(recentDate, dateParam), to: fc.oneof(recentDate, dateParam) }, { requiredKeys: [] }), weight: 2 },
);

const scoresParams = () =>
  fc
    .record({
      selection: selection(),
      range,
      rest: fc.record(
        {
          interval: fc.constantFrom(...INTERVALS),
          tz: fc.constantFrom(...ZONES),
          touchpoint,
          channel: fc.constantFrom(...CHANNELS),
          group_by: fc.constantFrom(...GROUP_BYS),
          compare: fc.constantFrom(...COMPARES),
          calendar: fc.constantFrom(...CALENDARS),
          week_start: fc.constantFrom(...WEEK_STARTS),
        },
        { requiredKeys: [] },
      ),
    })
    .map(({ selection: sel, range: r, rest }) => ({ ...sel, ...r, ...rest }));

/** Break a query (half the time): odd values, unknown or repeated parameters, raw broken escapes. */
const queryPairs = () =>
  fc
    .record({
      params: scoresParams(),
      odd: fc.oneof(
        fc.constant([] as { key: string; value: readonly [string, boolean] }[]),
        fc.array(
          fc.record({ key: fc.oneof(fc.constantFrom('kind', 'survey', 'from', 'to', 'interval', 'tz', 'touchpoint', 'group_by', 'compare', 'calendar', 'week_start'), fc.string({ maxLength: 10 })), value: oddQueryValue }),
          { minLength: 1, maxLength: 2 },
        ),
      ),
    })
    .map(({ params, odd }) => [
      ...Object.entries(params).map(([k, value]) => [k, String(value)] as const),
      ...odd.map(({ key, value: [value, raw] }) => [key, value, raw] as const),
    ]);

/** What the route reads from the query string, exactly (Hono's own parser). */
function parsedQuery(path: string): Record<string, string> {
  return new HonoRequest(new Request(`http://collector.test${path}`)).query();
}

async function checkAnswer(probe: Probe, baseline: Baseline, mustRefuse: boolean, check200: (res: Response) => Promise<void>): Promise<void> {
  const res = await expectNoWrite(probe, baseline);
  if (mustRefuse) expect(res.status, `${probe.path} [${probe.why}]`).toBeGreaterThanOrEqual(400);
  if (res.status === 200) await check200(res);
  else if (res.status < 400) throw new Error(`${probe.path}: unexpected ${res.status}`);
}

describe('generated queries to analyst endpoints', () => {
  it('GET /v1/sites/{site}/scores never answers 5xx or writes; refused queries get a 4xx, answered ones the contract shape', async () => {
    const probes = fc
      .record({ segment: siteSegment(), auth: authorization(), pairs: queryPairs() })
      .map(({ segment, auth, pairs }): Probe => ({
        method: 'GET',
        path: `/v1/sites/${segment}/scores${queryString(pairs)}`,
        headers: auth === undefined ? {} : { authorization: auth },
        why: `auth ${auth?.slice(0, 60)}`,
      }));
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (probe) => {
        const key = decodeSegment(probe.path.split('/')[3]!);
        const schemaRefuses = !v.is(ScoresQuery, parsedQuery(probe.path));
        const mustRefuse = !authorizes(probe.headers.authorization, key) || schemaRefuses;
        await checkAnswer(probe, baseline, mustRefuse, async (res) => {
          const body: unknown = await res.json();
          expect(v.is(ScoresResult, body), `${probe.path} → ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
          expect(res.headers.get('x-rows-read')).toMatch(/^\d+$/);
        });
      }),
      runs(400),
    );
  }, TIMEOUT);

  it('GET /v1/sites/{site}/responses (export) never answers 5xx or writes; bad format, limit or key get a 4xx', async () => {
    const exportPairs = fc
      .record({
        params: fc.record(
          {
            from: fc.oneof(recentDate, dateParam),
            to: fc.oneof(recentDate, dateParam),
            survey: fc.constantFrom(...surveys),
            kind,
            format: fc.oneof(fc.constantFrom('ndjson', 'csv'), fc.constantFrom('xml', 'CSV', 'json', '')),
            cursor: fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 60 })),
            limit: fc.oneof(fc.integer({ min: 1, max: 10_000 }).map(String), fc.constantFrom('0', '-1', '10001', '1.5', 'abc', '1e3', '', '99999999999999999999')),
            // Feed filters, often contradicting each other or the kind.
            band: fc.constantFrom(...BANDS, 'bogus'),
            min_score: fc.integer({ min: 0, max: 11 }).map(String),
            max_score: fc.integer({ min: -1, max: 10 }).map(String),
            has_comment: fc.constantFrom('true', 'false'),
            q: fc.constantFrom('courier', 'ثبت‌نام'),
            tz: fc.constantFrom(...ZONES),
            calendar: fc.constantFrom(...CALENDARS, 'julian'),
            bom: fc.constantFrom('0', '1', '2'),
          },
          { requiredKeys: [] },
        ),
        odd: fc.array(fc.record({ key: fc.oneof(fc.constantFrom('format', 'limit', 'cursor', 'from'), fc.string({ maxLength: 10 })), value: oddQueryValue }), { maxLength: 1 }),
      })
      .map(({ params, odd }) => ({
        params,
        pairs: [...Object.entries(params).map(([k, value]) => [k, value] as const), ...odd.map(({ key, value: [value, raw] }) => [key, value, raw] as const)],
        clean: odd.length === 0,
      }));
    const probes = fc.record({ segment: siteSegment(), auth: authorization(), q: exportPairs }).map(({ segment, auth, q }) => {
      const probe: Probe = {
        method: 'GET',
        path: `/v1/sites/${segment}/responses${queryString(q.pairs)}`,
        headers: auth === undefined ? {} : { authorization: auth },
        why: `auth ${auth?.slice(0, 60)}`,
      };
      return { q, probe };
    });
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async ({ q, probe }) => {
        const key = decodeSegment(probe.path.split('/')[3]!);
        const badFormat = q.clean && q.params.format !== undefined && !['ndjson', 'csv'].includes(q.params.format);
        const badLimit = q.clean && q.params.limit !== undefined && !/^[1-9]\d{0,3}$|^10000$/.test(q.params.limit);
        const mustRefuse = !authorizes(probe.headers.authorization, key) || badFormat || badLimit;
        await checkAnswer(probe, baseline, mustRefuse, async (res) => {
          expect(res.headers.get('content-type'), probe.path).toMatch(/^(application\/x-ndjson|application\/jsonl?|text\/csv)/);
          const text = await res.text();
          if (!res.headers.get('content-type')!.startsWith('text/csv')) {
            for (const line of text.split('\n').filter(Boolean)) JSON.parse(line);
          }
        });
      }),
      runs(200),
    );
  }, TIMEOUT);

  it('an error answer to a scores query names the parameter that is wrong', async () => {
    const res = await call(`/v1/sites/${site.site}/scores?kind=nps&interval=fortnight`, { headers: { authorization: `Bearer ${site.readKey}` } });
    const body = await expectErrorShape(res, { method: 'GET', path: '', headers: {}, why: 'fixed' });
    expect(body.error.issues?.map((i) => i.path)).toEqual(['interval']);
  });
});
