/** The site cooldown (docs/contract.md §15): set on the site, served in its config, kept per identified visitor. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { countingDb } from './rows-written';
import { asAdmin, call, createSite, createSurvey, json, postJson, postResponse, SHOP_ORIGIN } from './helpers';

const DAY_MS = 86_400_000;

async function cooldownSite(days: number) {
  const site = await createSite();
  expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: days })).status).toBe(200);
  const a = await createSurvey(site.site, 'nps');
  const b = await createSurvey(site.site, 'csat');
  return { site, a, b };
}

const due = (site: string, user: string, headers: Record<string, string> = {}) => postJson('/v1/due', { site, user }, headers);

async function cooldownRows(site: string): Promise<{ visitor: string; last_at: number }[]> {
  return (await env.DB.prepare('SELECT visitor, last_at FROM cooldowns WHERE site = ?').bind(site).all<{ visitor: string; last_at: number }>()).results;
}

describe('cooldown_days', () => {
  it('is 0 by default, set by PATCH /v1/admin/sites/{site} (0–365) and served in the config', async () => {
    const site = await createSite();
    const path = `/v1/admin/sites/${site.site}`;
    expect((await json<{ cooldown_days: number }>(await asAdmin('GET', path))).cooldown_days).toBe(0);
    const patched = await asAdmin('PATCH', path, { cooldown_days: 7 });
    expect(await json(patched)).toMatchObject({ cooldown_days: 7 });
    expect((await json<{ cooldown_days: number }>(await call(`/v1/sites/${site.site}/config`))).cooldown_days).toBe(7);
    for (const bad of [-1, 366, 1.5, '7']) {
      const res = await asAdmin('PATCH', path, { cooldown_days: bad });
      expect(res.status, String(bad)).toBe(400);
      expect((await json<{ error: { issues: { path: string }[] } }>(res)).error.issues[0]!.path).toBe('cooldown_days');
    }
    expect((await json<{ cooldown_days: number }>(await asAdmin('GET', path))).cooldown_days).toBe(7);
  });
});

describe('POST /v1/due', () => {
  it('answers due until an identified visitor answers any survey, then not due until the cooldown ends, on any device', async () => {
    const { site, a } = await cooldownSite(7);
    expect(await json(await due(site.site, 'u_1'))).toEqual({ due: true });
    const before = Date.now();
    expect((await postResponse({ site: site.site, survey: a, score: 9, user: 'u_1' })).status).toBe(201);
    const answer = await due(site.site, 'u_1');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = await json<{ due: boolean; until: string }>(answer);
    expect(body.due).toBe(false);
    const until = Date.parse(body.until);
    // ISO time to the second.
    expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 7 * DAY_MS);
    expect(until).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
    // Another user of the site, and the same user on another site, are still due.
    expect(await json(await due(site.site, 'u_2'))).toEqual({ due: true });
    const other = await cooldownSite(7);
    expect(await json(await due(other.site.site, 'u_1'))).toEqual({ due: true });
    // Once the cooldown is over: due again.
    await env.DB.prepare('UPDATE cooldowns SET last_at = last_at - ? WHERE site = ?').bind(7 * DAY_MS, site.site).run();
    expect(await json(await due(site.site, 'u_1'))).toEqual({ due: true });
  });

  it('counts a survey shown to an identified visitor (the shown event carries the user)', async () => {
    const { site, b } = await cooldownSite(3);
    expect((await postJson('/v1/events', { site: site.site, survey: b, type: 'shown', user: 'u_9' })).status).toBe(204);
    expect(await json(await due(site.site, 'u_9'))).toMatchObject({ due: false });
    // A dismissal after it changes nothing more; an event without a user counts for nobody.
    expect((await postJson('/v1/events', { site: site.site, survey: b, type: 'shown' })).status).toBe(204);
    expect(await cooldownRows(site.site)).toHaveLength(1);
  });

  it('keeps a keyed hash of the user, never the id, and writes nothing for a site without a cooldown', async () => {
    const { site, a } = await cooldownSite(7);
    await postResponse({ site: site.site, survey: a, score: 9, user: 'alice@example.com' });
    const rows = await cooldownRows(site.site);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.visitor).not.toContain('alice');
    expect(rows[0]!.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const plain = await createSite();
    const survey = await createSurvey(plain.site, 'nps');
    await postResponse({ site: plain.site, survey, score: 9, user: 'alice@example.com' });
    await postJson('/v1/events', { site: plain.site, survey, type: 'shown', user: 'alice@example.com' });
    expect(await cooldownRows(plain.site)).toEqual([]);
    expect(await json(await due(plain.site, 'alice@example.com'))).toEqual({ due: true });
  });

  it('a duplicate answer moves nothing; erasing the user forgets them', async () => {
    const { site, a } = await cooldownSite(7);
    const id = crypto.randomUUID();
    await postResponse({ id, site: site.site, survey: a, score: 9, user: 'u_5' });
    const [first] = await cooldownRows(site.site);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await postResponse({ id, site: site.site, survey: a, score: 9, user: 'u_5' })).status).toBe(200);
    expect(await cooldownRows(site.site)).toEqual([first]);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/u_5`)).status).toBe(200);
    expect(await cooldownRows(site.site)).toEqual([]);
    expect(await json(await due(site.site, 'u_5'))).toEqual({ due: true });
  });

  it('needs an Origin the site lists (403) and a known site (404); bad bodies are 400', async () => {
    const { site } = await cooldownSite(7);
    expect((await due(site.site, 'u_1', { origin: '' })).status).toBe(403);
    expect((await due(site.site, 'u_1', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await due('no-such-site', 'u_1')).status).toBe(404);
    expect((await postJson('/v1/due', { site: site.site })).status).toBe(400);
    expect((await postJson('/v1/due', { site: site.site, user: 'u', extra: 1 })).status).toBe(400);
    expect((await postJson('/v1/due', { site: site.site, user: 'x'.repeat(129) })).status).toBe(400);
  });
});

describe('rows written', () => {
  /** Rows D1 reports written for one request, through the real app. */
  async function written(path: string, body: unknown): Promise<{ status: number; rows: number }> {
    const counting = countingDb(env.DB);
    const res = await app.request(`http://collector.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN }, body: JSON.stringify(body) }, { ...env, DB: counting.db });
    return { status: res.status, rows: counting.written() };
  }

  it('an identified answer or shown event writes one row more on a site with a cooldown (its index row), none more without; due reads, writes nothing', async () => {
    const plain = await createSite();
    const plainSurvey = await createSurvey(plain.site, 'nps');
    const { site, a } = await cooldownSite(7);
    const answer = (s: string, survey: string, user?: string) => ({ id: crypto.randomUUID(), site: s, survey, score: 9, touchpoint: 'checkout', locale: 'fa', user });
    // Warm: touchpoint and locale known on both sites, and the visitor's row exists.
    await written('/v1/responses', answer(plain.site, plainSurvey, 'u_1'));
    await written('/v1/responses', answer(site.site, a, 'u_1'));
    const plainAnonymous = await written('/v1/responses', answer(plain.site, plainSurvey));
    const without = await written('/v1/responses', answer(plain.site, plainSurvey, 'u_1'));
    const anonymous = await written('/v1/responses', answer(site.site, a));
    const identified = await written('/v1/responses', answer(site.site, a, 'u_1'));
    expect([plainAnonymous.status, without.status, anonymous.status, identified.status]).toEqual([201, 201, 201, 201]);
    // A user id costs its index entry anywhere; the cooldown one row more, only on a site with one.
    expect(anonymous.rows).toBe(plainAnonymous.rows);
    expect(identified.rows).toBe(without.rows + 1);
    // An event's counts are written by the flush that follows it (here, within the request): a user adds the index row.
    const shownAnonymous = await written('/v1/events', { site: site.site, survey: a, type: 'shown' });
    const shown = await written('/v1/events', { site: site.site, survey: a, type: 'shown', user: 'u_1' });
    const dueCheck = await written('/v1/due', { site: site.site, user: 'u_1' });
    expect([shownAnonymous.status, shown.status, dueCheck.status]).toEqual([204, 204, 200]);
    expect(shown.rows).toBe(shownAnonymous.rows + 1);
    expect(dueCheck.rows).toBe(0);
    console.log(
      `[cooldown] rows written per answer: ${plainAnonymous.rows} without a user and ${without.rows} with one on a site without a cooldown; on a site with one, ${anonymous.rows} and ${identified.rows}; a shown event ${shownAnonymous.rows} without a user, ${shown.rows} with one; POST /v1/due: ${dueCheck.rows}`,
    );
  });
});
