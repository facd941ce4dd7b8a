/** A survey's own touchpoint and its CSAT faces (docs/contract.md §15). */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { asAdmin, createSite, createSurvey, eventually, json, postJson, postResponse, scoresJson } from './helpers';

describe("a survey's touchpoint", () => {
  it('tags the answers and events that name none; one named by the embed wins', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps', { touchpoint: 'checkout' });
    const bare = crypto.randomUUID();
    const named = crypto.randomUUID();
    expect((await postResponse({ id: bare, site: site.site, survey, score: 9 })).status).toBe(201);
    expect((await postResponse({ id: named, site: site.site, survey, score: 3, touchpoint: 'delivery' })).status).toBe(201);
    const stored = async (id: string) => (await env.DB.prepare('SELECT touchpoint FROM responses WHERE id = ?').bind(id).first<{ touchpoint: string }>())?.touchpoint;
    expect(await stored(bare)).toBe('checkout');
    expect(await stored(named)).toBe('delivery');
    expect((await postJson('/v1/events', { site: site.site, survey, type: 'shown' })).status).toBe(204);
    await eventually(async () => {
      const groups = (await scoresJson(site, { survey, group_by: 'touchpoint' })).body.groups!;
      expect(Object.fromEntries(groups.map((g) => [g.key, [g.n, g.shown]]))).toEqual({ checkout: [1, 1], delivery: [1, 0] });
    });
    // Cleared, answers name none again.
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { touchpoint: null });
    const later = crypto.randomUUID();
    await postResponse({ id: later, site: site.site, survey, score: 9 });
    expect(await stored(later)).toBe('');
  });
});

describe('faces', () => {
  it('are for CSAT only: refused at style for another kind, on create and when a patch changes either', async () => {
    const site = await createSite();
    const refused = await asAdmin('POST', `/v1/admin/sites/${site.site}/surveys`, { kind: 'nps', question: { en: 'Q' }, style: 'faces' });
    expect(refused.status).toBe(400);
    expect((await json<{ error: { issues: { path: string; message: string }[] } }>(refused)).error.issues).toEqual([{ path: 'style', message: 'faces are for csat surveys only' }]);
    const csat = await createSurvey(site.site, 'csat', { style: 'faces' });
    const path = `/v1/admin/sites/${site.site}/surveys/${csat}`;
    const kindChange = await asAdmin('PATCH', path, { kind: 'nps' });
    expect(kindChange.status).toBe(400);
    expect((await json<{ error: { issues: { path: string }[] } }>(kindChange)).error.issues[0]!.path).toBe('style');
    expect((await asAdmin('PATCH', path, { kind: 'nps', style: null })).status).toBe(200);
    expect((await asAdmin('PATCH', path, { style: 'faces' })).status).toBe(400);
    expect((await asAdmin('PATCH', path, { style: 'numbers' })).status).toBe(200);
  });
});
