import { describe, expect, it } from 'vitest';
import { call, createSite, createSurvey, json, postResponse } from './helpers';

describe('GET /v1/sites/{site}/config', () => {
  it('is cacheable: ETag, Cache-Control public max-age=60, 304 on a match', async () => {
    const site = await createSite();
    await createSurvey(site.site, 'nps');
    const res = await call(`/v1/sites/${site.site}/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await call(`/v1/sites/${site.site}/config`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    // A change to the surveys changes the ETag.
    await createSurvey(site.site, 'ces');
    const changed = await call(`/v1/sites/${site.site}/config`, { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect((await json<{ surveys: unknown[] }>(changed)).surveys).toHaveLength(2);
  });

  it('answers 404 unknown_site for an unknown or malformed key', async () => {
    for (const key of ['nosuchsite', 'x', '%00%ff', 'a'.repeat(200)]) {
      const res = await call(`/v1/sites/${key}/config`);
      expect(res.status, key).toBe(404);
      expect(await json(res)).toMatchObject({ error: { code: 'unknown_site' } });
    }
  });
});

describe('origins and CORS', () => {
  it('allows the site origins and names them in CORS headers', async () => {
    const site = await createSite(['https://shop.example']);
    const res = await call(`/v1/sites/${site.site}/config`, { headers: { origin: 'https://shop.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses another browser origin with 403 (the config\'s refusal readable by that page, naming it), storing nothing', async () => {
    const site = await createSite(['https://shop.example']);
    const survey = await createSurvey(site.site, 'nps');
    const config = await call(`/v1/sites/${site.site}/config`, { headers: { origin: 'https://evil.example' } });
    expect(config.status).toBe(403);
    // The widget on that page reads the 403 and names the origin to add; the config holds nothing secret.
    expect(config.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(await json(config)).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('https://evil.example') } });
    const post = await postResponse({ site: site.site, survey, score: 10 }, { origin: 'https://evil.example' });
    expect(post.status).toBe(403);
    expect(await json(post)).toMatchObject({ error: { code: 'forbidden' } });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    const { rawCount } = await import('./helpers');
    expect(await rawCount(site.site)).toBe(0);
  });

  it('answers a preflight for a known origin only', async () => {
    await createSite(['https://preflight.example']);
    const ok = await call('/v1/responses', { method: 'OPTIONS', headers: { origin: 'https://preflight.example', 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://preflight.example');
    const no = await call('/v1/responses', { method: 'OPTIONS', headers: { origin: 'https://unknown.example', 'access-control-request-method': 'POST' } });
    expect(no.status).toBe(403);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CORS headers on an error to an allowed origin, so the widget can read it', async () => {
    const site = await createSite(['https://shop.example']);
    const survey = await createSurvey(site.site, 'csat');
    const res = await postResponse({ site: site.site, survey, score: 9 }, { origin: 'https://shop.example' });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('sends security headers on every answer', async () => {
    for (const path of ['/healthz', '/v1/sites/nosuchsite/config', '/nope']) {
      const res = await call(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});
