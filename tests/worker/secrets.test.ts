/**
 * The Worker's secrets outside local development: missing, short, or a
 * value `.dev.vars.example` publishes are refused with 503 naming the
 * secret; the answer quota's hash is keyed by QUOTA_KEY alone.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { EXAMPLE_SECRETS } from '../../worker/config';
import { SHOP_ORIGIN, createSite, createSurvey, json } from './helpers';

type ErrorBody = { error: { code: string; message: string } };

const OWN = 'an-own-secret-of-at-least-32-characters';
const production = { ...env, ENVIRONMENT: 'production', ADMIN_TOKEN: `admin-${OWN}`, LINK_SIGNING_KEY: `link-${OWN}`, QUOTA_KEY: `quota-${OWN}` };

describe('published example values', () => {
  it('are refused for the admin token, naming it, even when long enough', async () => {
    for (const value of Object.values(EXAMPLE_SECRETS).filter((s) => s.length >= 32)) {
      const res = await app.request('/v1/admin/sites', { headers: { authorization: `Bearer ${value}` } }, { ...production, ADMIN_TOKEN: value });
      expect(res.status).toBe(503);
      expect((await json<ErrorBody>(res)).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('ADMIN_TOKEN is a published example value') });
    }
    const ok = await app.request('/v1/admin/sites', { headers: { authorization: `Bearer ${production.ADMIN_TOKEN}` } }, production);
    expect(ok.status).toBe(200);
  });

  it('are accepted in a local run, where they are what .dev.vars holds', async () => {
    const dev = { ...env, ADMIN_TOKEN: EXAMPLE_SECRETS.ADMIN_TOKEN, LINK_SIGNING_KEY: EXAMPLE_SECRETS.LINK_SIGNING_KEY, QUOTA_KEY: EXAMPLE_SECRETS.QUOTA_KEY };
    const res = await app.request('/v1/admin/sites', { headers: { authorization: `Bearer ${EXAMPLE_SECRETS.ADMIN_TOKEN}` } }, dev);
    expect(res.status).toBe(200);
  });
});

describe('QUOTA_KEY', () => {
  async function answer(bindings: Record<string, unknown>, ip = '192.0.2.10'): Promise<Response> {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    return app.request(
      '/v1/responses',
      { method: 'POST', headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, 'cf-connecting-ip': ip }, body: JSON.stringify({ id: crypto.randomUUID(), site: site.site, survey, score: 9 }) },
      { ...env, ...bindings },
    );
  }

  it('is required outside development: missing, short or published, an answer is a 503 naming it (the widget keeps it and retries)', async () => {
    for (const QUOTA_KEY of [undefined, 'short', EXAMPLE_SECRETS.QUOTA_KEY, EXAMPLE_SECRETS.LINK_SIGNING_KEY]) {
      const res = await answer({ ...production, QUOTA_KEY });
      expect(res.status, String(QUOTA_KEY)).toBe(503);
      expect((await json<ErrorBody>(res)).error.message).toContain('QUOTA_KEY');
    }
    expect((await answer(production)).status).toBe(201);
    // A local run without one (a .dev.vars from before it existed) still takes answers.
    expect((await answer({ QUOTA_KEY: undefined })).status).toBe(201);
  });

  it('alone keys the quota hash: the admin token no longer does', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const clients = async (bindings: Record<string, unknown>) => {
      const res = await answer({ ...production, ...bindings }, ip);
      expect(res.status).toBe(201);
      const { id } = await json<{ id: string }>(res);
      const row = await env.DB.prepare('SELECT q.client FROM answer_quota AS q JOIN responses AS r ON r.survey = q.survey WHERE r.id = ?').bind(id).first<{ client: string }>();
      return row!.client;
    };
    const first = await clients({});
    expect(await clients({ ADMIN_TOKEN: `another-${OWN}` })).toBe(first);
    expect(await clients({ QUOTA_KEY: `another-${OWN}` })).not.toBe(first);
  });
});
