/**
 * Value slots: the touchpoints and locales a site holds, where each came
 * from and when it was last seen; freeing one by hand or by 30 days unseen;
 * and what keeping `last_seen` costs an answer (rows written, as D1 counts).
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import worker from '../../worker/index';
import { MAINTENANCE_CRON } from '../../worker/maintenance';
import { SHOP_ORIGIN, asAdmin, createSite, createSurvey, eventually, json, postJson, postResponse } from './helpers';
import { ORIGIN, mintOk } from './link-helpers';
import { Baseline } from './probe';
import { countingDb } from './rows-written';

const DAY_MS = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString().replace('.000Z', 'Z');

interface Slot {
  value: string;
  source: string;
  last_seen: string;
}

async function values(site: string): Promise<{ touchpoints: Slot[]; locales: Slot[] }> {
  const res = await asAdmin('GET', `/v1/admin/sites/${site}/values`);
  expect(res.status).toBe(200);
  return json(res);
}

/** Move a site's slots back in time, as if they had last been seen `days` ago. */
async function age(site: string, days: number, value?: string): Promise<void> {
  await env.DB.prepare(`UPDATE site_values SET last_seen = last_seen - ? WHERE site = ?${value ? ' AND value = ?' : ''}`)
    .bind(days, site, ...(value ? [value] : []))
    .run();
}

/** The quarter-hour maintenance, as Cloudflare runs it at `at`. */
async function runMaintenance(at: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: MAINTENANCE_CRON, scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('GET /v1/admin/sites/{site}/values', () => {
  it('lists touchpoints and locales with their strongest source and the day last seen', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['browse', 'checkout'] });
    await mintOk(site.site, survey, { recipients: [{ touchpoint: 'delivery' }, { touchpoint: 'checkout' }] });
    expect((await postResponse({ site: site.site, survey, score: 9, touchpoint: 'support', locale: 'fa' })).status).toBe(201);
    expect((await postJson('/v1/events', { site: site.site, survey, type: 'shown', touchpoint: 'banner', locale: 'de' })).status).toBe(204);
    await eventually(async () => expect((await values(site.site)).locales).toHaveLength(2));
    const body = await values(site.site);
    expect(body.touchpoints).toEqual([
      { value: 'banner', source: 'events', last_seen: today() },
      { value: 'browse', source: 'journey', last_seen: today() },
      { value: 'checkout', source: 'journey', last_seen: today() },
      { value: 'delivery', source: 'link', last_seen: today() },
      { value: 'support', source: 'answers', last_seen: today() },
    ]);
    expect(body.locales).toEqual([
      { value: 'de', source: 'events', last_seen: today() },
      { value: 'fa', source: 'answers', last_seen: today() },
    ]);
    // An answer lifts an events-only value into the answers' tier.
    expect((await postResponse({ site: site.site, survey, score: 9, touchpoint: 'banner' })).status).toBe(201);
    expect((await values(site.site)).touchpoints[0]).toEqual({ value: 'banner', source: 'answers', last_seen: today() });
    // A touchpoint that leaves the journey ages like any other.
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['checkout'] });
    expect((await values(site.site)).touchpoints.find((s) => s.value === 'browse')!.source).toBe('answers');
  });

  it('needs the admin role or scope manage (401 without a credential, 403 for a read key); 404 for an unknown site', async () => {
    const site = await createSite();
    expect((await app.request(`/v1/admin/sites/${site.site}/values`, {}, env)).status).toBe(401);
    expect((await app.request(`/v1/admin/sites/${site.site}/values`, { headers: { authorization: `Bearer ${site.readKey}` } }, env)).status).toBe(403);
    expect(await json(await asAdmin('GET', '/v1/admin/sites/nosuchsite/values'))).toMatchObject({ error: { code: 'unknown_site' } });
  });
});

describe('DELETE /v1/admin/sites/{site}/values/{field}/{value}', () => {
  it('frees a slot at once; past answers keep their value, and a new one can take the slot', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 3, touchpoint: 'junk', locale: 'xx' })).status).toBe(201);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/touchpoint/junk`)).status).toBe(204);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/locale/xx`)).status).toBe(204);
    expect(await values(site.site)).toEqual({ touchpoints: [], locales: [] });
    expect(await env.DB.prepare('SELECT touchpoint, locale FROM responses WHERE id = ?').bind(id).first()).toEqual({ touchpoint: 'junk', locale: 'xx' });
    // Freed twice: nothing left to free.
    expect(await json(await asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/touchpoint/junk`))).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses with the reason, changing nothing: a field or value that is not one, a journey step, an unknown site', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['checkout'] });
    await postResponse({ site: site.site, survey, score: 3, touchpoint: 'support', locale: 'fa' });
    const baseline = await Baseline.take();
    const cases: [path: string, status: number, code: string][] = [
      ['country/IR', 400, 'invalid_query'],
      ['touchpoint/Not%20A%20Slug', 400, 'invalid_query'],
      ['locale/not_a_locale', 400, 'invalid_query'],
      ['touchpoint/unknown', 404, 'not_found'],
      ['touchpoint/checkout', 409, 'conflict'],
    ];
    for (const [path, status, code] of cases) {
      const res = await asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/${path}`);
      expect(res.status, path).toBe(status);
      const error = (await json<{ error: { code: string; message: string; issues?: { path: string }[] } }>(res)).error;
      expect(error.code, path).toBe(code);
      if (status === 400) expect(error.issues!.map((i) => i.path)[0], path).toBe(path.startsWith('country') ? 'field' : 'value');
    }
    expect((await asAdmin('DELETE', `/v1/admin/sites/nosuchsite/values/touchpoint/support`)).status).toBe(404);
    expect(await baseline.changes()).toEqual([]);
  });
});

describe('slots unseen for 30 days', () => {
  it('are freed by the quarter-hour maintenance once a day (its run after midnight UTC), the journey steps excepted', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['checkout'] });
    for (const touchpoint of ['old', 'recent', 'checkout']) await postResponse({ site: site.site, survey, score: 8, touchpoint, locale: 'en' });
    await age(site.site, 31);
    await age(site.site, -2, 'recent'); // seen 29 days ago
    const midnight = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    // The other runs of the day leave slots alone.
    await runMaintenance(midnight + 15 * 60_000);
    expect((await values(site.site)).touchpoints).toHaveLength(3);
    await runMaintenance(midnight);
    const left = await values(site.site);
    expect(left.touchpoints.map((s) => s.value)).toEqual(['checkout', 'recent']);
    expect(left.locales).toEqual([]);
    // Seen again, a value takes a slot again.
    await postResponse({ site: site.site, survey, score: 8, touchpoint: 'old' });
    expect((await values(site.site)).touchpoints.map((s) => s.value)).toEqual(['checkout', 'old', 'recent']);
  });
});

describe('rows written per answer', () => {
  /** Rows D1 reports written for one request, through the real app. */
  async function written(path: string, init: RequestInit): Promise<{ status: number; rows: number }> {
    const counting = countingDb(env.DB);
    const res = await app.request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }, { ...env, DB: counting.db });
    return { status: res.status, rows: counting.written() };
  }

  const webAnswer = (site: string, survey: string) =>
    written('/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
      body: JSON.stringify({ id: crypto.randomUUID(), site, survey, score: 9, touchpoint: 'checkout', locale: 'fa', user: 'u_1' }),
    });

  const linkAnswer = (url: string) =>
    written(new URL(url).pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: 'score=9' });

  it('write no value-slot row for values already seen that day, one per value on a new day; a link answer writes no quota row', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const first = await webAnswer(site.site, survey);
    const web = await webAnswer(site.site, survey);
    const again = await webAnswer(site.site, survey);
    expect([first.status, web.status, again.status]).toEqual([201, 201, 201]);
    expect(again.rows).toBe(web.rows);
    // Yesterday's slots: the day moves, one row per value (and its index entry).
    await age(site.site, 1);
    const nextDay = await webAnswer(site.site, survey);
    expect(nextDay.rows).toBeGreaterThan(web.rows);

    const { links } = await mintOk(site.site, survey, { recipients: [{ user: 'u', touchpoint: 'checkout', locale: 'fa' }, { user: 'v', touchpoint: 'checkout', locale: 'fa' }] });
    const link = await linkAnswer(links[0]!.url);
    expect(link.status).toBe(303);
    expect((await linkAnswer(links[1]!.url)).rows).toBe(link.rows);
    // The same answer without the quota's row.
    expect(link.rows).toBe(web.rows - 1);
    console.log(`[values] rows written per answer (D1 meta.rows_written, known touchpoint and locale): web ${web.rows}, link ${link.rows}; first answer with new values ${first.rows}; first on a new day ${nextDay.rows}`);
  });
});
