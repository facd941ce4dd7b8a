/**
 * Link surveys in a real Chromium against a real local collector: a
 * recipient opens an emailed link with ?score=3, the page records it once
 * (read back through the export API), a comment follows; the Persian page is
 * right to left with Persian digits on a phone and a desktop; without
 * JavaScript nothing is recorded until a button is pressed.
 * Screenshots go to tests/browser/screenshots/ (not committed).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_UP_LOW, QUESTIONS, admin, collector, createSite, createSurvey, eventually, exported, launch, type Site } from './helpers';

interface MintedLink {
  user: string | null;
  url: string;
  score_urls: string[];
  html: string;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

let browser: Browser;
let site: Site;
let survey: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  site = await createSite();
  survey = await createSurvey(site.site, 'nps');
});
afterAll(() => browser?.close());

async function mint(recipients: Record<string, string>[], channel = 'email'): Promise<MintedLink[]> {
  const body = await admin<{ links: MintedLink[] }>('POST', `/v1/admin/sites/${site.site}/surveys/${survey}/links`, { channel, recipients });
  return body.links;
}

/**
 * A page in a fresh context, with console errors and CSP violations
 * collected. As a person's browser unless `automated`: Playwright's Chromium
 * says it is automated (navigator.webdriver), as a mail scanner's does.
 */
async function open(url: string, options: BrowserContextOptions = {}, automated = false): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  if (!automated) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

/** Serious or critical WCAG 2.2 AA issues axe-core finds on the page (the CSP does not apply to evaluate). */
async function seriousIssues(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null }[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

const answersOf = async (user: string) => (await exported(site)).filter((row) => row.user === user);

describe('a link survey from an email', () => {
  it('opening ?score=3 records it once; a reload records nothing more; the comment follows', async () => {
    const [link] = await mint([{ user: 'u_browser', touchpoint: 'delivery', locale: 'fa' }]);
    const { page, problems, close } = await open(link!.score_urls[3]!, PHONE);
    // The page pressed the score itself, and landed on the thanks with the follow-up.
    await page.waitForURL(/\?status=recorded$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('سپاسگزاریم!');
    await page.screenshot({ path: `${SCREENSHOTS}links-fa-phone-thanks.png`, fullPage: true });
    expect(await seriousIssues(page)).toEqual([]);
    // 3 is a low score: the survey's follow_up_low.
    expect(await page.locator('label[for=comment]').textContent()).toBe(FOLLOW_UP_LOW.fa);
    await eventually(async () => expect(await answersOf('u_browser')).toHaveLength(1));
    expect((await answersOf('u_browser'))[0]).toMatchObject({ survey, kind: 'nps', score: 3, touchpoint: 'delivery', locale: 'fa', channel: 'email', comment: null });

    // POST-redirect-GET: a reload shows the same page and posts nothing.
    await page.reload();
    await page.goBack();
    await page.goForward();
    expect(await answersOf('u_browser')).toHaveLength(1);

    await page.locator('textarea[name=comment]').fill('پیک دیر رسید ولی مؤدب بود');
    await page.locator('button.send').click();
    await page.waitForURL(/\?status=commented$/);
    expect(await page.locator('p').first().textContent()).toBe('نظر شما دریافت شد.');
    await eventually(async () => expect((await answersOf('u_browser'))[0]!.comment).toBe('پیک دیر رسید ولی مؤدب بود'));
    expect(await answersOf('u_browser')).toHaveLength(1);

    // Another button in the same email: the page says the answer was already received.
    await page.goto(link!.score_urls[10]!);
    expect(await page.locator('p').first().textContent()).toBe('پاسخ شما پیش‌تر دریافت شده بود. چیزی تغییر نکرد.');
    expect((await answersOf('u_browser'))[0]!.score).toBe(3);
    expect(problems).toEqual([]);
    await close();
  });

  it('a mail scanner that runs the pages of every link in an automated browser records nothing', async () => {
    const [link] = await mint([{ user: 'u_scanned', locale: 'en' }]);
    for (const url of link!.score_urls) {
      const { page, close } = await open(url, {}, true);
      await expect.poll(() => page.locator('h1').textContent()).toBe(QUESTIONS.nps.en);
      await close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await answersOf('u_scanned')).toEqual([]);
    // The recipient's own click still answers, with the score they chose.
    const { page, close } = await open(link!.score_urls[9]!);
    await page.waitForURL(/\?status=recorded$/);
    await eventually(async () => expect(await answersOf('u_scanned')).toMatchObject([{ score: 9 }]));
    await close();
  });

  it('without JavaScript, opening ?score=5 records nothing until the visitor presses a button', async () => {
    const [link] = await mint([{ user: 'u_nojs', locale: 'en' }], 'sms');
    const { page, close } = await open(link!.score_urls[5]!, { javaScriptEnabled: false });
    await expect.poll(() => page.locator('h1').textContent()).toBe(QUESTIONS.nps.en);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await answersOf('u_nojs')).toEqual([]);
    expect(await page.locator('button[data-chosen]').textContent()).toBe('5');
    await page.locator('button[data-chosen]').click();
    await page.waitForURL(/\?status=recorded$/);
    await eventually(async () => expect(await answersOf('u_nojs')).toMatchObject([{ score: 5, channel: 'sms', locale: 'en' }]));
    await close();
  });

  for (const [name, options] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`the Persian page on a ${name}: right to left, Persian digits, 44px buttons, no overflow`, async () => {
      const [link] = await mint([{ user: `u_fa_${name}`, locale: 'fa' }]);
      const { page, problems, close } = await open(link!.url, options);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('fa');
      const buttons = page.locator('button[name=score]');
      expect(await buttons.allTextContents()).toEqual(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
      const boxes = await Promise.all((await buttons.all()).map((b) => b.boundingBox()));
      for (const box of boxes) {
        expect(box!.width).toBeGreaterThanOrEqual(44);
        expect(box!.height).toBeGreaterThanOrEqual(44);
      }
      // Reading direction: 0 on the right of 1.
      expect(boxes[0]!.x).toBeGreaterThan(boxes[1]!.x);
      // A phone wraps the scale in two rows (6 and 5); a desktop has one.
      const rows = new Set(boxes.map((b) => Math.round(b!.y))).size;
      expect(rows).toBe(name === 'phone' ? 2 : 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}links-fa-${name}.png`, fullPage: true });
      expect(await seriousIssues(page)).toEqual([]);
      if (name === 'phone') {
        const dark = await browser.newContext({ ...options, colorScheme: 'dark' });
        const darkPage = await dark.newPage();
        await darkPage.goto(link!.score_urls[8]!.replace('?score=8', ''));
        await darkPage.screenshot({ path: `${SCREENSHOTS}links-fa-phone-dark.png`, fullPage: true });
        expect(await seriousIssues(darkPage)).toEqual([]);
        expect(await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(243, 244, 246)');
        await dark.close();
      }
      expect(problems).toEqual([]);
      expect(await answersOf(`u_fa_${name}`)).toEqual([]);
      await close();
    });
  }

  it('a damaged link is a readable 404 page, in English (the token cannot be read)', async () => {
    const [link] = await mint([{ locale: 'ar' }]);
    const damaged = link!.url.slice(0, -4) + (link!.url.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const { page, close } = await open(damaged, PHONE);
    expect(await page.locator('h1').textContent()).toBe('This link does not work');
    await page.screenshot({ path: `${SCREENSHOTS}links-404-phone.png`, fullPage: true });
    const res = await page.goto(`${collector()}/r/not-a-token`);
    expect(res!.status()).toBe(404);
    await close();
  });

  it('the email block renders as buttons in a browser engine, right to left in Persian', async () => {
    const [fa, en] = await mint([{ locale: 'fa' }, { locale: 'en' }]);
    const context = await browser.newContext({ viewport: { width: 600, height: 400 }, javaScriptEnabled: false });
    const page = await context.newPage();
    for (const [name, link] of [['fa', fa!], ['en', en!]] as const) {
      // As a mail client shows it: inside a message body, no stylesheet of ours.
      await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:16px;font-family:serif">${link.html}</body>`);
      const cells = await Promise.all((await page.locator('a').all()).map((a) => a.boundingBox()));
      expect(cells).toHaveLength(11);
      expect(cells[0]!.x > cells[10]!.x).toBe(name === 'fa');
      expect(new Set(cells.map((c) => Math.round(c!.y))).size).toBe(1);
      await page.screenshot({ path: `${SCREENSHOTS}links-email-${name}.png` });
    }
    await context.close();
  });
});
