/**
 * Generated bad input to every public endpoint (docs/contract.md §3): each case is a
 * valid request broken in one or more ways. Whatever the server must refuse
 * gets a 4xx in the error shape, never a 5xx, and leaves every table as it was.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kind, SCALES } from '../../shared/kinds';
import { EVENT_TYPES, EventBody, ResponseBody } from '../../shared/schemas/response';
import {
  answerFields, bodyTweak, contentType, decodeSegment, encodeBody, foreignOrigin, kind, locale, mutations, mutate, oddSegment, printable,
  readAsServer, touchpoint, userAgent,
} from './arbitraries';
import { createSite, createSurvey, postJson, type TestSite } from './helpers';
import { Baseline, expectNoWrite, expectRefused, type Probe, runs, tally, timeout } from './probe';

const ORIGIN = 'https://shop.example';
let site: TestSite;
let other: TestSite;
const surveyOf = {} as Record<Kind, string>;
const kindOf = new Map<string, Kind>();
let foreignSurvey: string;
/** A stored answer that already has its comment: any further comment is refused. */
let commented: string;

beforeAll(async () => {
  site = await createSite([ORIGIN]);
  other = await createSite(['https://other.example']);
  for (const k of ['nps', 'csat', 'ces'] as const) {
    surveyOf[k] = await createSurvey(site.site, k);
    kindOf.set(surveyOf[k], k);
  }
  foreignSurvey = await createSurvey(other.site, 'nps');
  commented = crypto.randomUUID();
  const res = await postJson('/v1/responses', { id: commented, site: site.site, survey: surveyOf.nps, score: 7, comment: 'first' });
  expect(res.status).toBe(201);
});

afterAll(() => console.log(tally.report('public endpoints')));

/** Values of this store that look valid in the wrong place. */
const decoys = () => [
  other.site, foreignSurvey, surveyOf.nps, surveyOf.csat, surveyOf.ces, 'unknown-site', 'sv_unknownsurvey', commented.toUpperCase(),
  ...Array.from({ length: 11 }, (_, s) => s), 'shown', 'dismissed', 'clicked',
];

const origin = fc.option(fc.oneof(fc.constant(ORIGIN), foreignOrigin), { nil: undefined });

function headers(type: string | undefined, originValue: string | undefined, ua: string): Record<string, string> {
  return {
    ...(type === undefined ? {} : { 'content-type': type }),
    ...(originValue === undefined ? {} : { origin: originValue }),
    'user-agent': ua,
  };
}

/** Reads: no Origin (or a blank one: header values are trimmed, and empty ones dropped) is not a browser, and passes. */
const originAllowed = (h: Record<string, string>, origins: readonly string[]) => !h.origin?.trim() || origins.includes(h.origin.trim());
/** Writes need an Origin the site lists. */
const writeOriginAllowed = (h: Record<string, string>, origins: readonly string[]) => !!h.origin?.trim() && origins.includes(h.origin.trim());

/** A POST of a (possibly) broken body, with the mutations named for failure messages. */
const brokenPost = (path: string, base: fc.Arbitrary<Record<string, unknown>>) =>
  fc.record({ base, mutate: fc.option(mutations(decoys()), { nil: undefined }), tweak: bodyTweak, type: contentType, origin, ua: userAgent }).map(
    (c): Probe => {
      const value = c.mutate ? mutate(c.base, c.mutate) : c.base;
      return {
        method: 'POST',
        path,
        headers: headers(c.type, c.origin, c.ua),
        body: encodeBody(value, c.tweak),
        why: `mutations ${JSON.stringify(c.mutate ?? [])}, body ${c.tweak.kind}, content-type ${c.type}, origin ${c.origin}`.slice(0, 400),
      };
    },
  );

/** Would the collector store this answer? (Everything it checks, in the contract's words.) */
function answerAccepted(probe: Probe): boolean {
  const read = readAsServer(probe.body, probe.headers['content-type']);
  if (!read.ok) return false;
  const parsed = v.safeParse(ResponseBody, read.value);
  if (!parsed.success || parsed.output.site !== site.site || !writeOriginAllowed(probe.headers, [ORIGIN])) return false;
  const k = kindOf.get(parsed.output.survey);
  return k !== undefined && parsed.output.score >= SCALES[k].min && parsed.output.score <= SCALES[k].max;
}

function eventAccepted(probe: Probe): boolean {
  const read = readAsServer(probe.body, probe.headers['content-type']);
  if (!read.ok) return false;
  const parsed = v.safeParse(EventBody, read.value);
  return parsed.success && parsed.output.site === site.site && kindOf.has(parsed.output.survey) && writeOriginAllowed(probe.headers, [ORIGIN]);
}

const validAnswer = kind.chain((k) =>
  fc.record({ id: fc.uuid(), fields: answerFields(k) }).map(({ id, fields }) => ({ id, site: site.site, survey: surveyOf[k], ...fields }) as Record<string, unknown>),
);

const validEvent = fc
  .record({ kind, type: fc.constantFrom(...EVENT_TYPES), touchpoint, locale }, { requiredKeys: ['kind', 'type'] })
  .map(({ kind: k, ...rest }) => ({ site: site.site, survey: surveyOf[k], ...rest }) as Record<string, unknown>);

/** Generous: each property runs hundreds of requests (a few ms each on a busy 2-core machine). */
const TIMEOUT = timeout(60_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('generated bad input to public endpoints', () => {
  it('POST /v1/responses refuses every broken answer with a 4xx and stores nothing', async () => {
    const probes = brokenPost('/v1/responses', validAnswer).filter((p) => !answerAccepted(p));
    const baseline = await Baseline.take();
    await fc.assert(fc.asyncProperty(probes, async (p) => void (await expectRefused(p, baseline))), runs(500));
  }, TIMEOUT);

  it('POST /v1/events refuses every broken event with a 4xx and counts nothing, even after a flush', async () => {
    const baseline = await Baseline.take();
    const probes = brokenPost('/v1/events', validEvent).filter((p) => !eventAccepted(p));
    await fc.assert(fc.asyncProperty(probes, async (p) => void (await expectRefused(p, baseline))), runs(250));
    // Events may be counted in memory and written a moment later: give that a chance to show.
    await sleep(1500);
    expect(await baseline.changes()).toEqual([]);
  }, TIMEOUT);

  it('valid answers, comments and events without an Origin the site lists are refused (403) and change nothing', async () => {
    const strayOrigin = fc.option(fc.oneof(foreignOrigin, fc.constantFrom('null', 'https://other.example', `${ORIGIN}/`, ORIGIN.toUpperCase())), { nil: undefined });
    const write = fc.oneof(
      validAnswer.map((body) => ['/v1/responses', body] as const),
      validEvent.map((body) => ['/v1/events', body] as const),
      fc.constant([`/v1/responses/${crypto.randomUUID()}/comment`, { site: site.site, comment: 'hello' }] as const),
    );
    const probes = fc.record({ write, origin: strayOrigin, ua: userAgent }).map(
      ({ write: [path, body], origin: o, ua }): Probe => ({
        method: 'POST',
        path,
        headers: headers('application/json', o, ua),
        body: new TextEncoder().encode(JSON.stringify(body)),
        why: `${path} from origin ${o}`,
      }),
    );
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (p) => {
        const res = await expectRefused(p, baseline);
        expect(res.status, p.why).toBe(403);
      }),
      runs(150),
    );
    await sleep(1500);
    expect(await baseline.changes()).toEqual([]);
  }, TIMEOUT);

  it('POST /v1/responses/{id}/comment refuses a second comment, unknown ids and broken bodies', async () => {
    const id = fc.oneof(
      fc.constant(commented),
      fc.constant(commented.toUpperCase()),
      fc.uuid(),
      oddSegment,
    );
    const base = fc.record({ site: fc.constantFrom(site.site, other.site), comment: fc.string({ minLength: 1, maxLength: 50 }) });
    const probes = id.chain((segment) => brokenPost(`/v1/responses/${segment}/comment`, base));
    const baseline = await Baseline.take();
    await fc.assert(fc.asyncProperty(probes, async (p) => void (await expectRefused(p, baseline))), runs(150));
  }, TIMEOUT);

  it('GET /v1/sites/{site}/config answers odd keys and foreign origins with a 4xx, and writes nothing', async () => {
    const segment = fc.oneof(fc.constantFrom(site.site, other.site, encodeURIComponent(site.site).replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)), oddSegment);
    const probes = fc
      .record({ segment, origin, etag: fc.option(printable(30), { nil: undefined }), query: fc.option(fc.webQueryParameters(), { nil: undefined }) })
      .map(({ segment: s, origin: o, etag, query }): Probe => ({
        method: 'GET',
        path: `/v1/sites/${s}/config${query ? `?${query}` : ''}`,
        headers: { ...(o === undefined ? {} : { origin: o }), ...(etag === undefined ? {} : { 'if-none-match': etag }) },
        why: `site segment ${JSON.stringify(s)}, origin ${o}`,
      }));
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (probe) => {
        const key = decodeSegment(probe.path.split('/')[3]!);
        const known = key === site.site ? [ORIGIN] : key === other.site ? ['https://other.example'] : null;
        if (known && originAllowed(probe.headers, known)) {
          const res = await expectNoWrite(probe, baseline);
          expect([200, 304], probe.why).toContain(res.status);
        } else {
          await expectRefused(probe, baseline);
        }
      }),
      runs(150),
    );
  }, TIMEOUT);

  it('other methods on public paths are refused (preflights aside) and write nothing', async () => {
    const paths = ['/v1/responses', '/v1/events', `/v1/responses/${commented}/comment`, `/v1/sites/${site.site}/config`, '/v1/responses/', '/v1//events', '/V1/responses'];
    const probes = fc
      .record({ path: fc.constantFrom(...paths), method: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'POST'), origin, validBody: validAnswer })
      .filter(({ path, method }) => !(method === 'POST' && paths.indexOf(path) < 3) && !(method === 'GET' && path.endsWith('/config')))
      .map(({ path, method, origin: o, validBody }): Probe => ({
        method,
        path,
        headers: { 'content-type': 'application/json', ...(o === undefined ? {} : { origin: o }) },
        ...(method === 'GET' ? {} : { body: new TextEncoder().encode(JSON.stringify(validBody)) }),
        why: `${method} with origin ${o}`,
      }));
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (probe) => {
        // A preflight from a listed origin is answered 204; nothing else here is a route.
        const allowedPreflight =
          probe.method === 'OPTIONS' && paths.indexOf(probe.path) < 4 && [ORIGIN, 'https://other.example'].includes(probe.headers.origin ?? '');
        const res = allowedPreflight ? await expectNoWrite(probe, baseline) : null;
        if (res) expect(res.status, probe.why).toBe(204);
        else await expectRefused(probe, baseline);
      }),
      runs(100),
    );
  }, TIMEOUT);
});
