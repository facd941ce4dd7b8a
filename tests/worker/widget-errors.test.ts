import { describe, expect, it } from 'vitest';
import { createSite, createSurvey, postJson } from './helpers';

/**
 * The widget must be able to read a refusal, or it cannot tell it from being
 * offline: error answers on its endpoints carry CORS for known origins.
 */
describe('error answers the widget can read', () => {
  it('lets a known origin read a 400 on POST /v1/responses', async () => {
    const site = await createSite(['https://shop.example']);
    const survey = await createSurvey(site.site, 'nps');
    const res = await postJson(
      '/v1/responses',
      { id: crypto.randomUUID(), site: site.site, survey, score: 9, meta: { nested: { no: 1 } } },
      { origin: 'https://shop.example' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('lets a known origin read a 400 on POST /v1/events', async () => {
    await createSite(['https://events.example']);
    const res = await postJson('/v1/events', { site: 'x', type: 'nope' }, { origin: 'https://events.example' });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://events.example');
  });

  it('gives an unknown origin no CORS header', async () => {
    const res = await postJson('/v1/responses', { id: 'nope' }, { origin: 'https://stranger.example' });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves errors of other endpoints alone', async () => {
    await createSite(['https://admin.example']);
    const res = await postJson('/v1/admin/sites', {}, { origin: 'https://admin.example' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
