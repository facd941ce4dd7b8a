/**
 * Generated bad input to every admin endpoint (docs/contract.md §5): missing or odd
 * Authorization, unknown or oddly encoded sites, surveys, keys and users,
 * broken bodies. What must be refused is a 4xx in the error shape, never a
 * 5xx, and no table changes.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS, type Kind } from '../../shared/kinds';
import { Origin, SiteCreate, SitePatch } from '../../shared/schemas/site';
import { POSITIONS, SurveyCreate, SurveyPatch, TRIGGERS } from '../../shared/schemas/survey';
import {
  badAuthorization, bodyTweak, contentType, decodeSegment, encodeBody, isDotSegment, kind, locale, mutate, mutations, oddSegment,
  readAsServer, someText,
} from './arbitraries';
import { ADMIN_TOKEN, asAdmin, createSite, createSurvey, postJson, type TestSite } from './helpers';
import { Baseline, expectErrorShape, expectNoWrite, expectRefused, type Probe, runs, send, tally, timeout } from './probe';

const TIMEOUT = timeout(60_000);
const ADMIN = `Bearer ${ADMIN_TOKEN}`;
let site: TestSite;
let other: TestSite;
/** Surveys by site and id: the NPS one of `site` has answers (its kind is frozen), the others none. */
const surveysOf = new Map<string, Map<string, Kind>>();
let answeredSurvey: string;
let freshSurvey: string;
let foreignSurvey: string;
let revokedPrefix: string;
const USER = 'u_real';

beforeAll(async () => {
  site = await createSite(['https://shop.example']);
  other = await createSite(['https://other.example']);
  answeredSurvey = await createSurvey(site.site, 'nps');
  freshSurvey = await createSurvey(site.site, 'csat');
  foreignSurvey = await createSurvey(other.site, 'ces');
  surveysOf.set(site.site, new Map([[answeredSurvey, 'nps'], [freshSurvey, 'csat']])).set(other.site, new Map([[foreignSurvey, 'ces']]));
  for (const score of [0, 9, 10]) {
    expect((await postJson('/v1/responses', { id: crypto.randomUUID(), site: site.site, survey: answeredSurvey, score, user: USER })).status).toBe(201);
  }
  const minted = (await (await asAdmin('POST', `/v1/admin/sites/${site.site}/keys`)).json()) as { prefix: string };
  expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${minted.prefix}`)).status).toBe(204);
  revokedPrefix = minted.prefix;
});

afterAll(() => console.log(tally.report('admin endpoints')));

function authorizesAdmin(header: string | undefined): boolean {
  return header !== undefined && /^Bearer\s+(\S+)\s*$/i.exec(header.trim())?.[1] === ADMIN_TOKEN;
}

// ---------------------------------------------------------------------------
// Valid payloads to start from

const origin = fc.webUrl({ validSchemes: ['https', 'http'] }).map((u) => new URL(u).origin).filter((o) => v.is(Origin, o));
const siteCreate = fc.record({ name: someText(100), origins: fc.array(origin, { maxLength: 4 }) });
const sitePatch = fc.record({ name: someText(100), origins: fc.array(origin, { maxLength: 4 }) }, { requiredKeys: [] }).filter((p) => Object.keys(p).length > 0);
const localized = fc.dictionary(locale, someText(80), { minKeys: 1, maxKeys: 3 });
const trigger = fc.record(
  {
    on: fc.constantFrom(...TRIGGERS),
    delay_s: fc.integer({ min: 0, max: 3600 }),
    scroll_pct: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
    exit_intent: fc.boolean(),
    paths: fc.option(fc.array(fc.webPath().map((p) => `/${p.replace(/^\//, '')}*`.slice(0, 200)), { maxLength: 3 }), { nil: null }),
  },
  { requiredKeys: [] },
);
const surveyFields = {
  name: someText(100),
  question: localized,
  follow_up: localized,
  follow_up_low: localized,
  follow_up_high: localized,
  trigger,
  sample_pct: fc.double({ min: 0, max: 100, noNaN: true }),
  recontact_days: fc.integer({ min: 0, max: 3650 }),
  position: fc.constantFrom(...POSITIONS),
  color: fc.constantFrom('#1f6feb', '#FFF', '#0f7b4a'),
  active: fc.boolean(),
};
const surveyCreate = fc.record({ kind, ...surveyFields }, { requiredKeys: ['kind', 'question'] });
const surveyPatch = fc.record({ kind, ...surveyFields }, { requiredKeys: [] });

/** Values of this store that look valid in the wrong place. */
const decoys = () => [other.site, foreignSurvey, answeredSurvey, 'https://evil.example', 'https://shop.example/path', ...KINDS, 'nps '];

/** A site segment: mostly a real site, else odd; never a dot segment (the URL parser would send it to another route). */
const siteSegment = () =>
  fc.oneof({ arbitrary: fc.constant(site.site), weight: 6 }, { arbitrary: fc.constant(other.site), weight: 1 }, { arbitrary: oddSegment, weight: 3 }).filter((s) => !isDotSegment(s));

const knownSite = (segment: string) => [site.site, other.site].includes(decodeSegment(segment));

/** A request with a (possibly) broken JSON body and (mostly) the admin token. */
function brokenWrite(method: string, path: fc.Arbitrary<string>, base: fc.Arbitrary<Record<string, unknown>>) {
  return fc
    .record({
      path,
      base,
      mutate: fc.option(mutations(decoys()), { nil: undefined, freq: 2 }),
      tweak: bodyTweak,
      type: contentType,
      auth: fc.oneof({ arbitrary: fc.constant(ADMIN), weight: 8 }, { arbitrary: badAuthorization, weight: 1 }),
    })
    .map(
      (c): Probe => ({
        method,
        path: c.path,
        headers: { ...(c.type === undefined ? {} : { 'content-type': c.type }), ...(c.auth === undefined ? {} : { authorization: c.auth }) },
        body: encodeBody(c.mutate ? mutate(c.base, c.mutate) : c.base, c.tweak),
        why: `mutations ${JSON.stringify(c.mutate ?? [])}, body ${c.tweak.kind}, content-type ${c.type}, auth ${c.auth?.slice(0, 40)}`.slice(0, 400),
      }),
    );
}

/** The body as the route reads it, if it gets that far and the schema takes it. */
function validBody<S extends v.GenericSchema>(schema: S, probe: Probe): v.InferOutput<S> | null {
  const read = readAsServer(probe.body, probe.headers['content-type']);
  if (!read.ok) return null;
  const parsed = v.safeParse(schema, read.value);
  return parsed.success ? parsed.output : null;
}

async function refuseAll(probes: fc.Arbitrary<Probe>, numRuns: number): Promise<void> {
  const baseline = await Baseline.take();
  await fc.assert(fc.asyncProperty(probes, async (p) => void (await expectRefused(p, baseline))), runs(numRuns));
}

describe('generated bad input to admin endpoints', () => {
  it('every admin endpoint answers 401 to anything but a credential (403 to a read key, a viewer), and writes nothing', async () => {
    const endpoints: [string, string, unknown?][] = [
      ['POST', '/v1/admin/sites', { name: 'Sneaky', origins: [] }],
      ['GET', '/v1/admin/sites'],
      ['GET', `/v1/admin/sites/${site.site}`],
      ['PATCH', `/v1/admin/sites/${site.site}`, { name: 'Renamed' }],
      ['POST', `/v1/admin/sites/${site.site}/surveys`, { kind: 'nps', question: { en: 'Hi?' } }],
      ['GET', `/v1/admin/sites/${site.site}/surveys`],
      ['GET', `/v1/admin/sites/${site.site}/surveys/${freshSurvey}`],
      ['PATCH', `/v1/admin/sites/${site.site}/surveys/${freshSurvey}`, { active: false }],
      ['POST', `/v1/admin/sites/${site.site}/keys`],
      ['DELETE', `/v1/admin/sites/${site.site}/keys/${site.prefix}`],
      ['DELETE', `/v1/admin/sites/${site.site}/users/${USER}`],
    ];
    const auth = fc.oneof(badAuthorization, fc.constantFrom(`Bearer ${site.readKey}`, `Basic ${btoa(`admin:${ADMIN_TOKEN}`)}`, ADMIN_TOKEN));
    const readKey = `Bearer ${site.readKey}`;
    // A read key lists the one site it reads; everything else here is beyond a viewer.
    const probes = fc.record({ endpoint: fc.constantFrom(...endpoints), auth }).filter(({ auth: a, endpoint: [method, path] }) => !authorizesAdmin(a) && !(a === readKey && method === 'GET' && path === '/v1/admin/sites')).map(
      ({ endpoint: [method, path, body], auth: a }): Probe => ({
        method,
        path,
        headers: { 'content-type': 'application/json', ...(a === undefined ? {} : { authorization: a }) },
        ...(body === undefined ? {} : { body: new TextEncoder().encode(JSON.stringify(body)) }),
        why: `authorization ${JSON.stringify(a)?.slice(0, 60)}`,
      }),
    );
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (probe) => {
        const refusal = await expectRefused(probe, baseline);
        const viewer = probe.headers.authorization === readKey;
        expect(refusal.error.code, `${probe.method} ${probe.path} [${probe.why}]`).toBe(viewer ? 'forbidden' : 'unauthorized');
      }),
      runs(150),
    );
  }, TIMEOUT);

  it('POST /v1/admin/sites refuses broken sites', async () => {
    const probes = brokenWrite('POST', fc.constant('/v1/admin/sites'), siteCreate).filter(
      (p) => !(authorizesAdmin(p.headers.authorization) && validBody(SiteCreate, p)),
    );
    await refuseAll(probes, 150);
  }, TIMEOUT);

  it('PATCH /v1/admin/sites/{site} refuses broken patches and unknown sites', async () => {
    const probes = brokenWrite('PATCH', siteSegment().map((s) => `/v1/admin/sites/${s}`), sitePatch).filter(
      (p) => !(authorizesAdmin(p.headers.authorization) && knownSite(p.path.split('/')[4]!) && validBody(SitePatch, p)),
    );
    await refuseAll(probes, 150);
  }, TIMEOUT);

  it('POST /v1/admin/sites/{site}/surveys refuses broken surveys and unknown sites', async () => {
    const probes = brokenWrite('POST', siteSegment().map((s) => `/v1/admin/sites/${s}/surveys`), surveyCreate).filter(
      (p) => !(authorizesAdmin(p.headers.authorization) && knownSite(p.path.split('/')[4]!) && validBody(SurveyCreate, p)),
    );
    await refuseAll(probes, 200);
  }, TIMEOUT);

  it('PATCH /v1/admin/sites/{site}/surveys/{id} refuses broken patches, foreign surveys and a kind change after answers', async () => {
    const surveySegment = fc.oneof(fc.constantFrom(answeredSurvey, freshSurvey, foreignSurvey), oddSegment).filter((s) => !isDotSegment(s));
    const path = fc.tuple(siteSegment(), surveySegment).map(([s, id]) => `/v1/admin/sites/${s}/surveys/${id}`);
    const accepted = (p: Probe) => {
      const [, , , , s, , id] = p.path.split('/');
      const kindOfSurvey = surveysOf.get(decodeSegment(s!))?.get(decodeSegment(id!));
      const patch = validBody(SurveyPatch, p);
      if (!authorizesAdmin(p.headers.authorization) || kindOfSurvey === undefined || !patch) return false;
      // Rollups are per kind: a survey with answers keeps its kind (409).
      return !(decodeSegment(id!) === answeredSurvey && patch.kind !== undefined && patch.kind !== kindOfSurvey);
    };
    await refuseAll(brokenWrite('PATCH', path, surveyPatch).filter((p) => !accepted(p)), 200);
  }, TIMEOUT);

  it('POST …/keys and DELETE …/keys/{prefix} refuse unknown sites and keys that are not live keys of that site', async () => {
    const prefix = fc.oneof(fc.constantFrom(other.prefix, revokedPrefix, site.prefix, 'cxr_00000000'), oddSegment).filter((s) => !isDotSegment(s));
    const probes = fc
      .oneof(
        siteSegment().filter((s) => !knownSite(s)).map((s) => ({ method: 'POST', path: `/v1/admin/sites/${s}/keys` })),
        fc.tuple(siteSegment(), prefix).filter(([s, p]) => !(decodeSegment(s) === site.site && decodeSegment(p) === site.prefix) && !(decodeSegment(s) === other.site && decodeSegment(p) === other.prefix)).map(([s, p]) => ({ method: 'DELETE', path: `/v1/admin/sites/${s}/keys/${p}` })),
      )
      .map(({ method, path }): Probe => ({ method, path, headers: { authorization: ADMIN }, why: 'key management' }));
    await refuseAll(probes, 150);
  }, TIMEOUT);

  it('DELETE /v1/admin/sites/{site}/users/{user} erases nothing for unknown sites or users (a known site suppresses the id and logs the request, nothing more)', async () => {
    // Encoded: a raw trailing space would be trimmed off the URL by the URL parser itself.
    const user = fc.oneof(fc.constantFrom(USER, USER.toUpperCase(), encodeURIComponent(`${USER} `), encodeURIComponent(`${USER}\u0000`)), oddSegment).filter((s) => !isDotSegment(s));
    const probes = fc
      .tuple(siteSegment(), user)
      .filter(([s, u]) => !(decodeSegment(s) === site.site && decodeSegment(u) === USER))
      .map(([s, u]): Probe => ({ method: 'DELETE', path: `/v1/admin/sites/${s}/users/${u}`, headers: { authorization: ADMIN }, why: 'erase' }));
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (p) => {
        if (!knownSite(p.path.split('/')[4]!)) return void (await expectRefused(p, baseline));
        // Erasing a user who has no answers erases nothing, but still suppresses the links of that id.
        const res = await send(p);
        tally.count(res.status);
        expect(res.status, p.path).toBeLessThan(500);
        if (res.status >= 400) await expectErrorShape(res, p);
        // The request is logged too (an erase is never refused on a known site).
        expect((await baseline.changes()).filter((table) => !table.startsWith('suppressed_users ') && !table.startsWith('audit_log ')), p.path).toEqual([]);
      }),
      runs(100),
    );
  }, TIMEOUT);

  it('reads with odd sites and surveys, and other methods on admin paths, write nothing', async () => {
    const paths = fc.oneof(
      fc.constant('/v1/admin/sites'),
      siteSegment().map((s) => `/v1/admin/sites/${s}`),
      siteSegment().map((s) => `/v1/admin/sites/${s}/surveys`),
      fc.tuple(siteSegment(), fc.oneof(fc.constantFrom(answeredSurvey, foreignSurvey), oddSegment)).map(([s, id]) => `/v1/admin/sites/${s}/surveys/${id}`),
      oddSegment.map((s) => `/v1/admin/${s}`),
    );
    // No admin route takes PUT or OPTIONS, nor DELETE on these paths; the writes the API does have are covered above.
    const probes = fc
      .record({ path: paths, method: fc.constantFrom('GET', 'GET', 'PUT', 'DELETE', 'OPTIONS') })
      .map(({ path, method }): Probe => ({ method, path, headers: { authorization: ADMIN }, why: method }));
    const baseline = await Baseline.take();
    await fc.assert(
      fc.asyncProperty(probes, async (p: Probe) => {
        const res = await expectNoWrite(p, baseline);
        if (p.method !== 'GET') expect(res.status, `${p.method} ${p.path}`).toBeGreaterThanOrEqual(400);
      }),
      runs(150),
    );
  }, TIMEOUT);
});
