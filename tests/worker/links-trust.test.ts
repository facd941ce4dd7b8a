/**
 * What a link protects, tried as an attacker and a privacy officer would:
 * its token says nothing and cannot be made; a key rotation and the first
 * token format keep old links answering; an erased user's links stop; a
 * single-use link is its own budget, a reusable one is held to the quota;
 * no token reaches the logs.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOUCHPOINTS_PER_SITE } from '../../shared/limits';
import { app } from '../../worker/app';
import { insertResponse } from '../../worker/db/responses';
import { suppressionHashes } from '../../worker/links/suppression';
import { linkSealer } from '../../worker/links/token';
import { asAdmin, createSite, createSurvey, json, rawCount } from './helpers';
import { ORIGIN, answer, fromBase64url, mintOk, page, pathOf, signV1, tokenOf } from './link-helpers';
import { Baseline } from './probe';

const KEY = env.LINK_SIGNING_KEY!;
const DAY_MS = 86_400_000;

afterEach(() => {
  vi.restoreAllMocks();
});

/** A request to the app with other bindings (a rotated key, a tight quota), from one client address. */
async function request(path: string, bindings: Partial<Cloudflare.Env>, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const { ip, ...rest } = init;
  return app.request(`${ORIGIN}${path}`, { redirect: 'manual', ...rest, headers: { ...(ip ? { 'cf-connecting-ip': ip } : {}), ...(rest.headers as Record<string, string>) } }, { ...env, ...bindings });
}

const post = (path: string, body: string, bindings: Partial<Cloudflare.Env> = {}, ip?: string) =>
  request(path, bindings, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body, ip });

const randomIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

describe('a token', () => {
  it('reveals no user, touchpoint, locale, site or survey, and is short enough for an SMS', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const user = 'alice.smith@example.com';
    const { links } = await mintOk(site.site, survey, { recipients: [{ user, touchpoint: 'delivery', locale: 'fa' }, { user: 'cust-00042', touchpoint: 'delivery', locale: 'fa' }] });
    for (const link of links) {
      const bytes = fromBase64url(tokenOf(link.url));
      const text = new TextDecoder('latin1').decode(bytes);
      for (const secret of [user, 'alice', 'delivery', 'cust-00042', site.site, survey.slice(3)]) expect(text, secret).not.toContain(secret);
      expect(link.url).not.toContain('alice');
    }
    // A typical token: a user id of about 10 characters, a touchpoint, a locale, 30 days.
    const typical = tokenOf(links[1]!.url).length;
    // The longest allowed: every field at its limit (a user id of 128 four-byte characters).
    const longest = await (await linkSealer(KEY))({
      site: 's'.repeat(64), survey: 'v'.repeat(64), channel: 'email', expiresAt: Date.now() + 365 * DAY_MS,
      user: '😀'.repeat(128), touchpoint: 't'.repeat(64), locale: `en-${'-abcdefgh'.repeat(3).slice(1)}`.slice(0, 35),
    });
    const shortest = tokenOf((await mintOk(site.site, survey, { recipients: [{}] })).links[0]!.url).length;
    console.log(`[links] token length: typical ${typical} characters (user id of 10, touchpoint, locale, 30 days), bare ${shortest}, longest allowed ${longest.length}`);
    const smsUrl = `https://cx.example.com/r/${tokenOf(links[1]!.url)}?score=10`;
    expect(typical).toBeLessThanOrEqual(96);
    expect(smsUrl.length).toBeLessThanOrEqual(160 - 30);
    expect(longest.length).toBeLessThan(2048);
    expect((await page(`/r/${longest}`)).status).toBe(410);
  });

  it('after a rotation, LINK_SIGNING_KEY_PREVIOUS opens the links minted before it; without it they are 404', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const [old] = (await mintOk(site.site, survey, { recipients: [{ user: 'u_old', locale: 'en' }] })).links;
    const rotated = { LINK_SIGNING_KEY: `${KEY}-rotated-2027`, LINK_SIGNING_KEY_PREVIOUS: KEY };
    expect((await request(pathOf(old!.url), { LINK_SIGNING_KEY: rotated.LINK_SIGNING_KEY })).status).toBe(404);
    expect((await request(pathOf(old!.url), rotated)).status).toBe(200);
    // Links minted after the rotation are sealed under the new key (and a different key id).
    const minted = await request(`/v1/admin/sites/${site.site}/surveys/${survey}/links`, rotated, {
      method: 'POST', headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ recipients: [{ user: 'u_new' }] }),
    });
    const fresh = (await json<{ links: { url: string }[] }>(minted)).links[0]!.url.replace('http://collector.test', '');
    expect((await request(fresh, rotated)).status).toBe(200);
    expect((await request(fresh, { LINK_SIGNING_KEY: KEY })).status).toBe(404);
    // The old link still records, once.
    expect((await post(pathOf(old!.url), 'score=8', rotated)).status).toBe(303);
    expect((await post(pathOf(old!.url), 'score=2', rotated)).headers.get('location')).toMatch(/status=already$/);
    expect(await rawCount(site.site)).toBe(1);
  });

  it('in the first (signed) format keeps working until it expires: same answer, once; forged or expired refused', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const v1 = await signV1({ site: site.site, survey, channel: 'sms', expiresAt: Math.floor(Date.now() / 1000) * 1000 + DAY_MS, user: 'u_v1', touchpoint: 'delivery', locale: 'fa' }, KEY);
    const shown = await page(`/r/${v1}?score=4`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<html lang="fa" dir="rtl">');
    expect((await answer(`${ORIGIN}/r/${v1}`, 4, {}, 'از پیامک')).status).toBe(303);
    expect((await answer(`${ORIGIN}/r/${v1}`, 1)).headers.get('location')).toMatch(/status=already$/);
    const rows = await env.DB.prepare('SELECT user, touchpoint, locale, channel, score, comment FROM responses WHERE site = ?').bind(site.site).all();
    expect(rows.results).toEqual([{ user: 'u_v1', touchpoint: 'delivery', locale: 'fa', channel: 'sms', score: 4, comment: 'از پیامک' }]);
    // Under the previous key after a rotation too.
    expect((await request(`/r/${v1}`, { LINK_SIGNING_KEY: `${KEY}-next`, LINK_SIGNING_KEY_PREVIOUS: KEY })).status).toBe(200);
    const expired = await signV1({ site: site.site, survey, channel: 'sms', expiresAt: Math.floor(Date.now() / 1000) * 1000 - 1000, locale: 'fa' }, KEY);
    expect((await page(`/r/${expired}`)).status).toBe(410);
    const forged = await signV1({ site: site.site, survey, channel: 'sms', expiresAt: Date.now() + DAY_MS }, 'not-the-key-not-the-key-not-the-key');
    expect((await page(`/r/${forged}`)).status).toBe(404);
  });
});

describe('erasing a user', () => {
  it("suppresses the user's links: 410 in their language, nothing stored; the list holds keyed hashes, not ids", async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const user = 'alice.smith@example.com';
    const { links } = await mintOk(site.site, survey, { recipients: [{ user, locale: 'fa' }, { user, locale: 'fa' }, { user: 'bob', locale: 'en' }] });
    expect((await answer(links[0]!.url, 9)).status).toBe(303);
    expect(await json(await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${encodeURIComponent(user)}`))).toEqual({ user, deleted: 1 });

    const baseline = await Baseline.take();
    for (const link of links.slice(0, 2)) {
      const shown = await page(pathOf(link.score_urls[10]!));
      expect(shown.status).toBe(410);
      expect(shown.html).toContain('این پیوند دیگر کار نمی‌کند');
      expect((await answer(link.url, 10)).status).toBe(410);
    }
    // Links minted after the erase are suppressed as well.
    const [later] = (await mintOk(site.site, survey, { recipients: [{ user }] })).links;
    await baseline.changes();
    expect((await answer(later!.url, 5)).status).toBe(410);
    expect(await baseline.changes()).toEqual([]);
    expect(await rawCount(site.site)).toBe(0);
    // Another user's link still answers.
    expect((await answer(links[2]!.url, 7)).status).toBe(303);

    const { results } = await env.DB.prepare('SELECT * FROM suppressed_users WHERE site = ?').bind(site.site).all<{ hash: string }>();
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results)).not.toMatch(/alice|example\.com/);
    // Not a plain hash of the id either, which anyone holding a customer file could recompute.
    const plain = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${site.site}\0${user}`))).subarray(0, 16)));
    expect(results[0]!.hash).not.toBe(plain.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    // The erase of one site suppresses nothing on another.
    const other = await createSite();
    const otherSurvey = await createSurvey(other.site, 'nps');
    const [theirs] = (await mintOk(other.site, otherSurvey, { recipients: [{ user }] })).links;
    expect((await answer(theirs!.url, 6)).status).toBe(303);
  });

  it('matches under the previous key after a rotation, and an erase then suppresses under both', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const [before] = (await mintOk(site.site, survey, { recipients: [{ user: 'u_rot' }] })).links;
    await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/u_rot`);
    const rotated = { LINK_SIGNING_KEY: `${KEY}-rotated`, LINK_SIGNING_KEY_PREVIOUS: KEY };
    expect((await request(pathOf(before!.url), rotated)).status).toBe(410);
    // Erased after the rotation: both hashes are kept, so links sealed under either key stop.
    const [second] = (await mintOk(site.site, survey, { recipients: [{ user: 'u_rot2' }] })).links;
    const erase = await request(`/v1/admin/sites/${site.site}/users/u_rot2`, rotated, { method: 'DELETE', headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect(erase.status).toBe(200);
    expect((await request(pathOf(second!.url), rotated)).status).toBe(410);
    expect((await page(pathOf(second!.url))).status).toBe(410);
  });

  it('suppresses under the current key while LINK_SIGNING_KEY_PREVIOUS is refused: once the previous key is fixed, the links stay closed', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const [link] = (await mintOk(site.site, survey, { recipients: [{ user: 'u_misset' }] })).links;
    // Production, with a previous key too short to be used: links are unavailable (503) for now.
    const adminToken = 'a-production-admin-token-of-32-characters';
    const misset = { ENVIRONMENT: 'production', ADMIN_TOKEN: adminToken, LINK_SIGNING_KEY_PREVIOUS: 'too-short' };
    expect((await request(pathOf(link!.url), misset)).status).toBe(503);
    const erase = await request(`/v1/admin/sites/${site.site}/users/u_misset`, misset, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
    expect(erase.status).toBe(200);
    // The previous key is fixed (here: unset): the erased user's link answers 410 and stores nothing.
    expect((await answer(link!.url, 9)).status).toBe(410);
    expect(await rawCount(site.site)).toBe(0);
  });

  it('a link answer racing the erase stores nothing: the insert itself checks the list', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const hashes = await suppressionHashes({ current: KEY }, site.site, 'u_race');
    await env.DB.prepare('INSERT INTO suppressed_users (site, hash, at) VALUES (?, ?, ?)').bind(site.site, hashes[0], Date.now()).run();
    const outcome = await insertResponse(
      env.DB,
      { id: crypto.randomUUID(), site: site.site, survey, kind: 'nps', score: 9, user: 'u_race', channel: 'email', country: '', device: 'desktop', createdAt: Date.now() },
      { quota: null, suppressed: hashes },
    );
    expect(outcome).toBe('suppressed');
    expect(await rawCount(site.site)).toBe(0);
  });
});

describe('budgets', () => {
  const quota3 = { ANSWERS_PER_CLIENT_HOUR: '3' };

  it('a valid, unused single-use link is its own budget: the 11th colleague behind one address is not refused', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const { links } = await mintOk(site.site, survey, { recipients: Array.from({ length: 12 }, (_, i) => ({ user: `colleague-${i}` })) });
    const ip = randomIp();
    const statuses = [];
    for (const link of links) statuses.push((await post(pathOf(link.url), 'score=8', quota3, ip)).status);
    expect(statuses).toEqual(Array(12).fill(303));
    expect(await rawCount(site.site)).toBe(12);
    // No quota row was written for them.
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM answer_quota WHERE survey = ?').bind(survey).first<{ n: number }>())!.n).toBe(0);
  });

  it('a reusable QR link takes many answers, each a new response, within the client quota; its 429 page says when the hour is over', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const [counter] = (await mintOk(site.site, survey, { channel: 'qr', reusable: true, recipients: [{ touchpoint: 'counter', locale: 'en' }] })).links;
    const path = pathOf(counter!.url);
    const ip = randomIp();
    const locations = [];
    for (const score of [5, 4, 5]) {
      const res = await post(path, `score=${score}&comment=visit-${score}`, quota3, ip);
      expect(res.status).toBe(303);
      locations.push(res.headers.get('location'));
    }
    expect(locations).toEqual(Array(3).fill(`/r/${tokenOf(counter!.url)}?status=recorded`));
    const ids = (await env.DB.prepare('SELECT id, touchpoint, channel FROM responses WHERE site = ? ORDER BY created_at').bind(site.site).all<{ id: string; touchpoint: string; channel: string }>()).results;
    expect(new Set(ids.map((r) => r.id)).size).toBe(3);
    expect(ids.every((r) => r.touchpoint === 'counter' && r.channel === 'qr')).toBe(true);

    const baseline = await Baseline.take();
    const refused = await post(path, 'score=1', quota3, ip);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    const untilHourEnd = Math.ceil((Math.ceil(Date.now() / 3_600_000) * 3_600_000 - Date.now()) / 1000);
    expect(Math.abs(retryAfter - untilHourEnd)).toBeLessThanOrEqual(2);
    const when = retryAfter < 60 ? `in ${retryAfter} second` : `in ${Math.ceil(retryAfter / 60)} minute`;
    expect(await refused.text()).toContain(`Please try again ${when}`);
    expect(await baseline.changes()).toEqual([]);
    // Another client at the same counter still answers.
    expect((await post(path, 'score=3', quota3, randomIp())).status).toBe(303);
  });

  it('a reusable page carries its own answer id: sending that page twice stores one answer; the page asks again after thanks', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const [poster] = (await mintOk(site.site, survey, { channel: 'link', reusable: true, recipients: [{}] })).links;
    const shown = await page(pathOf(poster!.url));
    const id = /<input type="hidden" name="answer" value="([0-9a-f-]{36})">/.exec(shown.html)![1]!;
    const again = await page(pathOf(poster!.url));
    expect(again.html).not.toContain(id);
    for (let i = 0; i < 2; i++) expect((await post(pathOf(poster!.url), `score=9&answer=${id}`)).status).toBe(303);
    expect(await env.DB.prepare('SELECT id FROM responses WHERE site = ?').bind(site.site).all()).toMatchObject({ results: [{ id }] });
    const thanks = await page(`${pathOf(poster!.url)}?status=recorded`);
    expect(thanks.html).toContain('Your answer was received.');
    expect((await page(pathOf(poster!.url))).html).toContain('<input type="radio" name="score"');
    // An answer id that is not a UUID is refused, nothing stored.
    expect((await post(pathOf(poster!.url), 'score=9&answer=not-a-uuid')).status).toBe(400);
    expect(await rawCount(site.site)).toBe(1);
  });
});

describe('a touchpoint given at minting', () => {
  it('is never capped out: stored as sent even when the site has no free slot left', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const [kiosk] = (await mintOk(site.site, survey, { channel: 'qr', reusable: true, recipients: [{ touchpoint: 'kiosk' }] })).links;
    // The slot is freed, then junk fills every slot of the answers' tier.
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/touchpoint/kiosk`)).status).toBe(204);
    await env.DB.prepare(
      `INSERT INTO site_values (site, dim, value, by_answer, source, last_seen) SELECT ?1, 'touchpoint', 'junk-' || value, 1, 'answers', 0 FROM json_each(?2)`,
    ).bind(site.site, JSON.stringify(Array.from({ length: TOUCHPOINTS_PER_SITE }, (_, i) => i))).run();
    expect((await answer(kiosk!.url, 10)).status).toBe(303);
    expect(await env.DB.prepare('SELECT touchpoint FROM responses WHERE site = ?').bind(site.site).first()).toEqual({ touchpoint: 'kiosk' });
    expect(await env.DB.prepare("SELECT source FROM site_values WHERE site = ? AND value = 'kiosk'").bind(site.site).first()).toEqual({ source: 'link' });
  });
});

describe('the logs', () => {
  it('never hold a link token or an erased user id, even for a 500', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const [link] = (await mintOk(site.site, survey, { recipients: [{ user: 'u_logged' }] })).links;
    const token = tokenOf(link!.url);
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const broken = { DB: { prepare: () => { throw new Error('database on fire'); }, batch: () => { throw new Error('database on fire'); } } as unknown as D1Database };
    const res = await request(`/r/${token}?score=3`, broken);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('Not available right now');
    const erase = await request(`/v1/admin/sites/${site.site}/users/alice%40example.com`, broken, { method: 'DELETE', headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` } });
    expect(erase.status).toBe(500);
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.join('\n')).toContain('GET /r/{token}');
    expect(logged.join('\n')).not.toContain(token);
    expect(logged.join('\n')).not.toContain('alice');
  });
});
