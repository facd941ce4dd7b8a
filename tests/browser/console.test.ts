/**
 * The analyst console at /app in Chromium, against the real Worker and a
 * local D1 seeded with the demo site: sign-in, scores as the API computes
 * them, the trend and its band, the journey in order, comments as text,
 * export, and every refusal said in words beside what caused it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { MIN_TEST_N } from '../../shared/limits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DEMO, alerts, api, axeSerious, lastDaysUtc, openConsole, signIn, violations } from './console-helpers';
import { collector, launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

interface Scores {
  kind: string;
  total: { n: number; score: number | null; ci95: [number, number] | null; shown: number };
  series?: { start: string; n: number }[];
  groups?: { key: string | null; n: number; score: number | null }[];
}

/** The band's and the line's colours (console/views/trend-chart.ts), counted on the chart's canvas. */
function chartPixels(page: Page): Promise<{ band: number; line: number }> {
  return page.locator('.chart-area canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let band = 0;
    let line = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r == 198 && g == 219 && b == 252) band++;
      if (r == 18 && g == 86 && b == 196) line++;
    }
    return { band, line };
  });
}

describe('signed in with a read key', () => {
  it("shows the demo site's NPS, interval and n as the API computes them (rounded for display)", async () => {
    const { page, context, errors } = await openConsole(browser, '/scores?site=demo&range=30d&tz=UTC');
    await signIn(page, DEMO.readKey);
    const range = lastDaysUtc(30);
    const truth = await api<Scores>(`/v1/sites/demo/scores?kind=nps&tz=UTC&from=${range.from}&to=${range.to}`, DEMO.readKey);
    expect(truth.total.n).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('score').textContent()).toBe(String(Math.round(truth.total.score!)));
    expect(await page.getByTestId('n').textContent()).toBe(truth.total.n.toLocaleString('en-US'));
    const [lo, hi] = truth.total.ci95!;
    // Each end is wrapped in a left-to-right isolate (so that fa and ar read it low to high).
    expect((await page.getByTestId('ci').textContent())!.replace(/[\u2066-\u2069]/g, '')).toBe(`${Math.round(lo)} – ${Math.round(hi)}`);
    // p-value wording: "significant" only below 0.05.
    expect(await page.getByTestId('change').textContent()).toMatch(/significant|may be noise|no answers in the previous period/);
    // The token never reaches the URL or storage other than this tab's session.
    expect(page.url()).not.toContain(DEMO.readKey);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(DEMO.readKey);
    await page.screenshot({ path: `${SCREENSHOTS}console-scores-en.png`, fullPage: true });
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws the trend with the 95% interval as a band, one point per week', async () => {
    // Weeks: the demo's days have fewer than 10 NPS answers each, too few to judge, and are drawn without a band.
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=90d&tz=UTC&interval=week');
    await signIn(page, DEMO.readKey);
    await page.locator('.chart-area canvas').first().waitFor();
    // 90 days from a weekday: 13 Mondays inside, so 14 weeks (the first one cut short).
    expect(['13', '14']).toContain(await page.locator('.chart-area').getAttribute('data-buckets'));
    await expect.poll(async () => (await chartPixels(page)).band).toBeGreaterThan(2000);
    expect((await chartPixels(page)).line).toBeGreaterThan(100);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('lists the journey’s touchpoints in journey order, each with score, interval, n and response rate', async () => {
    const { page, context } = await openConsole(browser, '/journey?site=demo&range=90d&tz=UTC');
    await signIn(page, DEMO.readKey);
    await page.locator('.step').first().waitFor();
    const order = await page.locator('.step').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-touchpoint')));
    expect(order.slice(0, 5)).toEqual(['landing', 'signup', 'checkout', 'delivery', 'support']);
    const first = await page.locator('.step').first().textContent();
    expect(first).toMatch(/95% interval/);
    expect(first).toMatch(/Response rate/);
    // The weakest step stands out: the lowest score among the journey's steps with enough answers, as the API computed it.
    const truth = await api<Scores>(`/v1/sites/demo/scores?kind=nps&tz=UTC&group_by=touchpoint&${new URLSearchParams(lastDaysUtc(90))}`, DEMO.readKey);
    const journey = ['landing', 'signup', 'checkout', 'delivery', 'support'];
    const named = truth.groups!.filter((g) => g.key !== null && journey.includes(g.key) && g.score !== null && g.n >= MIN_TEST_N);
    const weakest = named.reduce((a, b) => (b.score! < a.score! ? b : a));
    expect(await page.locator('.step.weak').getAttribute('data-touchpoint')).toBe(weakest.key);
    await context.close();
  });

  it('shows a Persian comment right to left, and comments newest first', async () => {
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC');
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    const persian = page.locator('.comment-text', { hasText: /[\u0600-\u06FF]/ }).filter({ hasText: /[پچژگکی]/ }).first();
    expect(await persian.getAttribute('dir')).toBe('auto');
    expect(await persian.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const english = page.locator('.comment-text', { hasText: /^[A-Za-z]/ }).first();
    expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    const times = await page.locator('.comment time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort().reverse()).toEqual(times);
    await context.close();
  });

  it('filters comments by band and by text', async () => {
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC&band=detractor');
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    const scores = await page.locator('.score-badge').evaluateAll((els) => els.map((e) => Number(e.textContent!.replace(/\D/g, ''))));
    expect(scores.every((s) => s <= 6)).toBe(true);
    await page.locator('#c-q').fill('late');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain('q=late');
    await expect.poll(() => page.locator('.comment-text').allTextContents()).toSatisfy((texts: string[]) => texts.length > 0 && texts.every((t) => /late/i.test(t)));
    await context.close();
  });

  it('exports the current filters as CSV, page by page, with the count of answers', async () => {
    const { page, context } = await openConsole(browser, '/export?site=demo&range=90d&tz=UTC&kind=nps', { acceptDownloads: true });
    await signIn(page, DEMO.readKey);
    const truth = await api<Scores>(`/v1/sites/demo/scores?kind=nps&tz=UTC&${new URLSearchParams(lastDaysUtc(90))}`, DEMO.readKey);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^responses-demo-nps-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await file.path())!);
    // One UTF-8 byte-order mark (spreadsheets need it for Persian), then the header with the local columns.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.indexOf('\uFEFF')).toBe(-1);
    expect(text.split('\r\n')[0]).toMatch(/^id,survey,kind,score,comment,.*,channel,reasons,local_time,local_date$/);
    await expect.poll(() => page.locator('.done').textContent()).toContain(`${truth.total.n.toLocaleString('en-US')} answers`);
    await context.close();
  });

  it('exports what the comments view shows: its band and search travel to Export, where they can be changed', async () => {
    const { page, context } = await openConsole(browser, '/comments?site=demo&range=90d&tz=UTC&band=detractor&q=late', { acceptDownloads: true });
    await signIn(page, DEMO.readKey);
    await page.locator('.comment').first().waitFor();
    await page.getByRole('link', { name: 'Export' }).click();
    await expect.poll(() => page.locator('#x-band').inputValue()).toBe('detractor');
    expect(await page.locator('#x-q').inputValue()).toBe('late');
    const csvOf = async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download' }).click();
      const lines = readFileSync((await (await download).path())!, 'utf8').slice(1).trimEnd().split('\r\n');
      const header = lines[0]!.split(',');
      // Scores and comments of each row (comments may be quoted; the score column comes before them).
      return lines.slice(1).map((line) => ({ score: Number(line.split(',')[header.indexOf('score')]), line }));
    };
    const detractors = await csvOf();
    expect(detractors.length).toBeGreaterThan(0);
    expect(detractors.every((r) => r.score <= 6 && /late/i.test(r.line))).toBe(true);
    await page.locator('#x-band').selectOption('promoter');
    await page.locator('#x-q').fill('');
    await expect.poll(() => page.url()).toContain('band=promoter');
    const promoters = await csvOf();
    expect(promoters.length).toBeGreaterThan(0);
    expect(promoters.every((r) => r.score >= 9)).toBe(true);
    expect(page.url()).not.toContain('q=late');
    await context.close();
  });
});

describe('bad input', () => {
  it('says a wrong key is not accepted, with the error code, instead of a blank page', async () => {
    const { page, context, errors } = await openConsole(browser, '/scores?site=demo');
    await signIn(page, 'cxr_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
    await expect.poll(() => page.locator('.error').textContent()).toContain('unauthorized');
    expect(await page.locator('.error').textContent()).toContain('This key or token is not accepted.');
    await signIn(page, 'not-the-admin-token');
    await expect.poll(() => page.locator('.error').textContent()).toContain('unauthorized');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs out with a message when the key is revoked while in use', async () => {
    const minted = await api<{ read_key: string; prefix: string }>('/v1/admin/sites/demo/keys', ADMIN_TOKEN, { method: 'POST' });
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=30d');
    await signIn(page, minted.read_key);
    await page.getByTestId('score').waitFor();
    await api(`/v1/admin/sites/demo/keys/${minted.prefix}`, ADMIN_TOKEN, { method: 'DELETE' });
    await page.locator('#f-range').selectOption('7d');
    await expect.poll(() => page.locator('.notice').textContent()).toContain('no longer accepted');
    expect(await page.locator('.notice').textContent()).toContain('unauthorized');
    expect(await page.locator('#token').inputValue()).toBe('');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('shows the API’s reason for a refused range beside the control that caused it', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=custom&from=2026-03-01&to=2026-02-01');
    await signIn(page, DEMO.readKey);
    await expect.poll(() => page.locator('#f-range-error').textContent()).toContain('must be before to');
    expect(await page.locator('#f-range-error').textContent()).toContain('invalid_query');
    expect(await page.locator('#f-range').getAttribute('aria-describedby')).toBe('f-range-error');
    // Two and a half years of hours is more than the API's 10,000 buckets: the reason sits beside the interval.
    await page.locator('#f-range').selectOption('365d');
    await page.evaluate(() => (location.hash = location.hash.replace(/range=[^&]*/, 'range=custom&from=2024-06-01&to=2026-12-01') + '&interval=hour'));
    await expect.poll(() => page.locator('#f-interval-error').textContent()).toContain('10000 buckets');
    await context.close();
  });

  it('says an empty period is empty instead of drawing an empty chart', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=custom&from=2020-01-01&to=2020-02-01&tz=UTC');
    await signIn(page, DEMO.readKey);
    await expect.poll(() => page.locator('.empty').textContent()).toContain('No answers between');
    expect(await page.locator('canvas').count()).toBe(0);
    await context.close();
  });

  it('shows a comment holding HTML as text, and runs nothing', async () => {
    const probe = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const site = await api<{ site: string; read_key: string }>('/v1/admin/sites', ADMIN_TOKEN, {
      method: 'POST',
      body: JSON.stringify({ name: 'Probe shop', origins: ['https://probe.example'] }),
    });
    const survey = await api<{ id: string }>(`/v1/admin/sites/${site.site}/surveys`, ADMIN_TOKEN, {
      method: 'POST',
      body: JSON.stringify({ kind: 'nps', question: { en: 'Recommend us?' } }),
    });
    const res = await fetch(`${collector()}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://probe.example' },
      body: JSON.stringify({ id: crypto.randomUUID(), site: site.site, survey: survey.id, score: 2, comment: probe, locale: 'en' }),
    });
    expect(res.status).toBe(201);
    const { page, context } = await openConsole(browser, `/comments?site=${site.site}&range=7d`);
    await signIn(page, site.read_key);
    await expect.poll(() => page.locator('.comment-text').first().textContent()).toBe(probe);
    expect(await page.locator('.comments img, .comments script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await alerts(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });
});

describe('languages and links', () => {
  it('speaks Persian right to left, with Persian digits and Solar Hijri dates', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=30d&tz=Asia/Tehran', { locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
    await signIn(page, DEMO.readKey);
    await page.getByTestId('score').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    expect(await page.getByTestId('n').textContent()).toMatch(/^[۰-۹٬]+$/);
    // The period hint is in the Persian calendar: years 14xx.
    expect(await page.locator('.filters .hint').textContent()).toMatch(/۱۴۰[۰-۹]/);
    await page.locator('.chart-area canvas').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}console-scores-fa.png`, fullPage: true });
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('keeps the layout in the URL (never the token): a copied link opens the same view', async () => {
    const { page, context } = await openConsole(browser, '/breakdowns?site=demo&range=90d&tz=Asia/Kolkata&by=device&kind=csat');
    await signIn(page, DEMO.readKey);
    await page.locator('table.breakdown').waitFor();
    const link = page.url();
    expect(link).not.toContain(DEMO.readKey);
    await context.close();
    const again = await openConsole(browser, link.split('#')[1]!);
    await signIn(again.page, DEMO.readKey);
    await again.page.locator('table.breakdown').waitFor();
    expect(await again.page.locator('#f-tz').inputValue()).toBe('Asia/Kolkata');
    expect(await again.page.locator('#f-subject').inputValue()).toBe('kind:csat');
    expect(await again.page.locator('.tab.active').textContent()).toBe('Device');
    await again.context.close();
  });
});

describe('breakdown by reason', () => {
  it('names each reason by its label in the console\'s language with its id beside, and the answers without last, as the API counts them', async () => {
    const { page, context } = await openConsole(browser, '/breakdowns?site=demo&range=90d&tz=UTC&by=reason&survey=demo-nps');
    await signIn(page, DEMO.readKey);
    await page.locator('table.breakdown').waitFor();
    expect(await page.locator('.tab.active').textContent()).toBe('Reason');
    const api90 = await api<{ groups: { key: string | null; n: number }[] }>(
      `/v1/sites/demo/scores?survey=demo-nps&group_by=reason&${new URLSearchParams(lastDaysUtc(90))}`,
      DEMO.readKey,
    );
    const keys = api90.groups.map((g) => g.key);
    expect(keys).toEqual(expect.arrayContaining(['price', 'delivery', 'quality', 'support', 'ease']));
    expect(keys.at(-1)).toBeNull();
    const rows = page.locator('table.breakdown tbody th');
    await expect.poll(() => rows.count()).toBe(keys.length);
    // A row's name and id, without the link to its comments.
    const names = () => rows.evaluateAll((ths) => ths.map((th) => [...th.childNodes].filter((n) => !(n instanceof Element && n.matches('.behind'))).map((n) => n.textContent).join('')));
    const labels: Record<string, string> = { price: 'Price', delivery: 'Delivery', quality: 'Product quality', support: 'Customer support', ease: 'Easy to use' };
    expect(await names()).toEqual(keys.map((key) => (key === null ? 'No reason given' : `${labels[key]} ${key}`)));
    const counts = await page.locator('table.breakdown tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]!.textContent));
    expect(counts).toEqual(api90.groups.map((g) => g.n.toLocaleString('en')));
    // In Persian, the labels the survey has in fa.
    await page.locator('label.lang select').selectOption('fa');
    await expect.poll(() => rows.first().textContent()).toContain(api90.groups[0]!.key!);
    const fa: Record<string, string> = { price: 'قیمت', delivery: 'ارسال', quality: 'کیفیت کالا', support: 'پشتیبانی', ease: 'سهولت استفاده' };
    await expect.poll(async () => (await names())[0]).toBe(`${fa[api90.groups[0]!.key!]} ${api90.groups[0]!.key}`);
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-breakdown-reason-fa.png`, fullPage: true });
    await context.close();
  });
});

describe('long work', () => {
  it('loads a year of hourly data in parts, with progress, and draws all 8,760 hours', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo&range=365d&tz=UTC&interval=hour');
    const started = Date.now();
    await signIn(page, DEMO.readKey);
    await expect.poll(() => page.locator('.progress').textContent(), { timeout: 30_000 }).toMatch(/part \d+ of 12/);
    await page.locator('.chart-area canvas').first().waitFor({ timeout: 120_000 });
    const buckets = Number(await page.locator('.chart-area').getAttribute('data-buckets'));
    console.log(`a year of hourly NPS: ${buckets} buckets drawn ${Date.now() - started} ms after sign-in`);
    expect(buckets).toBeGreaterThanOrEqual(365 * 24);
    await context.close();
  }, 180_000);
});

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const [view, locale] of [
    ['scores', 'en-US'],
    ['scores', 'fa-IR'],
    ['comments', 'en-US'],
    ['comments', 'ar-EG'],
  ] as const) {
    it(`finds no serious or critical issue on ${view} in ${locale}`, async () => {
      const { page, context } = await openConsole(browser, `/${view}?site=demo&range=90d`, { locale });
      expect(await axeSerious(page)).toEqual([]); // the sign-in form too
      await signIn(page, DEMO.readKey);
      await page.locator(view == 'scores' ? '.chart-area canvas' : '.comment').first().waitFor();
      expect(await axeSerious(page)).toEqual([]);
      await context.close();
    });
  }
});
