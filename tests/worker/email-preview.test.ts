/**
 * GET /preview/email/{site}/{survey}: the email block as a mail client
 * shows it, a document under its own CSP (no script, inline styles only,
 * framed by this origin only) for the console's sandboxed preview.
 */
import { describe, expect, it } from 'vitest';
import { asAdmin, call, createSite, createSurvey, json } from './helpers';
import { mintOk } from './link-helpers';
import { Baseline } from './probe';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

describe('the email preview', () => {
  it('is the block a mint makes, in the asked locale, with buttons that lead nowhere, under its own CSP', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps', { color: '#0a7d3e' });
    const baseline = await Baseline.take();
    const res = await call(`/preview/email/${site.site}/${survey}?locale=fa`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).not.toMatch(/<script|<link|<iframe|<img/i);
    expect(await baseline.changes()).toEqual([]);
    const [minted] = (await mintOk(site.site, survey, { recipients: [{ locale: 'fa' }] })).links;
    // The same markup, but for the buttons' targets.
    expect(page).toContain(minted!.html.replace(/href="[^"]+"/g, 'href="#"'));
    expect(page).toContain('<html lang="fa">');
    expect(page).toContain('dir="rtl"');
    expect(page).toContain('border:1px solid #0a7d3e');
    // English by default, and any locale the survey has no text in falls back as a link's would.
    expect(await (await call(`/preview/email/${site.site}/${survey}`)).text()).toContain('How was it (nps)?');
    expect(await (await call(`/preview/email/${site.site}/${survey}?locale=de`)).text()).toContain('dir="ltr"');
  });

  it('refuses a paused or unknown survey, a bad locale or path, in the error shape; never a 5xx', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'csat');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { active: false });
    for (const [path, status] of [
      [`/preview/email/${site.site}/${survey}`, 404],
      [`/preview/email/${site.site}/sv_nope`, 404],
      [`/preview/email/nosuchsite/${survey}`, 404],
      [`/preview/email/%0d%0a/${survey}`, 404],
      [`/preview/email/${site.site}/${survey}?locale=not%20a%20locale`, 400],
    ] as const) {
      const res = await call(path);
      expect(res.status, path).toBe(status);
      expect((await json<{ error: { code: string } }>(res)).error.code).toMatch(/^(unknown_survey|invalid_query)$/);
    }
  });
});
