import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { asAdmin, call, createSite, createSurvey, json, scores } from './helpers';

describe('admin authentication', () => {
  it('answers 401 without a token or with a wrong one', async () => {
    expect((await call('/v1/admin/sites', { method: 'POST' })).status).toBe(401);
    const wrong = await call('/v1/admin/sites', { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers 503 on every admin endpoint when ADMIN_TOKEN is unset, never "open"', async () => {
    const unset = { ...env, ADMIN_TOKEN: undefined };
    const paths: [string, string][] = [
      ['POST', '/v1/admin/sites'],
      ['GET', '/v1/admin/sites'],
      ['POST', '/v1/admin/sites/abc/surveys'],
      ['PATCH', '/v1/admin/sites/abc/surveys/sv_x'],
      ['POST', '/v1/admin/sites/abc/keys'],
      ['GET', '/v1/admin/sites/abc/keys'],
      ['DELETE', '/v1/admin/sites/abc/keys/cxr_x'],
    ];
    for (const [method, path] of paths) {
      for (const authorization of ['', 'Bearer ', 'Bearer undefined']) {
        const res = await app.request(path, { method, headers: { authorization, 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' }, unset);
        expect(res.status, `${method} ${path}`).toBe(503);
        expect(await json(res)).toMatchObject({ error: { code: 'unavailable' } });
      }
    }
  });

  it('in production, refuses a token shorter than 32 characters', async () => {
    const res = await app.request('/v1/admin/sites', { headers: { authorization: 'Bearer test-admin-token' } }, { ...env, ENVIRONMENT: 'production' });
    expect(res.status).toBe(503);
    const long = 'x'.repeat(32);
    const ok = await app.request('/v1/admin/sites', { headers: { authorization: `Bearer ${long}` } }, { ...env, ENVIRONMENT: 'production', ADMIN_TOKEN: long });
    expect(ok.status).toBe(200);
  });
});

describe('sites and read keys', () => {
  it('shows the read key once and stores only its hash', async () => {
    const res = await asAdmin('POST', '/v1/admin/sites', { name: 'Acme', origins: ['https://acme.example/', 'https://ACME.example'] });
    expect(res.status).toBe(201);
    const { site, read_key, prefix } = await json<{ site: string; read_key: string; prefix: string }>(res);
    expect(read_key).toMatch(/^cxr_[0-9a-z]{8}_[0-9a-z]{32}$/);
    expect(read_key.startsWith(prefix)).toBe(true);

    const rows = await env.DB.prepare('SELECT * FROM api_keys WHERE site = ?').bind(site).all<Record<string, unknown>>();
    expect(rows.results).toHaveLength(1);
    const stored = JSON.stringify(rows.results);
    expect(stored).not.toContain(read_key);
    expect(stored).not.toContain(read_key.slice(13)); // the secret part
    expect(rows.results[0]!.hash).toMatch(/^[0-9a-f]{64}$/);

    const info = await json(await asAdmin('GET', `/v1/admin/sites/${site}`));
    expect(info).toMatchObject({ site, name: 'Acme', origins: ['https://acme.example'] });
    expect(JSON.stringify(info)).not.toContain(read_key);
  });

  it('refuses origins with paths or wildcards', async () => {
    for (const origin of ['https://acme.example/shop', '*.acme.example', 'ftp://acme.example', 'acme.example']) {
      const res = await asAdmin('POST', '/v1/admin/sites', { name: 'Acme', origins: [origin] });
      expect(res.status, origin).toBe(400);
    }
  });

  it('mints more keys and revokes one by prefix', async () => {
    const site = await createSite();
    const minted = await asAdmin('POST', `/v1/admin/sites/${site.site}/keys`);
    expect(minted.status).toBe(201);
    const second = await json<{ read_key: string; prefix: string }>(minted);
    expect((await scores({ ...site, readKey: second.read_key }, { kind: 'nps' })).status).toBe(200);

    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${second.prefix}`)).status).toBe(204);
    expect((await scores({ ...site, readKey: second.read_key }, { kind: 'nps' })).status).toBe(401);
    expect((await scores(site, { kind: 'nps' })).status).toBe(200); // the first key still works
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${second.prefix}`)).status).toBe(404);
  });

  it('lists a site\'s keys by prefix, newest first, revoked ones with when, never a key or its hash', async () => {
    const site = await createSite();
    const second = await json<{ read_key: string; prefix: string }>(await asAdmin('POST', `/v1/admin/sites/${site.site}/keys`));
    const third = await json<{ read_key: string; prefix: string }>(await asAdmin('POST', `/v1/admin/sites/${site.site}/keys`));
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${second.prefix}`)).status).toBe(204);
    // Another site's keys stay out of the list.
    await createSite();

    const res = await asAdmin('GET', `/v1/admin/sites/${site.site}/keys`);
    expect(res.status).toBe(200);
    const { keys } = await json<{ keys: { prefix: string; created_at: string; revoked_at: string | null }[] }>(res);
    expect(keys.map((k) => k.prefix).sort()).toEqual([site.prefix, second.prefix, third.prefix].sort());
    const times = keys.map((k) => Date.parse(k.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['created_at', 'prefix', 'revoked_at']);
      expect(key.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(key.revoked_at === null).toBe(key.prefix !== second.prefix);
    }
    expect(Date.parse(keys.find((k) => k.prefix === second.prefix)!.revoked_at!)).toBeGreaterThanOrEqual(Date.parse(keys.find((k) => k.prefix === second.prefix)!.created_at));
    const text = JSON.stringify(keys);
    for (const secret of [site.readKey, second.read_key, third.read_key]) expect(text).not.toContain(secret.slice(13));
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('answers 404 to the keys of an unknown site, and 403 to a read key (a viewer may not manage)', async () => {
    expect((await asAdmin('GET', '/v1/admin/sites/nosuchsite/keys')).status).toBe(404);
    const site = await createSite();
    const res = await call(`/v1/admin/sites/${site.site}/keys`, { headers: { authorization: `Bearer ${site.readKey}` } });
    expect(res.status).toBe(403);
    expect((await json<{ error: { code: string; message: string } }>(res)).error.message).toContain('scope manage');
  });

  it('a read key of another site is 403, a made-up key 401', async () => {
    const a = await createSite();
    const b = await createSite();
    const res = await scores({ ...a, readKey: b.readKey }, { kind: 'nps' });
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await scores({ ...a, readKey: `${a.prefix}_${'0'.repeat(32)}` }, { kind: 'nps' })).status).toBe(401);
    expect((await scores({ ...a, readKey: 'garbage' }, { kind: 'nps' })).status).toBe(401);
  });

  it('unknown site: 404', async () => {
    expect((await asAdmin('POST', '/v1/admin/sites/nosuchsite/surveys', { kind: 'nps', question: { en: 'Q' } })).status).toBe(404);
    expect((await asAdmin('POST', '/v1/admin/sites/nosuchsite/keys')).status).toBe(404);
  });
});

describe('surveys', () => {
  it('creates a survey from kind and question alone, with the contract defaults', async () => {
    const site = await createSite();
    const res = await asAdmin('POST', `/v1/admin/sites/${site.site}/surveys`, { kind: 'nps', question: { fa: 'چقدر ما را پیشنهاد می‌کنید؟' } });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    const config = await json<{ surveys: unknown[] }>(await call(`/v1/sites/${site.site}/config`));
    expect(config).toEqual({
      site: site.site,
      cooldown_days: 0,
      surveys: [
        {
          id,
          kind: 'nps',
          question: { fa: 'چقدر ما را پیشنهاد می‌کنید؟' },
          trigger: { on: 'load', delay_s: 0, scroll_pct: null, exit_intent: false, paths: null },
          sample_pct: 100,
          recontact_days: 30,
          position: 'bottom-right',
          color: '#1f6feb',
        },
      ],
    });
  });

  it('refuses a survey without question text, an unknown kind, or a scroll trigger without depth', async () => {
    const site = await createSite();
    const bodies = [
      { kind: 'nps' },
      { kind: 'nps', question: {} },
      { kind: 'stars', question: { en: 'Q' } },
      { kind: 'nps', question: { en: 'Q' }, trigger: { on: 'scroll' } },
      { kind: 'nps', question: { en: 'Q' }, sample_pct: 101 },
      { kind: 'nps', question: { en: 'Q' }, id: 'mine' },
    ];
    for (const body of bodies) {
      const res = await asAdmin('POST', `/v1/admin/sites/${site.site}/surveys`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await json<{ surveys: unknown[] }>(await call(`/v1/sites/${site.site}/config`))).surveys).toEqual([]);
  });

  it('PATCH pauses and resumes a survey; the config follows', async () => {
    const site = await createSite();
    const id = await createSurvey(site.site, 'csat');
    const paused = await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${id}`, { active: false, sample_pct: 25 });
    expect(paused.status).toBe(200);
    expect(await json(paused)).toMatchObject({ id, active: false, sample_pct: 25, kind: 'csat' });
    expect((await json<{ surveys: unknown[] }>(await call(`/v1/sites/${site.site}/config`))).surveys).toEqual([]);
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${id}`, { active: true });
    const config = await json<{ surveys: { id: string; sample_pct: number }[] }>(await call(`/v1/sites/${site.site}/config`));
    expect(config.surveys.map((s) => [s.id, s.sample_pct])).toEqual([[id, 25]]);
  });

  it('PATCH refuses to change the kind once answers exist', async () => {
    const site = await createSite();
    const id = await createSurvey(site.site, 'nps');
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${id}`, { kind: 'ces' })).status).toBe(200);
    const { postResponse } = await import('./helpers');
    expect((await postResponse({ site: site.site, survey: id, score: 6 })).status).toBe(201);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${id}`, { kind: 'nps' })).status).toBe(409);
  });

  it('PATCH of an unknown survey is 404, an empty patch 400', async () => {
    const site = await createSite();
    const id = await createSurvey(site.site, 'nps');
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/sv_nope`, { active: false })).status).toBe(404);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${id}`, {})).status).toBe(400);
  });
});

describe('GET /v1/session', () => {
  it("says whose token it is: a read key's site, or the admin token; 401 for anything else", async () => {
    const site = await createSite();
    const asKey = await call('/v1/session', { headers: { authorization: `Bearer ${site.readKey}` } });
    expect(asKey.status).toBe(200);
    expect(await json(asKey)).toEqual({ role: 'reader', site: site.site });
    expect(await json(await asAdmin('GET', '/v1/session'))).toEqual({ role: 'admin' });
    const forged = `${site.readKey.slice(0, 13)}${'a'.repeat(32)}`;
    for (const authorization of [`Bearer ${forged}`, 'Bearer wrong', '']) {
      const res = await call('/v1/session', { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
    }
    // A revoked key no longer opens anything.
    await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${site.prefix}`);
    expect((await call('/v1/session', { headers: { authorization: `Bearer ${site.readKey}` } })).status).toBe(401);
  });
});
