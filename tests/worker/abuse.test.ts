import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { rowsPerWrite } from '../../shared/rollups';
import { app } from '../../worker/app';
import { flush } from '../../worker/event-coalescer';
import { SHOP_ORIGIN, asAdmin, createSite, createSurvey, eventually, json, postJson, rawCount, scoresJson } from './helpers';

/** The real app with real (tiny) rate-limit bindings in place of the configured ones. */
const tight = { ...env, RATE_LIMIT_CLIENT: env.TIGHT_CLIENT_LIMIT, RATE_LIMIT_SITE: env.TIGHT_SITE_LIMIT };
const unlimitedSite = { ...env, RATE_LIMIT_CLIENT: env.TIGHT_CLIENT_LIMIT };
const unlimitedClient = { ...env, RATE_LIMIT_SITE: env.TIGHT_SITE_LIMIT };

/** A public write from a page of the shop, as client `ip`, through the app with `bindings`. */
function write(path: string, body: unknown, ip: string, bindings: typeof env): Promise<Response> {
  const headers = { 'content-type': 'application/json', 'cf-connecting-ip': ip, origin: SHOP_ORIGIN };
  return Promise.resolve(app.request(path, { method: 'POST', headers, body: JSON.stringify(body) }, bindings));
}
const post = (body: unknown, ip: string, bindings: typeof env) => write('/v1/responses', body, ip, bindings);

/**
 * The local rate limiter's windows are aligned to the wall clock (10 s for the
 * tight site limit, 60 s for the client's, so every edge of the latter is one
 * of the former): a run of requests that straddles an edge starts a fresh
 * budget half-way. Each run starts at least 5 s before the next edge.
 */
async function clearOfWindowEdge(): Promise<void> {
  const left = 10_000 - (Date.now() % 10_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('rate limits', () => {
  it('refuses a client over its budget with 429, Retry-After, and nothing stored', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const statuses: number[] = [];
    await clearOfWindowEdge();
    for (let i = 0; i < 5; i++) statuses.push((await post({ id: crypto.randomUUID(), site: site.site, survey, score: 9 }, ip, unlimitedSite)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await post({ id: crypto.randomUUID(), site: site.site, survey, score: 9 }, ip, unlimitedSite);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await json(refused)).toMatchObject({ error: { code: 'rate_limited' } });
    expect(await rawCount(site.site)).toBe(3);
    // Another client has its own budget.
    expect((await post({ id: crypto.randomUUID(), site: site.site, survey, score: 9 }, `${ip}-other`, unlimitedSite)).status).toBe(201);
  });

  it('the client limit applies before the body is read, even to garbage', async () => {
    const ip = `client-${crypto.randomUUID()}`;
    const statuses: number[] = [];
    await clearOfWindowEdge();
    for (let i = 0; i < 4; i++) {
      const res = await app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: '{broken' }, unlimitedSite);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('refuses a site over its budget, whatever the clients', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const statuses: number[] = [];
    await clearOfWindowEdge();
    for (let i = 0; i < 4; i++) statuses.push((await post({ id: crypto.randomUUID(), site: site.site, survey, score: 4 }, `ip-${crypto.randomUUID()}`, unlimitedClient)).status);
    expect(statuses).toEqual([201, 201, 429, 429]);
    expect(await rawCount(site.site)).toBe(2);
  });

  it('charges exposure events to the client and to the site budget', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const event = (ip: string, bindings: typeof env) => write('/v1/events', { site: site.site, survey, type: 'shown' }, ip, bindings);
    const manyClients: number[] = [];
    await clearOfWindowEdge();
    for (let i = 0; i < 4; i++) manyClients.push((await event(`ip-${crypto.randomUUID()}`, unlimitedClient)).status);
    expect(manyClients).toEqual([204, 204, 429, 429]);
    const oneClient = `ip-${crypto.randomUUID()}`;
    const statuses: number[] = [];
    await clearOfWindowEdge();
    for (let i = 0; i < 4; i++) statuses.push((await event(oneClient, unlimitedSite)).status);
    expect(statuses).toEqual([204, 204, 204, 429]);
  });

  it("charges the site only for an event that starts a new count: one that adds to counts waiting in memory writes nothing of its own", async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    // An execution context whose flush is held back, so that counts wait in memory as they do between flushes.
    const held: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => held.push(p), passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext;
    const slow = { ...unlimitedClient, EVENTS_FLUSH_MS: '60000' };
    const event = (touchpoint: string) =>
      app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': `ip-${crypto.randomUUID()}`, origin: SHOP_ORIGIN }, body: JSON.stringify({ site: site.site, survey, type: 'shown', touchpoint }) }, slow, ctx);
    const statuses: number[] = [];
    // The site's budget is 2 per 10 s: ten events of one count take one charge, the next new count the second.
    for (let i = 0; i < 10; i++) statuses.push((await event('checkout')).status);
    statuses.push((await event('support')).status);
    statuses.push((await event('landing')).status);
    expect(statuses).toEqual([...Array(11).fill(204), 429]);
    await flush(env.DB);
    const { body } = await scoresJson(site, { kind: 'nps', group_by: 'touchpoint' });
    expect(body.groups!.map((g) => [g.key, g.shown])).toEqual([['checkout', 10], ['support', 1]]);
  });

  it("charges the site for every shown event that moves an identified visitor's cooldown, even one that joins a waiting count", async () => {
    const site = await createSite();
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: 7 })).status).toBe(200);
    const survey = await createSurvey(site.site, 'nps');
    const held: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => held.push(p), passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext;
    const slow = { ...unlimitedClient, EVENTS_FLUSH_MS: '60000' };
    const shown = (user: string) =>
      app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': `ip-${crypto.randomUUID()}`, origin: SHOP_ORIGIN }, body: JSON.stringify({ site: site.site, survey, type: 'shown', touchpoint: 'checkout', user }) }, slow, ctx);
    await clearOfWindowEdge();
    const statuses: number[] = [];
    // One count in memory, but each event writes its visitor's cooldown row: 2 per 10 s.
    for (const user of ['u_1', 'u_2', 'u_3']) statuses.push((await shown(user)).status);
    expect(statuses).toEqual([204, 204, 429]);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM cooldowns WHERE site = ?').bind(site.site).first<{ n: number }>();
    expect(rows!.n).toBe(2);
    await flush(env.DB);
  });

  it('both limits together', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'ces');
    await clearOfWindowEdge();
    const res = await Promise.all(Array.from({ length: 6 }, () => post({ id: crypto.randomUUID(), site: site.site, survey, score: 4 }, `ip-${crypto.randomUUID()}`, tight)));
    expect(res.filter((r) => r.status === 201)).toHaveLength(2);
    expect(res.filter((r) => r.status === 429)).toHaveLength(4);
  });

  it('stores no client address anywhere', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const ip = '192.0.2.123';
    await postJson('/v1/responses', { id: crypto.randomUUID(), site: site.site, survey, score: 7 }, { 'cf-connecting-ip': ip, 'x-forwarded-for': ip });
    await postJson('/v1/events', { site: site.site, survey, type: 'shown' }, { 'cf-connecting-ip': ip });
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all<{ name: string }>();
    for (const { name } of tables.results) {
      const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      expect(JSON.stringify(rows.results), name).not.toContain(ip);
    }
  });
});

describe('events are coalesced and exact', () => {
  it('counts 300 concurrent events exactly once flushed', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const sends = Array.from({ length: 300 }, (_, i) =>
      postJson('/v1/events', { site: site.site, survey, type: i % 3 === 0 ? 'dismissed' : 'shown', touchpoint: i % 2 ? 'checkout' : 'support', locale: 'fa' }),
    );
    expect((await Promise.all(sends)).every((r) => r.status === 204)).toBe(true);
    await eventually(async () => {
      const { body } = await scoresJson(site, { kind: 'nps', group_by: 'touchpoint' });
      expect(body.total).toMatchObject({ shown: 200, dismissed: 100 });
      expect(body.groups!.map((g) => [g.key, g.shown, g.dismissed])).toEqual([['checkout', 100, 50], ['support', 100, 50]]);
    });
    // Coalesced: per (quarter hour, touchpoint, locale, country, device) the rows shared/rollups.ts names for events;
    // two touchpoints, in one quarter hour or two.
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM rollups WHERE survey = ?').bind(survey).first<{ n: number }>();
    expect(rows!.n).toBeLessThanOrEqual(2 * rowsPerWrite('events') * 2);
  }, 30_000);
});
