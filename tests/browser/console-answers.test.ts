/**
 * The answers behind the numbers: the comments search over every kind when
 * none is chosen, with the count of what it found (exact once the feed is
 * read to its end, "so far" before), a search too short refused in words
 * without a storm of requests; who gave each answer (user, channel, page,
 * meta, each in its own direction); every answer with or without a comment;
 * and a journey step, a breakdown's row and a trend's period each opening the
 * comments behind them with the filters set. The truth is the API's.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, api, openConsole, signIn } from './console-helpers';
import { collector, launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

interface Row {
  id: string;
  kind: string;
  score: number;
  comment: string | null;
  touchpoint: string | null;
  locale: string | null;
  page: string | null;
  user: string | null;
  meta: Record<string, string> | null;
  channel: string;
  reasons: string[] | null;
  created_at: string;
}

/** Every row of a feed query, following Link to its end, as the API gives them. */
async function feed(query: Record<string, string>): Promise<Row[]> {
  const rows: Row[] = [];
  let url: string | null = `${collector()}/v1/sites/demo/responses?${new URLSearchParams({ order: 'desc', limit: '1000', ...query })}`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${DEMO.readKey}` } });
    expect(res.status).toBe(200);
    rows.push(...(await res.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row));
    url = /<([^>]+)>/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return rows;
}

const LAST_90 = () => {
  const tomorrow = new Date();
  tomorrow.setUTCHours(0, 0, 0, 0);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  return { from: new Date(tomorrow.getTime() - 90 * 86_400_000).toISOString().slice(0, 10), to: tomorrow.toISOString().slice(0, 10), tz: 'UTC' };
};

const ids = (page: Page) => page.locator('.comment').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-answer')));

describe('the comments search', () => {
  it('searches every kind when none is chosen, and says how many it found', async () => {
    const truth = await feed({ ...LAST_90(), has_comment: 'true', q: 'crushed' });
    // Delivery is asked by the NPS and the CSAT survey: both kinds hold the word.
    expect(new Set(truth.map((r) => r.kind))).toEqual(new Set(['nps', 'csat']));
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC');
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    expect(await page.locator('#f-subject option:checked').textContent()).toBe('All surveys');
    await page.locator('#c-q').fill('crushed');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByTestId('found').textContent()).toBe(`Found: ${truth.length}.`);
    expect(await ids(page)).toEqual(truth.map((r) => r.id));
    // Each card says its kind when every kind is read.
    expect(await page.locator('.comment-meta', { hasText: 'CSAT' }).count()).toBe(truth.filter((r) => r.kind == 'csat').length);
    await context.close();
  });

  it('says "so far" while older answers are unread, and counts on as pages load', async () => {
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC');
    await signIn(page, DEMO.readKey);
    await expect.poll(() => page.getByTestId('found').textContent()).toBe('Found so far: 50; older answers not read yet.');
    await page.getByRole('button', { name: 'More comments' }).click();
    await expect.poll(() => page.getByTestId('found').textContent()).toBe('Found so far: 100; older answers not read yet.');
    const truth = await feed({ ...LAST_90(), has_comment: 'true' });
    expect(await ids(page)).toEqual(truth.slice(0, 100).map((r) => r.id));
    await context.close();
  });

  it('refuses a search of one character, or of what folding drops, in words, with one request each', async () => {
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC', { locale: 'fa-IR' });
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/responses') && asked.push(r.url()));
    for (const [typed, n] of [['a', 1], ['\u0640\u200c \u064e', 2]] as const) {
      await page.locator('#c-q').fill(typed);
      await page.locator('#c-q').press('Enter');
      await expect.poll(() => page.locator('#c-q-error').textContent()).toContain('دست‌کم دو حرف یا رقم بنویسید');
      // The API's own words follow, in English, as a detail.
      expect(await page.locator('#c-q-error .detail').getAttribute('lang')).toBe('en');
      await page.waitForTimeout(500);
      expect(asked).toHaveLength(n);
    }
    expect(await page.locator('#c-q').getAttribute('aria-describedby')).toBe('c-q-error');
    await context.close();
  });
});

describe('who said it', () => {
  it('shows each answer’s user, channel, page and meta as text, each in its own direction', async () => {
    const truth = await feed({ ...LAST_90(), has_comment: 'true', kind: 'nps' });
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC&kind=nps');
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    const shown = await ids(page);
    // The first card with an order number and a Persian city, as the API has it.
    const row = truth.find((r) => shown.includes(r.id) && r.meta && /[\u0600-\u06FF]/.test(r.meta.city ?? '') && r.user)!;
    expect(row).toBeDefined();
    const card = page.locator(`.comment[data-answer="${row.id}"]`);
    expect(await card.getByTestId('answer-user').textContent()).toBe(row.user);
    expect(await card.getByTestId('meta').allTextContents()).toEqual(Object.entries(row.meta!).map(([k, v]) => `${k}: ${v}`));
    expect(await card.locator('.who').textContent()).toContain(`Page: ${row.page}`);
    expect(await card.locator('.comment-meta').first().textContent()).toContain({ web: 'Website', email: 'Email', sms: 'SMS', qr: 'QR code', link: 'Link' }[row.channel]);
    // Isolated, so that a Persian city keeps its order in an English card.
    const city = card.getByTestId('meta').filter({ hasText: 'city' }).locator('bdi').last();
    expect(await city.evaluate((el) => [getComputedStyle(el).unicodeBidi, getComputedStyle(el).direction])).toEqual(['isolate', 'rtl']);
    await card.screenshot({ path: `${SCREENSHOTS}console-answer-card-en.png` });
    await context.close();
  });

  it('lists every answer, with or without a comment, with the same filters', async () => {
    const truth = await feed({ ...LAST_90(), kind: 'csat', band: 'low' });
    expect(truth.some((r) => r.comment === null)).toBe(true);
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC&kind=csat&band=low', { locale: 'fa-IR' });
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    await page.getByRole('radio', { name: 'همهٔ پاسخ‌ها' }).check();
    await expect.poll(() => page.url()).toContain('answers=all');
    await expect.poll(() => ids(page)).toEqual(truth.slice(0, 50).map((r) => r.id));
    const bare = truth.slice(0, 50).find((r) => r.comment === null)!;
    expect(await page.locator(`.comment[data-answer="${bare.id}"] .comment-text`).textContent()).toBe('بدون نظر');
    const top = (await page.locator('.comment').first().boundingBox())!;
    const fourth = (await page.locator('.comment').nth(3).boundingBox())!;
    await page.screenshot({ path: `${SCREENSHOTS}console-answers-fa.png`, fullPage: true, clip: { x: 0, y: top.y - 260, width: 1280, height: fourth.y + fourth.height - top.y + 270 } });
    await context.close();
  });
});

describe('the numbers open their comments', () => {
  it('a journey step opens its touchpoint’s comments, of the kind on screen', async () => {
    const { page, context } = await openConsole(browser, '/journey?site=demo&range=90d&tz=UTC');
    await signIn(page, DEMO.readKey);
    await page.locator('.step[data-touchpoint="delivery"] a', { hasText: 'Comments' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/comments\?.*touchpoint=delivery/);
    expect(page.url()).toContain('kind=nps');
    await page.locator('.comment').first().waitFor();
    const truth = await feed({ ...LAST_90(), has_comment: 'true', kind: 'nps', touchpoint: 'delivery' });
    expect(await ids(page)).toEqual(truth.slice(0, 50).map((r) => r.id));
    await context.close();
  });

  it('a breakdown’s row opens the comments of its language, and the export takes it along', async () => {
    const { page, context } = await openConsole(browser, '/breakdowns?site=demo&range=90d&tz=UTC&by=locale');
    await signIn(page, DEMO.readKey);
    await page.getByRole('link', { name: 'Comments of Persian' }).click();
    await expect.poll(() => page.url()).toContain('locale=fa');
    await page.locator('.comment').first().waitFor();
    const truth = await feed({ ...LAST_90(), has_comment: 'true', kind: 'nps', locale: 'fa' });
    expect(await ids(page)).toEqual(truth.slice(0, 50).map((r) => r.id));
    expect(await page.locator('.theme-filter').textContent()).toContain('Only answers of Persian.');
    await page.getByRole('link', { name: 'Export' }).click();
    await expect.poll(() => page.locator('.theme-filter').textContent()).toContain('Only answers of Persian.');
    // Lifted, it is gone from the URL.
    await page.getByRole('button', { name: 'Show all comments' }).click();
    await expect.poll(() => page.url()).not.toContain('locale=fa');
    await context.close();
  });

  it('a reason’s row opens the comments of the answers with that reason, named by its label', async () => {
    const { page, context } = await openConsole(browser, '/breakdowns?site=demo&range=90d&tz=UTC&by=reason&survey=demo-nps');
    await signIn(page, DEMO.readKey);
    await page.getByRole('link', { name: 'Comments of Delivery' }).click();
    await expect.poll(() => page.url()).toContain('reason=delivery');
    await page.locator('.comment').first().waitFor();
    const truth = await feed({ ...LAST_90(), has_comment: 'true', survey: 'demo-nps', reason: 'delivery' });
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.every((r) => r.reasons?.includes('delivery'))).toBe(true);
    expect(await ids(page)).toEqual(truth.slice(0, 50).map((r) => r.id));
    expect(await page.locator('.theme-filter').textContent()).toContain('Only answers of Delivery.');
    await page.getByRole('button', { name: 'Show all comments' }).click();
    await expect.poll(() => page.url()).not.toContain('reason=');
    await context.close();
  });

  it('a trend’s period, clicked on the chart or from its row in the table, opens the comments of exactly that period', async () => {
    const truth = await api<{ series: { start: string; n: number }[] }>(`/v1/sites/demo/scores?kind=nps&tz=UTC&interval=week&${new URLSearchParams(LAST_90())}`, DEMO.readKey);
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=90d&tz=UTC&interval=week');
    await signIn(page, DEMO.readKey);
    await page.locator('.chart-area canvas').first().waitFor();
    // The table: the third week's row.
    await page.getByText('Show the numbers as a table').click();
    await page.locator('.table-toggle tbody tr').nth(2).getByRole('link').click();
    const week = (i: number) => truth.series[i]!.start.slice(0, 10);
    const params = () => new URLSearchParams(page.url().split('?')[1]);
    await expect.poll(() => params().get('from')).toBe(week(2));
    expect([params().get('to'), params().get('range'), params().get('kind')]).toEqual([week(3), 'custom', 'nps']);
    await page.locator('.comment').first().waitFor();
    const rows = await feed({ from: week(2), to: week(3), tz: 'UTC', has_comment: 'true', kind: 'nps' });
    expect(await ids(page)).toEqual(rows.slice(0, 50).map((r) => r.id));
    // The chart: a click in the middle of the plot opens the week under it.
    await page.goBack();
    await page.locator('.chart-area canvas').first().waitFor();
    const over = page.locator('.chart-area .u-over');
    const box = (await over.boundingBox())!;
    // The x scale runs from the first bucket's start to the last's: its middle is nearest this bucket.
    const starts = truth.series.map((b) => Date.parse(b.start));
    const middle = (starts[0]! + starts[starts.length - 1]!) / 2;
    const nearest = starts.reduce((best, t, i) => (Math.abs(t - middle) < Math.abs(starts[best]! - middle) ? i : best), 0);
    await over.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => params().get('from')).toBe(week(nearest));
    expect(params().get('to')).toBe(nearest + 1 < starts.length ? week(nearest + 1) : LAST_90().to);
    await context.close();
  });
});
