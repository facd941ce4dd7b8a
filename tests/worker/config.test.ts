import { describe, expect, it } from 'vitest';
import type { LocalConfig } from '../../shared/schemas/survey';
import { asAdmin, call, createSite, createSurvey, json, postResponse } from './helpers';

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

  it('with ?locale=, gives each survey as that visitor reads it: one locale\'s texts, the card\'s words, the waits', async () => {
    const site = await createSite();
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: 14 });
    const survey = await createSurvey(site.site, 'csat', {
      follow_up: { en: 'Why?', fa: 'چرا؟' },
      follow_up_low: { en: 'What went wrong?' },
      thanks: { fa: 'ممنون!' },
      style: 'faces',
      touchpoint: 'checkout',
      recontact_days: 30,
      reasons: { question: { en: 'Main reason?', fa: 'دلیل؟' }, options: [{ id: 'price', label: { en: 'Price', fa: 'قیمت' } }, { id: 'speed', label: { en: 'Speed', fa: 'سرعت' } }] },
    });
    const fa = await json<LocalConfig>(await call(`/v1/sites/${site.site}/config?locale=fa-IR`));
    expect(fa.cooldown_days).toBe(14);
    expect(fa.surveys[0]).toEqual({
      id: survey,
      kind: 'csat',
      locale: 'fa',
      question: 'چطور بود؟',
      // The low band's own follow-up exists only in en: the card speaks fa, so it reads the en one (its fallback).
      follow_up_low: 'What went wrong?',
      follow_up_high: 'چرا؟',
      reasons: { question: 'دلیل؟', options: [{ id: 'price', label: 'قیمت' }, { id: 'speed', label: 'سرعت' }], multiple: false, when: 'all' },
      trigger: { on: 'load', delay_s: 0, scroll_pct: null, exit_intent: false, paths: null },
      sample_pct: 100,
      waits: [30, 14],
      cooldown_days: 14,
      position: 'bottom-right',
      color: '#1f6feb',
      strings: {
        dir: 'rtl',
        close: 'بستن',
        send: 'ارسال',
        next: 'بعدی',
        thanks: 'ممنون!',
        low: 'بسیار ناراضی',
        high: 'بسیار راضی',
        faces: ['بسیار ناراضی', 'ناراضی', 'بی‌نظر', 'راضی', 'بسیار راضی'],
      },
    });
    // German: the English texts and words; a value that is no tag, or a malformed escape, reads as one without texts.
    for (const locale of ['de', 'no%20such', '%E0%A4%A', 'x'.repeat(30)]) {
      const res = await call(`/v1/sites/${site.site}/config?locale=${locale}`);
      expect(res.status, locale).toBe(200);
      const config = await json<LocalConfig>(res);
      expect(config.surveys[0]!.locale, locale).toBe('en');
      expect(config.surveys[0]!.strings.thanks, locale).toBe('Thank you!');
    }
    // Longer than a tag can be: the config as stored.
    const stored = await json<{ surveys: { question: Record<string, string> }[] }>(await call(`/v1/sites/${site.site}/config?locale=${'x'.repeat(36)}`));
    expect(stored.surveys[0]!.question).toEqual({ en: 'How was it (csat)?', fa: 'چطور بود؟' });
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
