import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { call } from './helpers';

describe('GET /demo', () => {
  it('serves the demo page in development, under a strict CSP', async () => {
    const res = await call('/demo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    for (const survey of ['demo-nps', 'demo-csat', 'demo-ces']) {
      for (const locale of ['en', 'fa', 'ar']) expect(html).toContain(`/demo?survey=${survey}&amp;locale=${locale}`);
    }
    expect(html).not.toMatch(/<script>|<style>|style=/); // nothing inline
  });

  it('serves its script and stylesheet as files', async () => {
    const js = await call('/demo/demo.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain("cx('show', survey)");
    expect((await call('/demo/demo.css')).status).toBe(200);
    expect((await call('/demo/nope.js')).status).toBe(404);
  });

  it('does not exist in production', async () => {
    const res = await app.fetch(new Request('http://collector.test/demo'), { ...env, ENVIRONMENT: 'production' });
    expect(res.status).toBe(404);
  });
});
