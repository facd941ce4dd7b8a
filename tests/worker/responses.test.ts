import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createSite, createSurvey, eventually, json, postJson, postResponse, rawCount, scores } from './helpers';

describe('POST /v1/responses', () => {
  it('stores an answer: 201 with its id, and the scores count it', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    const res = await postResponse({ id, site: site.site, survey, score: 9, touchpoint: 'checkout', locale: 'fa', page: '/checkout/done?order=42#top', user: 'u_42', meta: { plan: 'pro', seats: 3, trial: false } });
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({ id });

    const row = await env.DB.prepare('SELECT * FROM responses WHERE id = ?').bind(id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ site: site.site, survey, kind: 'nps', score: 9, touchpoint: 'checkout', locale: 'fa', page: '/checkout/done', user: 'u_42' });
    expect(JSON.parse(row!.meta as string)).toEqual({ plan: 'pro', seats: 3, trial: false });
    expect(row!.device).toBe('bot'); // no User-Agent: not a person's browser

    const total = (await json<{ total: Record<string, unknown> }>(await scores(site, { kind: 'nps' }))).total;
    expect(total).toMatchObject({ n: 1, promoters: 1, score: 100 });
  });

  it('accepts text/plain holding JSON (sendBeacon) and stores no IP', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    const id = crypto.randomUUID();
    const res = await postJson('/v1/responses', JSON.stringify({ id, site: site.site, survey, score: 4 }), {
      'content-type': 'text/plain;charset=UTF-8',
      'cf-connecting-ip': '203.0.113.7',
      'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148',
    });
    expect(res.status).toBe(201);
    const row = await env.DB.prepare('SELECT * FROM responses WHERE id = ?').bind(id).first<Record<string, unknown>>();
    expect(row!.device).toBe('mobile');
    expect(Object.values(row!)).not.toContain('203.0.113.7');
  });

  it('a replayed id is a 200 duplicate and counts once (first write wins)', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 10 })).status).toBe(201);
    const again = await postResponse({ id: id.toUpperCase(), site: site.site, survey, score: 0 });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ id, duplicate: true });
    const total = (await json<{ total: Record<string, unknown> }>(await scores(site, { kind: 'nps' }))).total;
    expect(total).toMatchObject({ n: 1, promoters: 1, detractors: 0 });
  });

  it('the same id posted 12 times concurrently is stored and counted once', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'ces');
    const id = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: 12 }, () => postResponse({ id, site: site.site, survey, score: 6 })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await rawCount(site.site)).toBe(1);
    const total = (await json<{ total: Record<string, unknown> }>(await scores(site, { kind: 'ces' }))).total;
    expect(total).toMatchObject({ n: 1, mean: 6 });
  });

  it('the same id on another site is a conflict', async () => {
    const a = await createSite();
    const b = await createSite();
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: a.site, survey: await createSurvey(a.site, 'nps'), score: 5 })).status).toBe(201);
    const res = await postResponse({ id, site: b.site, survey: await createSurvey(b.site, 'nps'), score: 5 });
    expect(res.status).toBe(409);
    expect(await rawCount(b.site)).toBe(0);
  });

  it('checks the score against the survey kind', async () => {
    const site = await createSite();
    const csat = await createSurvey(site.site, 'csat');
    const ces = await createSurvey(site.site, 'ces');
    const low = await postResponse({ site: site.site, survey: csat, score: 0 });
    expect(low.status).toBe(400);
    expect(await json(low)).toEqual({
      error: { code: 'invalid_body', message: 'score: must be between 1 and 5', issues: [{ path: 'score', message: 'must be between 1 and 5' }] },
    });
    expect((await postResponse({ site: site.site, survey: ces, score: 8 })).status).toBe(400);
    expect((await postResponse({ site: site.site, survey: ces, score: 7 })).status).toBe(201);
    expect(await rawCount(site.site)).toBe(1);
  });

  it('accepts answers for a paused survey (a visitor may answer as it is paused)', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps', { active: false });
    expect((await postResponse({ site: site.site, survey, score: 8 })).status).toBe(201);
  });
});

describe('POST /v1/responses/{id}/comment', () => {
  async function answered(extra: Record<string, unknown> = {}) {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 3, ...extra })).status).toBe(201);
    return { site, id };
  }

  it('adds a comment once, then answers 409 to a second comment', async () => {
    const { site, id } = await answered();
    const first = await postJson(`/v1/responses/${id}/comment`, { site: site.site, comment: '  Too slow at checkout  ' });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ id });
    const second = await postJson(`/v1/responses/${id}/comment`, { site: site.site, comment: 'again' });
    expect(second.status).toBe(409);
    expect(await json(second)).toMatchObject({ error: { code: 'conflict' } });
    const row = await env.DB.prepare('SELECT comment FROM responses WHERE id = ?').bind(id).first<{ comment: string }>();
    expect(row!.comment).toBe('Too slow at checkout');
  });

  it('answers 409 when the response already came with a comment', async () => {
    const { site, id } = await answered({ comment: 'first words' });
    expect((await postJson(`/v1/responses/${id}/comment`, { site: site.site, comment: 'more' })).status).toBe(409);
  });

  it('answers 409 after 60 minutes', async () => {
    const { site, id } = await answered();
    await env.DB.prepare('UPDATE responses SET created_at = created_at - 3600001 WHERE id = ?').bind(id).run();
    expect((await postJson(`/v1/responses/${id}/comment`, { site: site.site, comment: 'late' })).status).toBe(409);
  });

  it('answers 404 for an unknown id, a malformed id, or another site', async () => {
    const { id } = await answered();
    const other = await createSite();
    expect((await postJson(`/v1/responses/${crypto.randomUUID()}/comment`, { site: other.site, comment: 'x' })).status).toBe(404);
    expect((await postJson(`/v1/responses/not-a-uuid/comment`, { site: other.site, comment: 'x' })).status).toBe(404);
    expect((await postJson(`/v1/responses/${id}/comment`, { site: other.site, comment: 'x' })).status).toBe(404);
  });
});

describe('POST /v1/events', () => {
  it('counts shown and dismissed into the response rate', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    for (let i = 0; i < 4; i++) {
      const res = await postJson('/v1/events', { site: site.site, survey, type: 'shown', touchpoint: 'support' });
      expect(res.status).toBe(204);
    }
    expect((await postJson('/v1/events', { site: site.site, survey, type: 'dismissed', touchpoint: 'support' })).status).toBe(204);
    await postResponse({ site: site.site, survey, score: 5, touchpoint: 'support' });
    await eventually(async () => {
      const total = (await json<{ total: Record<string, unknown> }>(await scores(site, { kind: 'csat' }))).total;
      expect(total).toMatchObject({ n: 1, shown: 4, dismissed: 1, response_rate: 0.25 });
    });
  });

  it('answers 404 for a survey of another site and counts nothing', async () => {
    const a = await createSite();
    const b = await createSite();
    const foreign = await createSurvey(b.site, 'nps');
    await createSurvey(a.site, 'nps');
    const res = await postJson('/v1/events', { site: a.site, survey: foreign, type: 'shown' });
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: { code: 'unknown_survey' } });
    const totals = await Promise.all([scores(a, { kind: 'nps' }), scores(b, { kind: 'nps' })].map(async (r) => (await json<{ total: { shown: number } }>(await r)).total.shown));
    expect(totals).toEqual([0, 0]);
  });
});
