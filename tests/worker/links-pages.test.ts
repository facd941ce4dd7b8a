/**
 * The pages of signed links, /r/{token}: a GET never records, a POST records
 * once per token with the token's fields, and every refusal is a readable
 * page with its status.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { linkSigner } from '../../worker/links/token';
import { asAdmin, call, createSite, createSurvey, json, rawCount, scoresJson, type TestSite } from './helpers';
import { assertRollupsMatchRaw, rawAnswers, recountGroups } from '../invariants/store';
import { ORIGIN, PAGE_CSP, answer, buttonLabels, comment, mintOk, page, pathOf, postForm, tokenOf } from './link-helpers';
import { Baseline } from './probe';

const KEY = env.LINK_SIGNING_KEY!;
const FOLLOW_UP = { en: 'What is the main reason for your score?', fa: 'دلیل اصلی امتیاز شما چیست؟' };

async function setup(kind: 'nps' | 'csat' | 'ces' = 'nps', recipient: Record<string, string> = { user: 'u_42', touchpoint: 'delivery', locale: 'fa' }) {
  const site = await createSite();
  const survey = await createSurvey(site.site, kind, { follow_up: FOLLOW_UP });
  const { links } = await mintOk(site.site, survey, { channel: 'email', recipients: [recipient] });
  return { site, survey, link: links[0]! };
}

/** A token signed with chosen claims (e.g. already expired), as the mint would make it. */
async function signed(claims: Parameters<Awaited<ReturnType<typeof linkSigner>>>[0], key = KEY): Promise<string> {
  return (await linkSigner(key))(claims);
}

describe('GET /r/{token}', () => {
  it('renders the question with score buttons, in the token locale, right to left with Persian digits, under a strict CSP', async () => {
    const { link } = await setup();
    const baseline = await Baseline.take();
    const res = await page(pathOf(link.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.html).toContain('<html lang="fa" dir="rtl">');
    expect(res.html).toContain('<h1 id="q">چطور بود؟</h1>');
    expect(buttonLabels(res.html)).toEqual(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
    expect(res.html).toContain(`<form method="post" action="/r/${tokenOf(link.url)}">`);
    // No inline script or style anywhere: both are files on the same origin.
    expect(res.html).not.toMatch(/<script>|<style|style=|\son[a-z]+=/);
    expect(res.html).not.toContain('data-chosen');
    expect(res.html).not.toContain('/r/page.js');
    expect(await baseline.changes()).toEqual([]);
  });

  it('?score=N highlights N and brings the script that presses it; still records nothing', async () => {
    const { link } = await setup();
    const baseline = await Baseline.take();
    const res = await page(pathOf(link.score_urls[3]!));
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<button type="submit" name="score" value="3" aria-label="۳" class="chosen" data-chosen autofocus>۳<\/button>/);
    expect(res.html).toContain('<script src="/r/page.js" defer></script>');
    expect(await baseline.changes()).toEqual([]);
    const script = await call('/r/page.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('data-chosen');
    const css = await call('/r/page.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('min-height:44px');
  });

  it('a link scanner fetching every score URL of every link records nothing', async () => {
    const site = await createSite();
    const surveys = [await createSurvey(site.site, 'nps'), await createSurvey(site.site, 'csat'), await createSurvey(site.site, 'ces')];
    const urls: string[] = [];
    for (const survey of surveys) {
      const { links } = await mintOk(site.site, survey, { recipients: [{ user: 'a', locale: 'fa' }, { user: 'b', locale: 'ar' }, { user: 'c' }] });
      for (const link of links) urls.push(link.url, ...link.score_urls);
    }
    const baseline = await Baseline.take();
    const statuses = new Set<number>();
    for (const url of urls) {
      // GET and HEAD, with and without the Origin some scanners send, and with a mail tool's tracking parameters.
      for (const init of [{}, { method: 'HEAD' }, { headers: { origin: ORIGIN, 'user-agent': 'Mozilla/5.0 (compatible; SafeLinks)' } }]) {
        statuses.add((await call(pathOf(url), { redirect: 'manual', ...init })).status);
      }
      statuses.add((await call(`${pathOf(url)}${url.includes('?') ? '&' : '?'}utm_source=newsletter`, { redirect: 'manual' })).status);
    }
    console.log(`[links] scanner: ${urls.length} URLs × 4 GET/HEAD requests → statuses ${[...statuses].join(', ')}, rows stored: ${await rawCount(site.site)}`);
    expect([...statuses]).toEqual([200]);
    expect(await rawCount(site.site)).toBe(0);
    expect(await baseline.changes()).toEqual([]);
  }, 60_000);

  it('opens for any locale a recipient may carry, even one without strings of its own', async () => {
    for (const locale of ['fa-IR', 'ar-EG', 'zz', 'ckb']) {
      const { link } = await setup('nps', { locale });
      const res = await page(pathOf(link.score_urls[5]!));
      expect(res.status, locale).toBe(200);
    }
  });

  it('a score outside the scale is a 400 page that still offers the buttons', async () => {
    const { link } = await setup('csat', { locale: 'en' });
    for (const score of ['0', '6', '42', 'abc', '-1', '3.5']) {
      const res = await page(`${pathOf(link.url)}?score=${score}`);
      expect(res.status, score).toBe(400);
      expect(res.html).toContain('That score is not on this scale');
      expect(buttonLabels(res.html)).toEqual(['1', '2', '3', '4', '5']);
    }
  });
});

describe('refused tokens', () => {
  it('forged, damaged, truncated or foreign tokens get a 404 page in English', async () => {
    const { link } = await setup();
    const token = tokenOf(link.url);
    const flip = (i: number) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const foreign = await signed({ site: 'x', survey: 'y', channel: 'email', expiresAt: Date.now() + 60_000, locale: 'fa' }, 'another-key-another-key-another-key');
    const tokens = [
      flip(0), // version
      flip(3), // expiry
      flip(10), // nonce
      flip(40), // survey id
      flip(token.length - 3), // MAC
      token.slice(0, -1),
      token.slice(0, 30),
      `${token}AAAA`,
      foreign,
      'abc',
      'not*base64',
      'x'.repeat(3000),
    ];
    const baseline = await Baseline.take();
    for (const bad of tokens) {
      const res = await page(`/r/${encodeURIComponent(bad)}?score=3`);
      expect(res.status, bad.slice(0, 40)).toBe(404);
      expect(res.html).toContain('<html lang="en" dir="ltr">');
      expect(res.html).toContain('This link does not work');
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      const post = await postForm(`/r/${encodeURIComponent(bad)}`, { score: '3' });
      expect(post.status).toBe(404);
    }
    expect(await baseline.changes()).toEqual([]);
  });

  it('a token spelled another way (spare base64url bits) is refused: one link, one answer id', async () => {
    const { link } = await setup();
    const token = tokenOf(link.url);
    // 72 bytes are 96 characters exactly; a 73-byte token has spare bits in its last character.
    const longer = await signed({ site: 'abcdefghijkl', survey: 'sv_abcdefghijkl', channel: 'email', expiresAt: Date.now() + 60_000, user: 'u_420', touchpoint: 'delivery', locale: 'fa' });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(longer.at(-1)!);
    const respelled = longer.slice(0, -1) + alphabet[last ^ 1]!;
    expect((await page(`/r/${longer}`)).status).toBe(410); // signed well, for a survey that does not exist: closed
    expect((await page(`/r/${respelled}`)).status).toBe(404);
  });

  it('an expired token gets a 410 page in its own locale, and records nothing', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const expired = await signed({ site: site.site, survey, channel: 'sms', expiresAt: Math.floor(Date.now() / 1000) * 1000 - 1000, locale: 'fa' });
    const baseline = await Baseline.take();
    const res = await page(`/r/${expired}?score=9`);
    expect(res.status).toBe(410);
    expect(res.html).toContain('<html lang="fa" dir="rtl">');
    expect(res.html).toContain('این پیوند منقضی شده است');
    expect((await postForm(`/r/${expired}`, { score: '9' })).status).toBe(410);
    expect((await postForm(`/r/${expired}/comment`, { comment: 'late' })).status).toBe(410);
    expect(await baseline.changes()).toEqual([]);
    // One second before its expiry it still works.
    const live = await signed({ site: site.site, survey, channel: 'sms', expiresAt: Math.floor(Date.now() / 1000) * 1000 + 2000 });
    expect((await page(`/r/${live}`)).status).toBe(200);
  });

  it('a paused survey or a deleted site: 410 "closed" at once, nothing stored', async () => {
    const { site, survey, link } = await setup('nps', { locale: 'ar' });
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { active: false });
    const baseline = await Baseline.take();
    const paused = await page(pathOf(link.score_urls[9]!));
    expect(paused.status).toBe(410);
    expect(paused.html).toContain('<html lang="ar" dir="rtl">');
    expect(paused.html).toContain('هذا الاستبيان مغلق');
    expect((await answer(link.url, 9)).status).toBe(410);
    expect(await baseline.changes()).toEqual([]);

    const other = await setup('nps', { locale: 'en' });
    await env.DB.prepare('DELETE FROM sites WHERE key = ?').bind(other.site.site).run();
    const gone = await page(pathOf(other.link.url));
    expect(gone.status).toBe(410);
    expect(gone.html).toContain('This survey is closed');
    expect((await answer(other.link.url, 9)).status).toBe(410);
    expect(await rawCount(other.site.site)).toBe(0);
  });

  it('503 pages without a signing key, and 404 for every link under another key', async () => {
    const { link } = await setup();
    const missing = await app.request(pathOf(link.url), {}, { ...env, LINK_SIGNING_KEY: undefined });
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('Not available right now');
    const rotated = await app.request(pathOf(link.url), {}, { ...env, LINK_SIGNING_KEY: `${KEY}-rotated` });
    expect(rotated.status).toBe(404);
  });
});

describe('POST /r/{token}', () => {
  it('records the answer once, with the token user, touchpoint, locale and channel, then redirects to the page', async () => {
    const { site, survey, link } = await setup();
    const res = await answer(link.url, 3, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=recorded`);
    const { results } = await env.DB.prepare('SELECT id, survey, kind, score, user, touchpoint, locale, channel, page, device, comment FROM responses WHERE site = ?').bind(site.site).all();
    expect(results).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), survey, kind: 'nps', score: 3, user: 'u_42', touchpoint: 'delivery', locale: 'fa', channel: 'email', page: null, device: 'mobile', comment: null },
    ]);
    await assertRollupsMatchRaw(env.DB);

    // The page after the redirect: thanks and the follow-up, in Persian.
    const thanks = await page(res.headers.get('location')!);
    expect(thanks.status).toBe(200);
    expect(thanks.html).toContain('پاسخ شما دریافت شد.');
    expect(thanks.html).toContain('<label for="comment">دلیل اصلی امتیاز شما چیست؟</label>');

    // A second submit (another button in the email, a double click) changes nothing and says so.
    const again = await answer(link.url, 10);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=already`);
    expect((await page(again.headers.get('location')!)).html).toContain('پاسخ شما پیش‌تر دریافت شده بود');
    // Opening the link again shows the answer received, not the buttons.
    const reopened = await page(pathOf(link.score_urls[7]!));
    expect(reopened.html).toContain('پاسخ شما پیش‌تر دریافت شده بود');
    expect(buttonLabels(reopened.html)).toEqual([]);
    const rows = await env.DB.prepare('SELECT score FROM responses WHERE site = ?').bind(site.site).all();
    expect(rows.results).toEqual([{ score: 3 }]);
  });

  it('concurrent submits of one token store one answer', async () => {
    const { site, link } = await setup();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => answer(link.url, i % 11)));
    const locations = results.map((r) => r.headers.get('location')!.split('?status=')[1]);
    expect(results.every((r) => r.status === 303)).toBe(true);
    expect(locations.filter((s) => s === 'recorded')).toHaveLength(1);
    expect(locations.filter((s) => s === 'already')).toHaveLength(24);
    expect(await rawCount(site.site)).toBe(1);
    await assertRollupsMatchRaw(env.DB);
  });

  it('a score outside the kind scale is a 400 page; nothing stored', async () => {
    const { site, link } = await setup('ces', { locale: 'en' });
    const baseline = await Baseline.take();
    for (const score of ['0', '8', '10', '11', 'seven', '']) {
      const res = await answer(link.url, score);
      expect(res.status, score).toBe(400);
      expect(await res.text()).toContain('That score is not on this scale');
    }
    expect((await postForm(pathOf(link.url), 'other=1')).status).toBe(400);
    expect(await baseline.changes()).toEqual([]);
    expect((await answer(link.url, 7)).status).toBe(303);
    expect(await rawCount(site.site)).toBe(1);
  });

  it('a post from another origin (or Origin: null) is a 403 page; without an Origin it is accepted', async () => {
    const { site, link } = await setup();
    const baseline = await Baseline.take();
    for (const origin of ['https://evil.example', 'null', 'http://collector.test:8080']) {
      const res = await answer(link.url, 9, { origin });
      expect(res.status, origin).toBe(403);
      // Refused before the token is read, yet in the token's locale.
      expect(await res.text()).toContain('<html lang="fa" dir="rtl">');
    }
    expect(await baseline.changes()).toEqual([]);
    const res = await call(pathOf(link.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=9', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(await rawCount(site.site)).toBe(1);
  });

  it('413 for a body over the form limit, 415 for JSON; each a page, nothing stored', async () => {
    const { link } = await setup();
    const baseline = await Baseline.take();
    const big = await postForm(pathOf(link.url), `score=3&pad=${'x'.repeat(30_000)}`);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('متن برای فرستادن بیش از حد طولانی است');
    const asJson = await call(pathOf(link.url), { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: '{"score":3}', redirect: 'manual' });
    expect(asJson.status).toBe(415);
    expect(asJson.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await baseline.changes()).toEqual([]);
  });

  it('rate limits apply as on the other public writes: 429 page with Retry-After', async () => {
    const { site, link } = await setup();
    const tight = { ...env, RATE_LIMIT_CLIENT: env.TIGHT_CLIENT_LIMIT };
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await app.request(pathOf(link.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip }, body: 'score=9' }, tight);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([303, 303, 303, 429, 429]);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await last!.text()).toContain('درخواست‌ها بیش از حد زیاد است');
    expect(await rawCount(site.site)).toBe(1);
  });
});

describe('POST /r/{token}/comment', () => {
  it('adds the comment once, then thanks; a second is a 409 page', async () => {
    const { site, link } = await setup();
    const before = await comment(link.url, 'too early');
    expect(before.status).toBe(303);
    expect(before.headers.get('location')).toBe(`/r/${tokenOf(link.url)}`);
    await answer(link.url, 4);
    const res = await comment(link.url, '  پیک دیر رسید  ');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=commented`);
    const thanks = await page(res.headers.get('location')!);
    expect(thanks.html).toContain('نظر شما دریافت شد.');
    expect(thanks.html).not.toContain('<textarea');
    const second = await comment(link.url, 'again');
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('تا ۶۰ دقیقه');
    const row = await env.DB.prepare('SELECT comment FROM responses WHERE site = ?').bind(site.site).first();
    expect(row).toEqual({ comment: 'پیک دیر رسید' });
  });

  it('an empty comment just thanks; a too long one is a 400 page with the form again; nothing stored for either', async () => {
    const { site, link } = await setup();
    await answer(link.url, 9);
    const baseline = await Baseline.take();
    const empty = await comment(link.url, '   ');
    expect(empty.headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=done`);
    expect((await page(empty.headers.get('location')!)).html).not.toContain('<textarea');
    const long = await comment(link.url, 'ب'.repeat(2001));
    expect(long.status).toBe(400);
    const text = await long.text();
    expect(text).toContain('حداکثر ۲٬۰۰۰ نویسه');
    expect(text).toContain('<textarea');
    expect(await baseline.changes()).toEqual([]);
    // 2,000 Persian characters fit the form limit (12,000 bytes once percent-encoded).
    expect((await comment(link.url, 'ب'.repeat(2000))).status).toBe(303);
    expect((await env.DB.prepare('SELECT length(comment) AS n FROM responses WHERE site = ?').bind(site.site).first())?.n).toBe(2000);
  });

  it('no comment form after 60 minutes, and a late comment is a 409 page', async () => {
    const { site, link } = await setup();
    await answer(link.url, 2);
    // The answer was given 61 minutes ago (its rollups are not read here).
    await env.DB.prepare('UPDATE responses SET created_at = created_at - 61 * 60000 WHERE site = ?').bind(site.site).run();
    expect((await page(pathOf(link.url))).html).not.toContain('<textarea');
    expect((await comment(link.url, 'late')).status).toBe(409);
  });
});

describe('link answers in scores', () => {
  it('count under their channel: group_by=channel equals a recount', async () => {
    const site: TestSite = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    for (const [channel, scores] of [['email', [9, 10, 3]], ['sms', [7]], ['qr', [0, 10]]] as const) {
      const { links } = await mintOk(site.site, survey, { channel, recipients: scores.map(() => ({ touchpoint: 'counter' })) });
      for (const [i, link] of links.entries()) expect((await answer(link.url, scores[i]!)).status).toBe(303);
    }
    const raw = await rawAnswers(env.DB, site.site, 'nps');
    const { body } = await scoresJson(site, { survey, group_by: 'channel' });
    expect(new Map(body.groups!.map(({ key, ...m }) => [key, m]))).toEqual(recountGroups('nps', raw, 'channel'));
    expect(body.groups!.map((g) => [g.key, g.n])).toEqual([['email', 3], ['qr', 2], ['sms', 1]]);
    const exported = await call(`/v1/sites/${site.site}/responses?channel=qr`, { headers: { authorization: `Bearer ${site.readKey}` } });
    const lines = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as { channel: string; touchpoint: string });
    expect(lines.map((l) => [l.channel, l.touchpoint])).toEqual([['qr', 'counter'], ['qr', 'counter']]);
    expect(await json<unknown>(await call('/healthz'))).toEqual({ ok: true });
  });
});
