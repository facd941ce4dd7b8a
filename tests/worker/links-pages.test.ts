/**
 * The pages of links, /r/{token}: a GET never records and the page has no
 * script; the form posts score and comment together, once per token, with
 * the token's fields; every refusal is a readable page with its status.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { linkSealer } from '../../worker/links/token';
import { asAdmin, call, createSite, createSurvey, json, rawCount, scoresJson, type TestSite } from './helpers';
import { assertRollupsMatchRaw, rawAnswers, recountGroups } from '../invariants/store';
import { ORIGIN, PAGE_CSP, answer, checkedScore, comment, mintOk, page, pathOf, postForm, scoreLabels, tokenOf } from './link-helpers';
import { Baseline } from './probe';

const KEY = env.LINK_SIGNING_KEY!;
const FOLLOW_UP = { en: 'What is the main reason for your score?', fa: 'دلیل اصلی امتیاز شما چیست؟' };
const FOLLOW_UP_LOW = { en: 'What should we fix first?', fa: 'اول چه چیزی را باید درست کنیم؟' };

async function setup(kind: 'nps' | 'csat' | 'ces' = 'nps', recipient: Record<string, string> = { user: 'u_42', touchpoint: 'delivery', locale: 'fa' }, extra: Record<string, unknown> = {}) {
  const site = await createSite();
  const survey = await createSurvey(site.site, kind, { follow_up: FOLLOW_UP, ...extra });
  const { links } = await mintOk(site.site, survey, { channel: 'email', recipients: [recipient] });
  return { site, survey, link: links[0]! };
}

/** A token sealed with chosen claims (e.g. already expired), as the mint would make it. */
async function sealed(claims: Parameters<Awaited<ReturnType<typeof linkSealer>>>[0], key = KEY): Promise<string> {
  return (await linkSealer(key))(claims);
}

describe('GET /r/{token}', () => {
  it('renders the question, the scale, the comment box and one send button, in the token locale, right to left with Persian digits, under a CSP with no script', async () => {
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
    expect(scoreLabels(res.html)).toEqual(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
    expect(checkedScore(res.html)).toBeNull();
    expect(res.html).toContain(`<form method="post" action="/r/${tokenOf(link.url)}">`);
    expect(res.html).toContain('<textarea id="comment" name="comment"');
    expect(res.html.match(/<button /g)).toHaveLength(1);
    expect(res.html).toContain('<button type="submit" class="send">ارسال</button>');
    // No script at all, inline or not, and no inline style: the stylesheets are files on the same origin.
    expect(res.html).not.toMatch(/<script|<style|style=|\son[a-z]+=/);
    expect(await baseline.changes()).toEqual([]);
  });

  it('?score=N checks N beside the comment box and the send button: nothing is sent, nothing recorded', async () => {
    const { link } = await setup();
    const baseline = await Baseline.take();
    const res = await page(pathOf(link.score_urls[3]!));
    expect(res.status).toBe(200);
    expect(checkedScore(res.html)).toBe(3);
    expect(res.html).toContain('امتیاز شما انتخاب شده است');
    expect(res.html).not.toMatch(/<script/);
    expect(await baseline.changes()).toEqual([]);
    expect((await call('/r/page.js')).status).toBe(404);
    const css = await call('/r/page.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('min-height:44px');
  });

  it('is the site page: its name, and the survey colour as a stylesheet of its own', async () => {
    const site = await createSite();
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { name: 'Bazaar <Tehran>' });
    const survey = await createSurvey(site.site, 'csat', { color: '#C0FFEE' });
    const [link] = (await mintOk(site.site, survey, { recipients: [{ locale: 'en' }] })).links;
    const res = await page(pathOf(link!.url));
    expect(res.html).toContain('<p class="site">Bazaar &lt;Tehran&gt;</p>');
    expect(res.html).toContain('<title>How was it (csat)? · Bazaar &lt;Tehran&gt;</title>');
    expect(res.html).toContain('<link rel="stylesheet" href="/r/theme/c0ffee.css">');
    const theme = await call('/r/theme/c0ffee.css');
    expect(theme.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await theme.text()).toBe(':root{--accent:#c0ffee}\n');
    for (const bad of ['c0ffe.css', 'C0FFEE.css', 'c0ffee', 'zzzzzz.css', '%0d%0a.css']) {
      const refused = await page(`/r/theme/${bad}`);
      expect(refused.status, bad).toBe(404);
      expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });

  it('labels the comment box with the survey follow-ups for low and other scores, switched by CSS', async () => {
    const { link } = await setup('nps', { locale: 'en' }, { follow_up_low: FOLLOW_UP_LOW });
    const res = await page(pathOf(link.score_urls[2]!));
    expect(res.html).toContain(`<label for="comment"><span class="for-none">${FOLLOW_UP.en}</span><span class="for-low">${FOLLOW_UP_LOW.en}</span><span class="for-high">${FOLLOW_UP.en}</span></label>`);
    expect(res.html).toMatch(/<input type="radio" name="score" value="6" id="score-6" class="low"/);
    expect(res.html).toMatch(/<input type="radio" name="score" value="7" id="score-7" class="high"/);
    // Without follow-ups, an open invitation.
    const site = await createSite();
    const plain = await createSurvey(site.site, 'ces');
    const [bare] = (await mintOk(site.site, plain, { recipients: [{ locale: 'en' }] })).links;
    expect((await page(pathOf(bare!.url))).html).toContain('<label for="comment">Anything you would like to add? (optional)</label>');
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

  it('a score outside the scale is a 400 page that still offers the scale, none checked', async () => {
    const { link } = await setup('csat', { locale: 'en' });
    for (const score of ['0', '6', '42', 'abc', '-1', '3.5']) {
      const res = await page(`${pathOf(link.url)}?score=${score}`);
      expect(res.status, score).toBe(400);
      expect(res.html).toContain('That score is not on this scale');
      expect(scoreLabels(res.html)).toEqual(['1', '2', '3', '4', '5']);
      expect(checkedScore(res.html)).toBeNull();
    }
  });
});

describe('refused tokens', () => {
  it('forged, damaged, truncated or foreign tokens get a 404 page, in English without an Accept-Language', async () => {
    const { link } = await setup();
    const token = tokenOf(link.url);
    const flip = (i: number) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const foreign = await sealed({ site: 'x', survey: 'y', channel: 'email', expiresAt: Date.now() + 60_000, locale: 'fa' }, 'another-key-another-key-another-key');
    const tokens = [
      flip(0), // header
      flip(3), // iv
      flip(30), // sealed claims
      flip(token.length - 3), // tag
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

  it('a token that cannot be read speaks the browser language (Accept-Language, by q)', async () => {
    for (const [header, lang, title] of [
      ['fa-IR,fa;q=0.9,en;q=0.5', 'fa-IR', 'این پیوند کار نمی‌کند'],
      ['de-DE,ar;q=0.8', 'ar', 'هذا الرابط لا يعمل'],
      ['en;q=0.2, fa;q=0.7', 'fa', 'این پیوند کار نمی‌کند'],
      ['de, *;q=0.5', 'en', 'This link does not work'],
      ['x'.repeat(5000), 'en', 'This link does not work'],
    ] as const) {
      const res = await page('/r/not-a-token', { headers: { 'accept-language': header } });
      expect(res.status, header.slice(0, 30)).toBe(404);
      expect(res.html, header.slice(0, 30)).toContain(`<html lang="${lang}"`);
      expect(res.html).toContain(title);
    }
  });

  it('a token spelled another way (spare base64url bits) is refused: one link, one answer id', async () => {
    // Find a token whose byte length leaves spare bits in its last character.
    let longer = '';
    for (let n = 1; !longer; n++) {
      const token = await sealed({ site: 'abcdefghjkmn', survey: 'sv_abcdefghjkmn', channel: 'email', expiresAt: Date.now() + 60_000, user: 'u'.repeat(n) });
      if (token.length % 4 !== 0) longer = token;
    }
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(longer.at(-1)!);
    const respelled = longer.slice(0, -1) + alphabet[last ^ 1]!;
    expect((await page(`/r/${longer}`)).status).toBe(410); // sealed well, for a survey that does not exist: closed
    expect((await page(`/r/${respelled}`)).status).toBe(404);
  });

  it('an expired token gets a 410 page in its own locale, and records nothing', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const expired = await sealed({ site: site.site, survey, channel: 'sms', expiresAt: Math.floor(Date.now() / 1000) * 1000 - 1000, locale: 'fa' });
    const baseline = await Baseline.take();
    const res = await page(`/r/${expired}?score=9`);
    expect(res.status).toBe(410);
    expect(res.html).toContain('<html lang="fa" dir="rtl">');
    expect(res.html).toContain('این پیوند منقضی شده است');
    expect((await postForm(`/r/${expired}`, { score: '9' })).status).toBe(410);
    expect((await postForm(`/r/${expired}/comment`, { comment: 'late' })).status).toBe(410);
    expect(await baseline.changes()).toEqual([]);
    // One second before its expiry it still works.
    const live = await sealed({ site: site.site, survey, channel: 'sms', expiresAt: Math.floor(Date.now() / 1000) * 1000 + 2000 });
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
    expect(paused.html).toContain('<p class="site">Test shop</p>');
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

  it('503 pages without a signing key', async () => {
    const { link } = await setup();
    const missing = await app.request(pathOf(link.url), {}, { ...env, LINK_SIGNING_KEY: undefined });
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('Not available right now');
  });
});

describe('POST /r/{token}', () => {
  it('records the score and the comment sent with it, once, with the token user, touchpoint, locale and channel; then thanks without asking again', async () => {
    const { site, survey, link } = await setup();
    const res = await answer(link.url, 3, { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148' }, '  پیک دیر رسید  ');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=recorded`);
    const { results } = await env.DB.prepare('SELECT id, survey, kind, score, user, touchpoint, locale, channel, page, device, comment FROM responses WHERE site = ?').bind(site.site).all();
    expect(results).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), survey, kind: 'nps', score: 3, user: 'u_42', touchpoint: 'delivery', locale: 'fa', channel: 'email', page: null, device: 'mobile', comment: 'پیک دیر رسید' },
    ]);
    await assertRollupsMatchRaw(env.DB);

    // The page after the redirect: thanks, in Persian, and no second ask.
    const thanks = await page(res.headers.get('location')!);
    expect(thanks.status).toBe(200);
    expect(thanks.html).toContain('پاسخ شما دریافت شد.');
    expect(thanks.html).not.toContain('<textarea');

    // A second submit (another button in the email, a double click) changes nothing and says so.
    const again = await answer(link.url, 10, {}, 'changed my mind');
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=already`);
    expect((await page(again.headers.get('location')!)).html).toContain('پاسخ شما پیش‌تر دریافت شده بود');
    // Opening the link again shows the answer received, not the scale.
    const reopened = await page(pathOf(link.score_urls[7]!));
    expect(reopened.html).toContain('پاسخ شما پیش‌تر دریافت شده بود');
    expect(scoreLabels(reopened.html)).toEqual([]);
    const rows = await env.DB.prepare('SELECT score, comment FROM responses WHERE site = ?').bind(site.site).all();
    expect(rows.results).toEqual([{ score: 3, comment: 'پیک دیر رسید' }]);
  });

  it('a score sent without a comment may get one later, once, within the hour (reopening the link)', async () => {
    const { site, link } = await setup();
    expect((await answer(link.url, 9, {}, '   ')).headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=recorded`);
    expect((await page(`${pathOf(link.url)}?status=recorded`)).html).not.toContain('<textarea');
    const reopened = await page(pathOf(link.url));
    expect(reopened.html).toContain('<label for="comment">دلیل اصلی امتیاز شما چیست؟</label>');
    expect((await comment(link.url, 'بعداً یادم آمد')).headers.get('location')).toBe(`/r/${tokenOf(link.url)}?status=commented`);
    expect(await env.DB.prepare('SELECT score, comment FROM responses WHERE site = ?').bind(site.site).first()).toEqual({ score: 9, comment: 'بعداً یادم آمد' });
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

  it('no score, a score outside the kind scale, or a comment too long: a 400 page with the form again as sent; nothing stored', async () => {
    const { site, link } = await setup('ces', { locale: 'en' });
    const baseline = await Baseline.take();
    for (const score of ['0', '8', '10', '11', 'seven']) {
      const res = await answer(link.url, score, {}, 'kept');
      expect(res.status, score).toBe(400);
      const html = await res.text();
      expect(html).toContain('That score is not on this scale');
      expect(html).toContain('>kept</textarea>');
    }
    const none = await postForm(pathOf(link.url), { comment: 'no score' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Choose a number first');
    const long = await answer(link.url, 6, {}, 'x'.repeat(2001));
    expect(long.status).toBe(400);
    const html = await long.text();
    expect(html).toContain('at most 2,000 characters');
    expect(checkedScore(html)).toBe(6);
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
    const big = await postForm(pathOf(link.url), `score=3&comment=${'x'.repeat(30_000)}`);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('متن برای فرستادن بیش از حد طولانی است');
    const asJson = await call(pathOf(link.url), { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN }, body: '{"score":3}', redirect: 'manual' });
    expect(asJson.status).toBe(415);
    expect(asJson.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await baseline.changes()).toEqual([]);
    // The longest comment in Persian, with its score, fits the form limit.
    expect((await answer(link.url, 3, {}, 'ب'.repeat(2000))).status).toBe(303);
  });

  it('the per-client rate limit stays: a 429 page whose text says when to come back, as its Retry-After', async () => {
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
    expect(last!.headers.get('retry-after')).toBe('60');
    const html = await last!.text();
    expect(html).toContain('درخواست‌ها بیش از حد زیاد است');
    expect(html).toContain('لطفاً ۱ دقیقه بعد دوباره تلاش کنید.');
    expect(await rawCount(site.site)).toBe(1);
  });
});

describe('POST /r/{token}/comment', () => {
  it('adds the comment once to an answer sent without one; a second is a 409 page', async () => {
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

describe('GET /r/{token}/comment', () => {
  it('redirects a genuine token to its page; anything else, a CR or LF too, is a 404 page', async () => {
    const { link } = await setup();
    const token = tokenOf(link.url);
    const res = await call(`/r/${token}/comment`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/r/${token}`);
    for (const bad of [`${token}%0d%0aSet-Cookie:%20x=1`, '%0d%0a', 'abc', `${token.slice(0, -2)}`]) {
      const refused = await page(`/r/${bad}/comment`);
      expect(refused.status, bad).toBe(404);
      expect(refused.headers.get('location')).toBeNull();
      expect(refused.html).toContain('This link does not work');
    }
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
