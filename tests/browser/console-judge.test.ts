/**
 * What helps a reader judge the numbers: the 95% interval explained where
 * it is shown (a popover that opens with a keyboard and a tap), "too few
 * answers to judge" below 10 answers for the score, a group and a trend's
 * period (drawn hollow, without a band), the API's refusals in the console's
 * language (its English words only as a detail), and touchpoints named in
 * the reader's language, as the admin set them, with the journey's steps
 * numbered in the reader's digits.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DEMO, api, openConsole, signIn } from './console-helpers';
import { collector, launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const ORIGIN = 'https://few.example';
let browser: Browser;
/** A site with three NPS answers this week: too few to judge. */
let few: { site: string; readKey: string };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  const created = await api<{ site: string; read_key: string }>('/v1/admin/sites', ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ name: 'Few shop', origins: [ORIGIN] }) });
  few = { site: created.site, readKey: created.read_key };
  await api(`/v1/admin/sites/${few.site}`, ADMIN_TOKEN, { method: 'PATCH', body: JSON.stringify({ journey: ['checkout', 'delivery'] }) });
  const { id } = await api<{ id: string }>(`/v1/admin/sites/${few.site}/surveys`, ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ kind: 'nps', question: { en: 'Recommend us?' } }) });
  for (const [score, touchpoint] of [[9, 'checkout'], [3, 'checkout'], [10, 'delivery']] as const) {
    const res = await fetch(`${collector()}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ id: crypto.randomUUID(), site: few.site, survey: id, score, touchpoint, locale: 'fa', comment: `${touchpoint} ${score}` }),
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => browser?.close());

/** The band's colour (console/views/trend-chart.ts) and the points' white fill, counted on the chart's canvas. */
function chartPixels(page: Page): Promise<{ band: number; line: number }> {
  return page.locator('.chart-area canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let band = 0;
    let line = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] == 198 && data[i + 1] == 219 && data[i + 2] == 252) band++;
      if (data[i] == 18 && data[i + 1] == 86 && data[i + 2] == 196) line++;
    }
    return { band, line };
  });
}

describe('the interval, explained where it is shown', () => {
  it('opens its sentence with the keyboard, closes it with Escape, and opens it with a tap', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=90d&tz=UTC', { hasTouch: true });
    await signIn(page, DEMO.readKey);
    const help = page.getByRole('button', { name: 'What the 95% interval means' }).first();
    await help.waitFor();
    const sentence = page.locator('#help-score');
    expect(await sentence.isVisible()).toBe(false);
    await help.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => sentence.isVisible()).toBe(true);
    expect(await sentence.textContent()).toBe('The true score is in this range with 95% confidence: few answers make it wide, and scores whose ranges overlap may not differ.');
    await page.screenshot({ path: `${SCREENSHOTS}console-interval-help-en.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => sentence.isVisible()).toBe(false);
    await help.tap();
    await expect.poll(() => sentence.isVisible()).toBe(true);
    // Where else intervals are shown: the trend, and (their own pages) the journey, breakdowns and themes.
    expect(await page.locator('#help-trend').count()).toBe(1);
    await context.close();
  });
});

describe('too few answers to judge', () => {
  it('says so for the score, each step and group, and draws such periods hollow, without a band', async () => {
    const { page, context } = await openConsole(browser, `/scores?site=${few.site}&range=7d&tz=UTC&interval=day`);
    await signIn(page, few.readKey);
    await expect.poll(() => page.locator('.score-card [data-testid=few]').textContent()).toBe('Too few answers to judge 3 answers; a score needs 10.');
    expect(await page.locator('.score-card .ci-bar').count()).toBe(0);
    await page.locator('.chart-area canvas').first().waitFor();
    // One period with answers: its hollow point, drawn in the line's colour.
    await expect.poll(async () => (await chartPixels(page)).line).toBeGreaterThan(5);
    expect((await chartPixels(page)).band).toBe(0);
    await page.getByText('Show the numbers as a table').click();
    expect(await page.locator('.table-toggle tbody tr.few td').nth(1).textContent()).toBe('Too few answers to judge');
    await page.locator('.trend').screenshot({ path: `${SCREENSHOTS}console-few-trend-en.png` });

    await page.getByRole('link', { name: 'Journey' }).click();
    await expect.poll(() => page.locator('.step[data-touchpoint="checkout"] [data-testid=few]').textContent()).toContain('2 answers');
    await page.getByRole('link', { name: 'Breakdowns' }).click();
    await expect.poll(() => page.locator('table.breakdown tbody tr [data-testid=few]').count()).toBe(1);
    await context.close();
  });
});

describe('refusals in the console’s language', () => {
  it('says a refused filter and a refused key in Persian, the API’s English words only as a detail', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=custom&from=2026-03-01&to=2026-02-01', { locale: 'fa-IR' });
    await signIn(page, 'cxr_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
    await expect.poll(() => page.locator('.error strong').textContent()).toBe('این کلید یا توکن پذیرفته نیست.');
    expect(await page.locator('.error .detail').getAttribute('lang')).toBe('en');
    await signIn(page, DEMO.readKey);
    await expect.poll(() => page.locator('#f-range-error').textContent()).toMatch(/^پذیرفته نشد: /);
    expect(await page.locator('#f-range-error .detail').textContent()).toContain('must be before to');
    expect(await page.locator('#f-range-error .detail').getAttribute('lang')).toBe('en');
    await context.close();
  });
});

describe('touchpoints in the reader’s language', () => {
  it('are named by the admin per language in the site’s settings, and shown so in the journey, the filters and the comments, the slug where none', async () => {
    const admin = await openConsole(browser, `/site?site=${few.site}`);
    await signIn(admin.page, ADMIN_TOKEN);
    const input = (slug: string, language: string) => admin.page.getByRole('textbox', { name: `${slug} in ${language}` });
    await input('checkout', 'فارسی').fill('پرداخت');
    await input('checkout', 'English').fill('Checkout');
    // Too long a name is refused beside its row, and nothing is sent.
    await input('delivery', 'العربية').fill('ت'.repeat(41));
    await admin.page.locator('table.labels').locator('..').locator('..').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => admin.page.locator('#label-delivery-error').textContent()).toContain('at most 40 characters');
    await input('delivery', 'العربية').fill('');
    await admin.page.locator('table.labels').locator('..').locator('..').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await api<{ touchpoint_labels: unknown }>(`/v1/admin/sites/${few.site}`, ADMIN_TOKEN)).touchpoint_labels)
      .toEqual({ checkout: { fa: 'پرداخت', en: 'Checkout' } });
    await admin.context.close();

    const { page, context } = await openConsole(browser, `/journey?site=${few.site}&range=7d`, { locale: 'fa-IR' });
    await signIn(page, few.readKey);
    await expect.poll(() => page.locator('.step-name').allTextContents()).toEqual(['پرداخت', 'delivery']);
    expect(await page.locator('.step .step-number').allTextContents()).toEqual(['۱', '۲']);
    await page.screenshot({ path: `${SCREENSHOTS}console-journey-fa.png`, fullPage: true });
    await page.getByRole('link', { name: 'نظرها', exact: true }).click();
    await page.locator('.comment').first().waitFor();
    expect(await page.locator('.comment', { hasText: 'checkout 9' }).locator('.comment-meta').first().textContent()).toContain('پرداخت');
    expect(await page.locator('#f-touchpoint option').allTextContents()).toEqual(['همهٔ نقاط تماس', 'پرداخت', 'delivery']);
    await context.close();
  });
});
