import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { metrics } from '../../shared/metrics';
import { assertRollupsMatchRaw } from '../invariants/store';
import { asAdmin, createSite, createSurvey, json, scoresJson, seedResponses, type SeedRow } from './helpers';

/** NPS metrics recomputed from the raw rows left in D1, independent of the rollups. */
async function fromRaw(site: string, where = '') {
  const { results } = await env.DB.prepare(`SELECT score, COUNT(*) AS n FROM responses WHERE site = ? ${where} GROUP BY score`).bind(site).all<{ score: number; n: number }>();
  const hist = Array.from({ length: 11 }, () => 0);
  for (const r of results) hist[r.score] = r.n;
  return metrics('nps', hist, { shown: 0, dismissed: 0 });
}

describe('DELETE /v1/admin/sites/{site}/users/{user}', () => {
  it("erases a user's answers and takes them out of every rollup in the same transaction", async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const t0 = Date.parse('2026-10-01T00:00:00Z');
    const rows: SeedRow[] = Array.from({ length: 300 }, (_, i) => ({
      score: (i * 7) % 11,
      at: t0 + i * 2_345_678,
      user: i % 3 === 0 ? 'u/42 ünïcode' : i % 3 === 1 ? 'u_7' : undefined,
      locale: ['fa', 'ar', 'en'][i % 3],
      touchpoint: i % 2 ? 'checkout' : 'support',
    }));
    await seedResponses(site.site, survey, 'nps', rows);
    const before = await fromRaw(site.site);
    expect(before.n).toBe(300);

    const res = await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${encodeURIComponent('u/42 ünïcode')}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ user: 'u/42 ünïcode', deleted: 100 });

    const after = await fromRaw(site.site);
    expect(after.n).toBe(200);
    const query = { kind: 'nps', from: '2026-09-01', to: '2026-12-01' };
    const { body } = await scoresJson(site, query);
    expect(body.total).toEqual(after);
    // Groups too: recomputed per locale from the raw rows.
    const grouped = (await scoresJson(site, { ...query, group_by: 'locale' })).body;
    for (const group of grouped.groups!) {
      const { key: _key, ...rest } = group;
      expect(rest).toEqual(await fromRaw(site.site, `AND locale = '${group.key}'`));
    }
    // Every rollup row, at every grain and dimension, still equals its raw rows.
    await assertRollupsMatchRaw(env.DB);

    // A second erase finds nothing; another site is untouched.
    expect(await json(await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${encodeURIComponent('u/42 ünïcode')}`))).toMatchObject({ deleted: 0 });
  });

  it('needs the admin role or scope manage (a read key, a viewer, gets 403); refuses an over-long user id', async () => {
    const site = await createSite();
    const { call } = await import('./helpers');
    expect((await call(`/v1/admin/sites/${site.site}/users/u1`, { method: 'DELETE' })).status).toBe(401);
    expect((await call(`/v1/admin/sites/${site.site}/users/u1`, { method: 'DELETE', headers: { authorization: `Bearer ${site.readKey}` } })).status).toBe(403);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${'x'.repeat(129)}`)).status).toBe(400);
    expect((await asAdmin('DELETE', `/v1/admin/sites/nosuchsite/users/u1`)).status).toBe(404);
  });
});

describe('DELETE /v1/admin/sites/{site}/responses/{id}', () => {
  it('erases one answer (one given without a user id too), for good, rollups included', async () => {
    const { postResponse, rawCount } = await import('./helpers');
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 2, comment: 'Call me on 0912 000 0000' })).status).toBe(201);
    expect((await postResponse({ site: site.site, survey, score: 9 })).status).toBe(201);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/${id.toUpperCase()}`)).status).toBe(204);
    expect(await rawCount(site.site)).toBe(1);
    await assertRollupsMatchRaw(env.DB);
    // Gone for good: a replay stores nothing; a second erase finds nothing; another site's key finds nothing.
    expect(await json(await postResponse({ id, site: site.site, survey, score: 2 }))).toEqual({ id, duplicate: true });
    expect(await rawCount(site.site)).toBe(1);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/${id}`)).status).toBe(404);
    const other = await createSite();
    expect((await asAdmin('DELETE', `/v1/admin/sites/${other.site}/responses/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/not-a-uuid`)).status).toBe(400);
  });
});
