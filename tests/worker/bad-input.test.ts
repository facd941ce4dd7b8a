/**
 * Every kind of bad input the contract names gets the right 4xx JSON error
 * and changes nothing: no raw row, no rollup row.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, SHOP_ORIGIN, asAdmin, call, createSite, createSurvey, json, postJson, type TestSite } from './helpers';
import { storeFingerprint } from '../invariants/store';

let site: TestSite;
let survey: string;
let foreignSurvey: string;
let answered: string;

/** Every table, so that "changes nothing" covers sites, surveys and keys too. */
async function storeState(): Promise<string> {
  return JSON.stringify([...(await storeFingerprint(env.DB))]);
}

beforeAll(async () => {
  site = await createSite();
  survey = await createSurvey(site.site, 'nps');
  foreignSurvey = await createSurvey((await createSite()).site, 'nps');
  answered = crypto.randomUUID();
  const res = await postJson('/v1/responses', { id: answered, site: site.site, survey, score: 5 });
  expect(res.status).toBe(201);
});

const good = () => ({ id: crypto.randomUUID(), site: site.site, survey, score: 9 });

interface Case {
  name: string;
  body: () => unknown;
  status: number;
  code: string;
  path?: string;
  headers?: Record<string, string>;
}

const responseCases: Case[] = [
  { name: 'score above 10', body: () => ({ ...good(), score: 11 }), status: 400, code: 'invalid_body', path: 'score' },
  { name: 'negative score', body: () => ({ ...good(), score: -1 }), status: 400, code: 'invalid_body', path: 'score' },
  { name: 'fractional score', body: () => ({ ...good(), score: 7.5 }), status: 400, code: 'invalid_body', path: 'score' },
  { name: 'score as a string', body: () => ({ ...good(), score: '9' }), status: 400, code: 'invalid_body', path: 'score' },
  { name: 'score null', body: () => ({ ...good(), score: null }), status: 400, code: 'invalid_body', path: 'score' },
  { name: 'missing score', body: () => ({ id: crypto.randomUUID(), site: site.site, survey }), status: 400, code: 'invalid_body', path: 'score' },
  { name: 'unknown field', body: () => ({ ...good(), scroe: 9 }), status: 400, code: 'invalid_body', path: 'scroe' },
  { name: 'id not a UUID', body: () => ({ ...good(), id: 'abc' }), status: 400, code: 'invalid_body', path: 'id' },
  { name: 'comment over 2000 characters', body: () => ({ ...good(), comment: 'x'.repeat(2001) }), status: 400, code: 'invalid_body', path: 'comment' },
  { name: 'comment not a string', body: () => ({ ...good(), comment: 42 }), status: 400, code: 'invalid_body', path: 'comment' },
  { name: 'touchpoint with capitals', body: () => ({ ...good(), touchpoint: 'Checkout' }), status: 400, code: 'invalid_body', path: 'touchpoint' },
  { name: 'touchpoint starting with -', body: () => ({ ...good(), touchpoint: '-checkout' }), status: 400, code: 'invalid_body', path: 'touchpoint' },
  { name: 'touchpoint of 65 characters', body: () => ({ ...good(), touchpoint: 'a'.repeat(65) }), status: 400, code: 'invalid_body', path: 'touchpoint' },
  { name: 'meta with 21 keys', body: () => ({ ...good(), meta: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }), status: 400, code: 'invalid_body', path: 'meta' },
  { name: 'meta key of 41 characters', body: () => ({ ...good(), meta: { ['k'.repeat(41)]: 'v' } }), status: 400, code: 'invalid_body', path: 'meta' },
  { name: 'meta value of 201 characters', body: () => ({ ...good(), meta: { plan: 'p'.repeat(201) } }), status: 400, code: 'invalid_body', path: 'meta.plan' },
  { name: 'meta value an object', body: () => ({ ...good(), meta: { plan: { nested: true } } }), status: 400, code: 'invalid_body', path: 'meta.plan' },
  { name: 'meta an array', body: () => ({ ...good(), meta: ['pro'] }), status: 400, code: 'invalid_body', path: 'meta' },
  { name: 'user of 129 characters', body: () => ({ ...good(), user: 'u'.repeat(129) }), status: 400, code: 'invalid_body', path: 'user' },
  { name: 'page that is not a path', body: () => ({ ...good(), page: 'https://shop.example/x' }), status: 400, code: 'invalid_body', path: 'page' },
  { name: 'locale that is not a tag', body: () => ({ ...good(), locale: 'english please' }), status: 400, code: 'invalid_body', path: 'locale' },
  // Well-formed to a pattern, refused by Intl: every later formatting of the answer would throw.
  { name: 'locale with a bare singleton', body: () => ({ ...good(), locale: 'en-a' }), status: 400, code: 'invalid_body', path: 'locale' },
  // JSON can escape a lone surrogate; it has no UTF-8 form and D1 would store mangled bytes.
  { name: 'comment with a lone surrogate', body: () => ({ ...good(), comment: 'fine \ud83d' }), status: 400, code: 'invalid_body', path: 'comment' },
  { name: 'user with a lone surrogate', body: () => ({ ...good(), user: 'u\udc00' }), status: 400, code: 'invalid_body', path: 'user' },
  { name: 'meta value with a lone surrogate', body: () => ({ ...good(), meta: { plan: '\ud800pro' } }), status: 400, code: 'invalid_body', path: 'meta.plan' },
  { name: 'page with a lone surrogate', body: () => ({ ...good(), page: '/a\udfff' }), status: 400, code: 'invalid_body', path: 'page' },
  { name: 'comment of control characters only (dropped, then empty)', body: () => ({ ...good(), comment: '\u0007\u000c' }), status: 400, code: 'invalid_body', path: 'comment' },
  { name: 'user with a line break', body: () => ({ ...good(), user: 'u\n42' }), status: 400, code: 'invalid_body', path: 'user' },
  // Ten values of 200 "é" are 4 KB of JSON: refused as a field, so the widget resends the score without it.
  { name: 'meta over 2048 bytes', body: () => ({ ...good(), meta: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'é'.repeat(200)])) }), status: 400, code: 'invalid_body', path: 'meta' },
  { name: 'page over 1024 bytes', body: () => ({ ...good(), page: '/' + 'ش'.repeat(600) }), status: 400, code: 'invalid_body', path: 'page' },
  // Each within its own limit, together over 7 KiB (still under the 8 KiB body limit): refused as fields.
  { name: 'comment, page, user and meta together over 7 KiB', body: () => ({ ...good(), comment: 'ش'.repeat(2000), meta: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'é'.repeat(195)])), page: '/' + 'p'.repeat(1000), user: 'ش'.repeat(128) }), status: 400, code: 'invalid_body' },
  { name: 'no Origin (not a browser page)', body: () => good(), status: 403, code: 'forbidden', headers: { origin: '' } },
  { name: 'an Origin the site does not list', body: () => good(), status: 403, code: 'forbidden', headers: { origin: 'https://evil.example' } },
  { name: 'unknown site', body: () => ({ ...good(), site: 'no-such-site' }), status: 404, code: 'unknown_site' },
  { name: 'unknown survey', body: () => ({ ...good(), survey: 'sv_nosuchsurvey' }), status: 404, code: 'unknown_survey' },
  { name: 'survey of another site', body: () => ({ ...good(), survey: foreignSurvey }), status: 404, code: 'unknown_survey' },
  { name: 'an array body', body: () => [good()], status: 400, code: 'invalid_body' },
  { name: 'a string body', body: () => '"hello"', status: 400, code: 'invalid_body' },
  { name: 'a number body', body: () => '42', status: 400, code: 'invalid_body' },
  { name: 'null', body: () => 'null', status: 400, code: 'invalid_body' },
  { name: 'broken JSON', body: () => '{"id": ', status: 400, code: 'invalid_body' },
  { name: 'an empty body', body: () => '', status: 400, code: 'invalid_body' },
  { name: 'a body over 8 KiB', body: () => ({ ...good(), comment: 'x'.repeat(9000) }), status: 413, code: 'payload_too_large' },
  { name: 'form content type', body: () => good(), status: 415, code: 'unsupported_media_type', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'no content type', body: () => good(), status: 415, code: 'unsupported_media_type', headers: { 'content-type': '' } },
  { name: 'invalid UTF-8', body: () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), status: 400, code: 'invalid_body' },
];

function send(path: string, c: Case): Promise<Response> {
  const raw = c.body();
  const text = typeof raw === 'string' || raw instanceof Uint8Array ? raw : JSON.stringify(raw);
  const headers = new Headers({ 'content-type': 'application/json', origin: SHOP_ORIGIN, ...c.headers });
  // Bytes, so that no Content-Type is added for us when the case removes it.
  const body = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (const name of ['content-type', 'origin']) if (headers.get(name) === '') headers.delete(name);
  return call(path, { method: 'POST', headers, body });
}

async function expectRefused(path: string, c: Case): Promise<void> {
  const before = await storeState();
  const res = await send(path, c);
  expect(res.status, c.name).toBe(c.status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await json<{ error: { code: string; message: string; issues?: { path: string }[] } }>(res);
  expect(body.error.code, c.name).toBe(c.code);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (c.path) expect(body.error.issues?.some((i) => i.path === c.path || i.path.startsWith(`${c.path}.`)), c.name).toBe(true);
  expect(await storeState(), `${c.name} changed the store`).toBe(before);
}

describe('POST /v1/responses refuses bad input and stores nothing', () => {
  for (const c of responseCases) it(c.name, () => expectRefused('/v1/responses', c));

  it('a body over 8 KiB without Content-Length (chunked) is 413 too', async () => {
    const before = await storeState();
    const chunk = new TextEncoder().encode(JSON.stringify({ ...good(), comment: 'y'.repeat(9000) }));
    const stream = new ReadableStream({ start(controller) { controller.enqueue(chunk); controller.close(); } });
    const res = await call('/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN }, body: stream });
    expect(res.status).toBe(413);
    expect(await storeState()).toBe(before);
  });

  it('names every issue, not only the first', async () => {
    const res = await send('/v1/responses', { name: 'many', body: () => ({ ...good(), score: 99, touchpoint: 'X', extra: 1 }), status: 400, code: 'invalid_body' });
    const body = await json<{ error: { issues: { path: string }[] } }>(res);
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['extra', 'score', 'touchpoint']);
  });
});

describe('POST /v1/events refuses bad input and counts nothing', () => {
  const goodEvent = () => ({ site: site.site, survey, type: 'shown' });
  const cases: Case[] = [
    { name: 'unknown type', body: () => ({ ...goodEvent(), type: 'clicked' }), status: 400, code: 'invalid_body', path: 'type' },
    { name: 'unknown field', body: () => ({ ...goodEvent(), count: 5 }), status: 400, code: 'invalid_body', path: 'count' },
    { name: 'bad touchpoint', body: () => ({ ...goodEvent(), touchpoint: 'Check Out' }), status: 400, code: 'invalid_body', path: 'touchpoint' },
    { name: 'unknown site', body: () => ({ ...goodEvent(), site: 'nosuchsite' }), status: 404, code: 'unknown_site' },
    { name: 'survey of another site', body: () => ({ ...goodEvent(), survey: foreignSurvey }), status: 404, code: 'unknown_survey' },
    { name: 'no Origin', body: () => goodEvent(), status: 403, code: 'forbidden', headers: { origin: '' } },
    { name: 'broken JSON', body: () => '{', status: 400, code: 'invalid_body' },
    { name: 'wrong content type', body: () => goodEvent(), status: 415, code: 'unsupported_media_type', headers: { 'content-type': 'image/png' } },
  ];
  for (const c of cases) it(c.name, () => expectRefused('/v1/events', c));
});

describe('text a person typed', () => {
  it('keeps a comment whose paste brought control characters, without them', async () => {
    const id = crypto.randomUUID();
    expect((await postJson('/v1/responses', { ...good(), id, comment: 'fast\u000c delivery\u0007\nthanks' })).status).toBe(201);
    const row = await env.DB.prepare('SELECT comment FROM responses WHERE id = ?').bind(id).first<{ comment: string }>();
    expect(row!.comment).toBe('fast delivery\nthanks');
  });
});

describe('POST /v1/responses/{id}/comment refuses bad input and changes nothing', () => {
  const cases: Case[] = [
    { name: 'empty comment', body: () => ({ site: site.site, comment: '   ' }), status: 400, code: 'invalid_body', path: 'comment' },
    { name: 'comment over 2000 characters', body: () => ({ site: site.site, comment: 'z'.repeat(2001) }), status: 400, code: 'invalid_body', path: 'comment' },
    { name: 'missing site', body: () => ({ comment: 'hi' }), status: 400, code: 'invalid_body', path: 'site' },
    { name: 'unknown field', body: () => ({ site: site.site, comment: 'hi', score: 3 }), status: 400, code: 'invalid_body', path: 'score' },
    { name: 'unknown site', body: () => ({ site: 'nosuchsite', comment: 'hi' }), status: 404, code: 'unknown_site' },
    { name: 'no Origin', body: () => ({ site: site.site, comment: 'hi' }), status: 403, code: 'forbidden', headers: { origin: '' } },
  ];
  for (const c of cases) it(c.name, () => expectRefused(`/v1/responses/${answered}/comment`, c));

  it('2000 characters of emoji are 2000 characters, and the largest valid comment fits in a body', async () => {
    // Counted in code points, not UTF-16 units; 2000 emoji are 8000 bytes, and with a site key of
    // the longest kind the body still fits in 8 KiB (control characters, 6 bytes in JSON, are refused).
    const body = { site: site.site, comment: '🙂'.repeat(2000) };
    expect(new TextEncoder().encode(JSON.stringify({ ...body, site: 'k'.repeat(64) })).length).toBeLessThanOrEqual(8192);
    const res = await postJson(`/v1/responses/${answered}/comment`, body);
    expect(res.status).toBe(200);
  });
});

describe('admin text refuses lone surrogates too', () => {
  it('a site name with a lone surrogate is 400 and creates nothing', async () => {
    const before = await storeState();
    const res = await call('/v1/admin/sites', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Acme \ud800', origins: [] }),
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'name' }] } });
    expect(await storeState()).toBe(before);
  });
});

describe('survey path globs', () => {
  it('refuse more than 4 stars in a glob (a page must never stall on matching)', async () => {
    const before = await storeState();
    const res = await asAdmin('POST', `/v1/admin/sites/${site.site}/surveys`, {
      kind: 'nps',
      question: { en: 'Hi?' },
      trigger: { paths: ['/*-*-*-*-*/done'] },
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: { code: 'invalid_body', issues: [{ path: 'trigger.paths.0' }] } });
    expect(await storeState()).toBe(before);
  });
});
