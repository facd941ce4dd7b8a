/**
 * POST /v1/admin/sites/{site}/surveys/{id}/links: links for email, SMS and
 * QR, their email block, and the limits and field errors of minting.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { EXAMPLE_SECRETS } from '../../worker/config';
import { ADMIN_TOKEN, asAdmin, createSite, createSurvey, json } from './helpers';
import { ORIGIN, mint, mintOk, tokenOf } from './link-helpers';
import { Baseline } from './probe';

type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';
const native = (digits: string, n: number) => String(n).replace(/\d/g, (d) => digits[Number(d)]!);

describe('minting links', () => {
  it('mints a link per recipient on the request origin, one URL per score, storing no row per link: only their count, the touchpoints\' slots and an audit entry', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const baseline = await Baseline.take();
    const before = Date.now();
    const body = await mintOk(site.site, survey, {
      recipients: [{ user: 'u_42', touchpoint: 'delivery', locale: 'fa' }, { user: 'u_43' }, {}, {}],
    });
    // The count of links minted (the email channel's response rate), per touchpoint, at each of the 3 grains;
    // the touchpoint links carry takes its slot, like a journey step; and one audit entry.
    const changed = await baseline.changes();
    expect(changed).toEqual([expect.stringMatching(/^audit_log \(\d+ → \d+ rows\)$/), expect.stringMatching(/^link_mints \(\d+ → \d+ rows\)$/), 'site_values (0 → 1 rows)']);
    const [, was, is] = /\((\d+) → (\d+) rows/.exec(changed[0]!)!;
    expect(Number(is) - Number(was)).toBe(1);
    const slots = await env.DB.prepare('SELECT dim, value, source FROM site_values WHERE site = ?').bind(site.site).all();
    expect(slots.results).toEqual([{ dim: 'touchpoint', value: 'delivery', source: 'link' }]);
    const { results: counts } = await env.DB.prepare('SELECT channel, grain, start, touchpoint, links FROM link_mints WHERE survey = ? ORDER BY grain DESC, touchpoint')
      .bind(survey)
      .all<{ channel: string; grain: number; start: number; touchpoint: string; links: number }>();
    expect(counts.map((r) => [r.channel, r.grain, r.touchpoint, r.links])).toEqual([
      ['email', 86400, '', 3], ['email', 86400, 'delivery', 1],
      ['email', 3600, '', 3], ['email', 3600, 'delivery', 1],
      ['email', 900, '', 3], ['email', 900, 'delivery', 1],
    ]);
    for (const row of counts) {
      expect(row.start % row.grain).toBe(0);
      expect(row.start * 1000).toBeGreaterThan(before - row.grain * 1000);
      expect(row.start * 1000).toBeLessThanOrEqual(Date.now());
    }
    // Default: 30 days, whole seconds.
    const expires = Date.parse(body.expires_at);
    expect(expires).toBeGreaterThanOrEqual(Math.floor((before + 30 * 86_400_000) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
    expect(body.links.map((l) => l.user)).toEqual(['u_42', 'u_43', null, null]);
    for (const link of body.links) {
      expect(link.url).toMatch(new RegExp(`^${ORIGIN}/r/[A-Za-z0-9_-]+$`));
      expect(link.score_urls).toEqual(Array.from({ length: 11 }, (_, i) => `${link.url}?score=${i}`));
    }
    // Two recipients with nothing to tell them apart still get different links (a random IV).
    expect(new Set(body.links.map((l) => l.url)).size).toBe(4);
  });

  it('has one score URL per score of the kind: 5 for CSAT (1–5), 7 for CES (1–7)', async () => {
    const site = await createSite();
    for (const [kind, scores] of [['csat', [1, 2, 3, 4, 5]], ['ces', [1, 2, 3, 4, 5, 6, 7]]] as const) {
      const survey = await createSurvey(site.site, kind);
      const [link] = (await mintOk(site.site, survey, { channel: 'sms', recipients: [{}] })).links;
      expect(link!.score_urls).toEqual(scores.map((s) => `${link!.url}?score=${s}`));
    }
  });

  it('mints 1,000 links in one call', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const recipients = Array.from({ length: 1000 }, (_, i) => ({ user: `customer-${i}`, touchpoint: 'delivery', locale: ['fa', 'ar', 'en'][i % 3]! }));
    const started = Date.now();
    const res = await mint(site.site, survey, { channel: 'email', recipients });
    const body = await json<{ links: { user: string; url: string }[] }>(res);
    const ms = Date.now() - started;
    const bytes = JSON.stringify(body).length;
    console.log(`[links] 1,000 links minted in ${ms} ms (workerd, local); answer ${(bytes / 1e6).toFixed(2)} MB of JSON`);
    expect(res.status).toBe(201);
    expect(body.links.map((l) => l.user)).toEqual(recipients.map((r) => r.user));
    expect(new Set(body.links.map((l) => l.url)).size).toBe(1000);
  });

  it('makes an email block of tables and inline styles only: no script, no style element, no image, no class', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps', { question: { en: 'How likely <b>are</b> you to recommend "us"?', fa: 'چقدر احتمال دارد ما را پیشنهاد کنید؟', ar: 'ما مدى احتمال أن توصي بنا؟' } });
    const { links } = await mintOk(site.site, survey, { recipients: [{ locale: 'en' }, { locale: 'fa-IR' }, { locale: 'ar' }, { locale: 'de' }] });
    for (const link of links) {
      const tags = new Set([...link.html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].sort()).toEqual(['a', 'table', 'td', 'tr']);
      expect(link.html).not.toMatch(/<script|<style|<img|<link|class=|javascript:|url\(|@import/i);
      // Every button links to its score URL, lowest first.
      expect([...link.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))).toEqual(link.score_urls);
    }
    const [en, fa, ar, de] = links.map((l) => l.html) as [string, string, string, string];
    // The question is text, never markup.
    expect(en).toContain('How likely &lt;b&gt;are&lt;/b&gt; you to recommend &quot;us&quot;?');
    expect(en).toContain('dir="ltr"');
    expect(en).toContain('>10</a>');
    // Right to left with the locale's own digits.
    expect(fa).toContain('dir="rtl"');
    expect(fa).toContain('چقدر احتمال دارد ما را پیشنهاد کنید؟');
    expect([...fa.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1])).toEqual(Array.from({ length: 11 }, (_, i) => native(PERSIAN, i)));
    expect(fa).toContain('اصلاً احتمال ندارد');
    expect(ar).toContain('dir="rtl"');
    expect([...ar.matchAll(/>([^<]+)<\/a>/g)].map((m) => m[1])).toEqual(Array.from({ length: 11 }, (_, i) => native(ARABIC, i)));
    // No German text in the survey: English, left to right.
    expect(de).toContain('dir="ltr"');
    expect(de).toContain('How likely');
  });

  it('refuses bad bodies with 400 naming the field, and stores nothing', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const cases: [path: string, body: unknown][] = [
      ['recipients', { recipients: Array.from({ length: 1001 }, () => ({})) }],
      ['recipients', { recipients: [] }],
      ['recipients', {}],
      ['recipients', { recipients: {} }],
      ['channel', { channel: 'fax', recipients: [{}] }],
      ['channel', { channel: 'web', recipients: [{}] }],
      ['expires_days', { expires_days: 0, recipients: [{}] }],
      ['expires_days', { expires_days: 366, recipients: [{}] }],
      ['expires_days', { expires_days: 1.5, recipients: [{}] }],
      ['recipients.0.touchpoint', { recipients: [{ touchpoint: 'Check Out' }] }],
      ['recipients.1.locale', { recipients: [{}, { locale: 'not a locale' }] }],
      ['recipients.0.user', { recipients: [{ user: 'x'.repeat(129) }] }],
      ['recipients.0.user', { recipients: [{ user: '' }] }],
      ['recipients.0.email', { recipients: [{ email: 'a@b.example' }] }],
      ['subject', { subject: 'Hi', recipients: [{}] }],
      ['reusable', { reusable: 'yes', channel: 'qr', recipients: [{}] }],
      ['reusable', { reusable: true, recipients: [{}] }],
      ['reusable', { reusable: true, channel: 'sms', recipients: [{}] }],
      ['reusable', { reusable: true, channel: 'qr', recipients: [{ touchpoint: 'counter' }, { user: 'u_1' }] }],
    ];
    const baseline = await Baseline.take();
    for (const [path, body] of cases) {
      const res = await mint(site.site, survey, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = (await json<ErrorBody>(res)).error;
      expect(error.code).toBe('invalid_body');
      expect(error.issues!.map((i) => i.path), JSON.stringify(body).slice(0, 80)).toContain(path);
    }
    expect(await baseline.changes()).toEqual([]);
  });

  it('413 for a body over 1 MiB, 415 for a body that is not JSON', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const big = { recipients: Array.from({ length: 1000 }, () => ({ user: 'u'.repeat(128) })), padding: 'x'.repeat(1024 * 1024) };
    const res = await mint(site.site, survey, big);
    expect(res.status).toBe(413);
    expect((await json<ErrorBody>(res)).error.code).toBe('payload_too_large');
    const form = await app.request(`/v1/admin/sites/${site.site}/surveys/${survey}/links`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'recipients=1' }, env);
    expect(form.status).toBe(415);
  });

  it('needs the admin role or scope manage (401 without a credential, 403 for a read key); 404 for an unknown site or survey; 409 for a paused survey', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const body = { recipients: [{}] };
    const anonymous = await app.request(`/v1/admin/sites/${site.site}/surveys/${survey}/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, env);
    expect(anonymous.status).toBe(401);
    const withReadKey = await app.request(`/v1/admin/sites/${site.site}/surveys/${survey}/links`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${site.readKey}` }, body: JSON.stringify(body) }, env);
    expect(withReadKey.status).toBe(403);
    expect((await json<ErrorBody>(await mint('nosuchsite', survey, body))).error.code).toBe('unknown_site');
    expect((await json<ErrorBody>(await mint(site.site, 'sv_nope', body))).error.code).toBe('unknown_survey');
    const other = await createSite();
    expect((await mint(other.site, survey, body)).status).toBe(404);
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { active: false });
    const paused = await mint(site.site, survey, body);
    expect(paused.status).toBe(409);
    expect((await json<ErrorBody>(paused)).error.code).toBe('conflict');
  });

  it('503 without a signing key, and in production with a short one or a published example', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const request = () => ({ method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ recipients: [{}] }) });
    const path = `/v1/admin/sites/${site.site}/surveys/${survey}/links`;
    const missing = await app.request(path, request(), { ...env, LINK_SIGNING_KEY: undefined });
    expect(missing.status).toBe(503);
    expect((await json<ErrorBody & { error: { message: string } }>(missing)).error.message).toContain('LINK_SIGNING_KEY');
    const production = { ...env, ENVIRONMENT: 'production', ADMIN_TOKEN: ADMIN_TOKEN.padEnd(32, '-') };
    const adminHeaders = { ...request(), headers: { authorization: `Bearer ${production.ADMIN_TOKEN}`, 'content-type': 'application/json' } };
    expect((await app.request(path, adminHeaders, { ...production, LINK_SIGNING_KEY: 'short-key' })).status).toBe(503);
    for (const [name, value] of [['LINK_SIGNING_KEY', EXAMPLE_SECRETS.LINK_SIGNING_KEY], ['LINK_SIGNING_KEY', EXAMPLE_SECRETS.QUOTA_KEY], ['LINK_SIGNING_KEY_PREVIOUS', EXAMPLE_SECRETS.LINK_SIGNING_KEY]] as const) {
      const refused = await app.request(path, adminHeaders, { ...production, LINK_SIGNING_KEY: 'k'.repeat(32), [name]: value });
      expect(refused.status, name).toBe(503);
      expect((await json<ErrorBody & { error: { message: string } }>(refused)).error.message).toContain(`${name} is a published example value`);
    }
    expect((await app.request(path, adminHeaders, { ...production, LINK_SIGNING_KEY: 'k'.repeat(32) })).status).toBe(201);
  });
});
