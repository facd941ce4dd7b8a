/**
 * The trust rules: answers only from listed browser origins and within a
 * quota per client and survey, erased answers stay erased, a site's
 * touchpoints and locales are capped (answers kept), paused surveys take
 * nothing new, and groups stay within a screen.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LOCALES_PER_SITE, MAX_GROUP_KEYS, TOUCHPOINTS_PER_SITE } from '../../shared/limits';
import { app } from '../../worker/app';
import { ERASE_CHUNK } from '../../worker/db/responses';
import { SHOP_ORIGIN, asAdmin, call, createSite, createSurvey, eventually, json, postJson, postResponse, rawCount, scoresJson, seedResponses } from './helpers';
import { assertRollupsMatchRaw, storeFingerprint } from '../invariants/store';

async function storeState(): Promise<string> {
  return JSON.stringify([...(await storeFingerprint(env.DB))]);
}

describe('the answer quota per client and survey', () => {
  const quota = { ...env, ANSWERS_PER_CLIENT_HOUR: '3' };
  const answer = (site: string, survey: string, ip: string, id: string = crypto.randomUUID()) =>
    app.request(
      '/v1/responses',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, 'cf-connecting-ip': ip },
        body: JSON.stringify({ id, site, survey, score: 9 }),
      },
      quota,
    );

  it('refuses a fourth answer in the hour from one client to one survey with 429, storing nothing', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const other = await createSurvey(site.site, 'nps');
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const statuses = [];
    for (const id of ids) statuses.push((await answer(site.site, survey, ip, id)).status);
    expect(statuses).toEqual([201, 201, 201]);

    const before = await storeState();
    const refused = await answer(site.site, survey, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await json(refused)).toMatchObject({ error: { code: 'rate_limited' } });
    expect(await storeState()).toBe(before);

    // A replay of a stored answer is still a harmless duplicate, not a refusal.
    const replay = await answer(site.site, survey, ip, ids[0]);
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual({ id: ids[0], duplicate: true });
    // Another survey, and another client, have their own quota.
    expect((await answer(site.site, other, ip)).status).toBe(201);
    expect((await answer(site.site, survey, `${ip}0`)).status).toBe(201);
    expect(await rawCount(site.site)).toBe(5);
  });

  it('counts every address of one IPv6 /64 as one client (a host can send from any of them)', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await answer(site.site, survey, `${prefix}::${i.toString(16)}`)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await answer(site.site, survey, `${prefix.replace(/:7$/, ':8')}::1`)).status).toBe(201);
  });

  it('keeps no client address in the quota, only a keyed hash', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const ip = '198.51.100.77';
    expect((await answer(site.site, survey, ip)).status).toBe(201);
    const { results } = await env.DB.prepare('SELECT client FROM answer_quota WHERE survey = ?').bind(survey).all<{ client: string }>();
    expect(results).toHaveLength(1);
    expect(results[0]!.client).not.toContain(ip);
    // Not a plain SHA-256 of the address either, which anyone could recompute.
    const plain = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ip)));
    const plainText = btoa(String.fromCharCode(...plain.subarray(0, 16))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(results[0]!.client).not.toBe(plainText);
  });
});

describe('an erased answer stays erased', () => {
  it('answers a replay of an erased id with a harmless duplicate and stores nothing', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 3, user: 'u_gone' })).status).toBe(201);
    expect(await json(await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/u_gone`))).toEqual({ user: 'u_gone', deleted: 1 });

    // The widget's outbox (or a link opened again) sends it once more, days later.
    const replay = await postResponse({ id, site: site.site, survey, score: 3, user: 'u_gone' });
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual({ id, duplicate: true });
    expect(await rawCount(site.site)).toBe(0);
    const { body } = await scoresJson(site, { survey });
    expect(body.total.n).toBe(0);
    // The same id from another site is still a conflict.
    const other = await createSite();
    const otherSurvey = await createSurvey(other.site, 'nps');
    expect((await postResponse({ id, site: other.site, survey: otherSurvey, score: 3 })).status).toBe(409);
  });

  it(`erases a user with many answers in chunks of ${ERASE_CHUNK}, every one tombstoned, rollups equal to the rest`, async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const t0 = Date.parse('2026-10-01T00:00:00Z');
    const many = 2 * ERASE_CHUNK + 137;
    await seedResponses(
      site.site,
      survey,
      'nps',
      Array.from({ length: many + 50 }, (_, i) => ({ score: i % 11, at: t0 + i * 61_000, user: i < many ? 'heavy' : 'light', touchpoint: i % 2 ? 'checkout' : 'support' })),
    );
    const res = await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/heavy`);
    expect(await json(res)).toEqual({ user: 'heavy', deleted: many });
    expect(await rawCount(site.site)).toBe(50);
    const tombstones = await env.DB.prepare('SELECT COUNT(*) AS n FROM erased_responses WHERE site = ?').bind(site.site).first<{ n: number }>();
    expect(tombstones!.n).toBe(many);
    await assertRollupsMatchRaw(env.DB);
  });
});

describe('touchpoints and locales per site are capped', () => {
  it(`keeps answers beyond ${TOUCHPOINTS_PER_SITE} touchpoints, stored without one`, async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    for (let i = 0; i < TOUCHPOINTS_PER_SITE; i++) {
      expect((await postResponse({ site: site.site, survey, score: 9, touchpoint: `step-${i}` })).status).toBe(201);
    }
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 2, touchpoint: 'one-too-many' })).status).toBe(201);
    // A known touchpoint is still stored as sent.
    expect((await postResponse({ site: site.site, survey, score: 9, touchpoint: 'step-7' })).status).toBe(201);
    const stored = await env.DB.prepare('SELECT touchpoint FROM responses WHERE id = ?').bind(id).first<{ touchpoint: string }>();
    expect(stored!.touchpoint).toBe('');

    const { body } = await scoresJson(site, { survey, group_by: 'touchpoint' });
    expect(body.total.n).toBe(TOUCHPOINTS_PER_SITE + 2);
    expect(body.groups!.length).toBeLessThanOrEqual(MAX_GROUP_KEYS + 1);
    expect(body.groups!.find((g) => g.key === null)?.n).toBe(1);
    expect(body.groups!.some((g) => g.key === 'one-too-many')).toBe(false);

    await assertRollupsMatchRaw(env.DB);
  });

  it('keeps the touchpoints of answers out of reach of exposure events, which fill a tier of their own', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    // A script with no answers to give floods shown events with made-up touchpoints.
    for (let i = 0; i <= TOUCHPOINTS_PER_SITE; i++) {
      expect((await postJson('/v1/events', { site: site.site, survey, type: 'shown', touchpoint: `junk-${i}` })).status).toBe(204);
    }
    await eventually(async () => expect((await scoresJson(site, { survey })).body.total.shown).toBe(TOUCHPOINTS_PER_SITE + 1));
    const grouped = (await scoresJson(site, { survey, group_by: 'touchpoint' })).body;
    // The one past the events' cap is counted without its touchpoint.
    expect(grouped.groups!.find((g) => g.key === null)?.shown).toBe(1);
    // A real answer's new touchpoint is still stored as sent, and so are events for it from then on.
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 9, touchpoint: 'checkout' })).status).toBe(201);
    const stored = await env.DB.prepare('SELECT touchpoint FROM responses WHERE id = ?').bind(id).first<{ touchpoint: string }>();
    expect(stored!.touchpoint).toBe('checkout');
    expect((await postJson('/v1/events', { site: site.site, survey, type: 'shown', touchpoint: 'checkout' })).status).toBe(204);
    await eventually(async () => {
      const groups = (await scoresJson(site, { survey, group_by: 'touchpoint' })).body.groups!;
      expect(groups.find((g) => g.key === 'checkout')).toMatchObject({ n: 1, shown: 1 });
    });
    await assertRollupsMatchRaw(env.DB);
  }, 30_000);

  it(`keeps answers beyond ${LOCALES_PER_SITE} locales, stored without one`, async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const tags = Array.from({ length: LOCALES_PER_SITE }, (_, i) => `x${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`);
    for (const locale of tags) expect((await postResponse({ site: site.site, survey, score: 4, locale })).status).toBe(201);
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 4, locale: 'zz' })).status).toBe(201);
    const stored = await env.DB.prepare('SELECT locale FROM responses WHERE id = ?').bind(id).first<{ locale: string }>();
    expect(stored!.locale).toBe('');
    const { body } = await scoresJson(site, { survey, group_by: 'locale' });
    expect(body.groups!.length).toBe(LOCALES_PER_SITE + 1);
  });

  it(`folds groups beyond the ${MAX_GROUP_KEYS} largest into null, keeping every answer in the total`, async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    // 150 countries (Cloudflare's country is not capped at write time), 1 to 3 answers each.
    const countries = Array.from({ length: 150 }, (_, i) => `${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`);
    const rows = countries.flatMap((country, i) => Array.from({ length: 1 + (i % 3) }, (_, j) => ({ score: (i + j) % 11, at: t0 + i * 1000 + j, country })));
    await seedResponses(site.site, survey, 'nps', rows);
    const query = { survey, from: '2026-10-01', to: '2026-12-01', group_by: 'country', compare: 'previous' };
    const { body } = await scoresJson(site, query);
    expect(body.groups).toHaveLength(MAX_GROUP_KEYS + 1);
    expect(body.groups!.at(-1)!.key).toBeNull();
    expect(body.groups!.reduce((n, g) => n + g.n, 0)).toBe(rows.length);
    // The largest groups are kept: every kept key has at least as many answers as any folded one.
    const kept = body.groups!.slice(0, -1);
    expect(Math.min(...kept.map((g) => g.n))).toBeGreaterThanOrEqual(2);
  });
});

describe('a paused survey', () => {
  it('refuses new shown events and, after a day, answers; takes answers from the day of the pause and closes of cards on screen', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const answered = crypto.randomUUID();
    expect((await postResponse({ id: answered, site: site.site, survey, score: 8 })).status).toBe(201);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { active: false })).status).toBe(200);

    const before = await storeState();
    const shown = await postJson('/v1/events', { site: site.site, survey, type: 'shown' });
    expect(shown.status).toBe(409);
    expect(await json(shown)).toMatchObject({ error: { code: 'survey_paused' } });
    expect(await storeState()).toBe(before);

    // Answers given while it ran still arrive from visitors' outboxes, and their comments.
    expect((await postResponse({ site: site.site, survey, score: 9 })).status).toBe(201);
    expect((await postJson(`/v1/responses/${answered}/comment`, { site: site.site, comment: 'late but fine' })).status).toBe(200);
    expect((await postJson('/v1/events', { site: site.site, survey, type: 'dismissed' })).status).toBe(204);

    // A day and more after the pause, nothing new.
    await env.DB.prepare('UPDATE surveys SET paused_at = ? WHERE id = ?').bind(Date.now() - 25 * 3600_000, survey).run();
    // The public lookups are cached for a few seconds; an admin write clears this isolate's copies.
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { name: 'Test shop' });
    const late = await postResponse({ site: site.site, survey, score: 9 });
    expect(late.status).toBe(409);
    expect(await json(late)).toMatchObject({ error: { code: 'survey_paused' } });
    expect(await rawCount(site.site)).toBe(2);

    // Resumed: open again.
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { active: true })).status).toBe(200);
    expect((await postResponse({ site: site.site, survey, score: 10 })).status).toBe(201);
  });
});

describe('public lookups that miss the cache cost the client', () => {
  const tight = { ...env, RATE_LIMIT_CLIENT: env.TIGHT_CLIENT_LIMIT };
  it('limits config requests for made-up site keys per client', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.request(`/v1/sites/nosuch${crypto.randomUUID().slice(0, 8)}/config`, { headers: { 'cf-connecting-ip': ip } }, tight);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('limits preflights from made-up origins per client', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.request(
        '/v1/responses',
        { method: 'OPTIONS', headers: { origin: `https://${crypto.randomUUID()}.example`, 'access-control-request-method': 'POST', 'cf-connecting-ip': ip } },
        tight,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
  });

  it('answers a 429 on a widget path without looking the origin up (no CORS header)', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const send = () =>
      app.request(
        '/v1/events',
        { method: 'POST', headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, 'cf-connecting-ip': ip }, body: JSON.stringify({ site: site.site, survey, type: 'shown' }) },
        tight,
      );
    for (let i = 0; i < 3; i++) await send();
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the admin token outside local development', () => {
  it('is held to 32 characters when ENVIRONMENT is missing or misspelt, not only in production', async () => {
    for (const ENVIRONMENT of [undefined, 'staging', 'Production', 'dev']) {
      const res = await app.request('/v1/admin/sites', { headers: { authorization: 'Bearer test-admin-token' } }, { ...env, ENVIRONMENT } as typeof env);
      expect(res.status, String(ENVIRONMENT)).toBe(503);
    }
    const dev = await call('/v1/admin/sites', { headers: { authorization: 'Bearer test-admin-token' } });
    expect(dev.status).toBe(200);
  });
});
