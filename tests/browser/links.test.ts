/**
 * Link surveys in a real Chromium against a real local collector. Headless
 * Chromium launched the way a link scanner runs it (no automation flags,
 * so `navigator.webdriver` is false) opens every score URL of an emailed
 * link and records nothing; then a person's press sends the score and the
 * comment together, once (read back through the export API). The Persian
 * page is right to left with Persian digits on a phone and a desktop.
 * Screenshots go to tests/browser/screenshots/ (not committed).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './constants';
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
const COLOR = '#b5179e';

let browser: Browser;
let site: Site;
let survey: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  site = await createSite();
  survey = await createSurvey(site.site, 'nps', { color: COLOR });
});
afterAll(() => browser?.close());

async function mint(recipients: Record<string, string>[], channel = 'email'): Promise<MintedLink[]> {
  const body = await admin<{ links: MintedLink[] }>('POST', `/v1/admin/sites/${site.site}/surveys/${survey}/links`, { channel, recipients });
  return body.links;
}

/** A page in a fresh context, with console errors and CSP violations collected. */
async function open(url: string, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

/** Serious or critical WCAG 2.2 AA issues axe-core finds on the page (evaluate runs outside the page's CSP). */
async function seriousIssues(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null }[] }> } };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

/**
 * Chromium as a mail scanner or link preview runs it: a plain process,
 * `chromium --headless --dump-dom URL`, no DevTools and no automation
 * switches. The extra switches only keep it off the network (no component
 * updates, no sync) and in a profile of its own; none of them is an
 * automation flag. Returns the DOM it printed.
 */
function dumpDom(url: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'cx-scanner-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`,
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--dump-dom', url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      if (code === 0) resolve(out);
      else reject(new Error(`chromium --dump-dom exited ${code}`));
    });
  });
}

const answersOf = async (user: string) => (await exported(site)).filter((row) => row.user === user);

describe('a link survey from an email', () => {
  it('plain headless Chromium (no automation, navigator.webdriver false) opening every score URL records nothing; a person then sends score and comment together', async () => {
    const [link] = await mint([{ user: 'u_scanned', touchpoint: 'delivery', locale: 'en' }]);
    // What a scanner's browser reports: a page with a script, dumped the same way.
    const probe = await dumpDom(`data:text/html,<body><script>document.body.textContent='webdriver='+navigator.webdriver</script></body>`);
    expect(probe).toContain('webdriver=false');
    for (const url of link!.score_urls) {
      const dom = await dumpDom(url);
      expect(dom).toContain(QUESTIONS.nps.en);
    }
    // Playwright with its automation switch removed and the automation feature off, as a disguised
    // scanner would: navigator.webdriver false, the page visible, time to act.
    const scanner = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-blink-features=AutomationControlled'],
      ignoreDefaultArgs: ['--enable-automation'],
    });
    try {
      const context = await scanner.newContext();
      for (const url of link!.score_urls) {
        const page = await context.newPage();
        await page.goto(url);
        expect(await page.evaluate(() => [navigator.webdriver, document.visibilityState])).toEqual([false, 'visible']);
        await page.waitForTimeout(300);
        expect(page.url()).toBe(url);
        await page.close();
      }
    } finally {
      await scanner.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await answersOf('u_scanned')).toEqual([]);

    // The recipient clicks 9 in the email: 9 is chosen, they change it to 3, write why, and press Send.
    const { page, problems, close } = await open(link!.score_urls[9]!, PHONE);
    expect(await page.locator('input[name=score]:checked').getAttribute('value')).toBe('9');
    await page.locator('label[for=score-3]').click();
    // The comment box asks the survey's follow-up for a low score.
    await expect.poll(() => page.locator('label[for=comment]').innerText()).toBe(FOLLOW_UP_LOW.en);
    await page.locator('textarea[name=comment]').fill('The courier was late');
    await page.screenshot({ path: `${SCREENSHOTS}links-en-phone-chosen.png`, fullPage: true });
    await page.locator('button.send').click();
    await page.waitForURL(/\?status=recorded$/);
    expect(await page.locator('h1').textContent()).toBe('Thank you!');
    expect(await page.locator('textarea').count()).toBe(0);
    await eventually(async () => expect(await answersOf('u_scanned')).toMatchObject([{ survey, score: 3, comment: 'The courier was late', touchpoint: 'delivery', channel: 'email' }]));
    // POST-redirect-GET: a reload, back and forward post nothing.
    await page.reload();
    await page.goBack();
    await page.goForward();
    await page.goto(link!.score_urls[10]!);
    expect(await page.locator('p').nth(1).textContent()).toBe('Your answer was already received. Nothing was changed.');
    expect(await answersOf('u_scanned')).toHaveLength(1);
    expect(problems).toEqual([]);
    await close();
    // Twelve Chromium processes one after another: slow on a shared runner.
  }, 240_000);

  it('is the site page: the survey colour on the card, the site name above the question', async () => {
    const [link] = await mint([{ user: 'u_brand', locale: 'en' }]);
    const { page, problems, close } = await open(link!.url, DESKTOP);
    expect(await page.locator('.site').textContent()).toBe('Host shop');
    const edge = await page.locator('.card').evaluate((card) => getComputedStyle(card).borderTopColor);
    expect(edge).toBe('rgb(181, 23, 158)');
    await page.locator('label[for=score-10]').click();
    const chosen = await page.locator('label[for=score-10]').evaluate((label) => getComputedStyle(label).borderColor);
    expect(chosen).toBe('rgb(181, 23, 158)');
    expect(problems).toEqual([]);
    await close();
  });

  for (const [name, options] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`the Persian page on a ${name}: right to left, Persian digits, 44px choices, no overflow`, async () => {
      const [link] = await mint([{ user: `u_fa_${name}`, locale: 'fa' }]);
      const { page, problems, close } = await open(link!.url, options);
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('fa');
      const labels = page.locator('.scale label');
      // The visible digit; the ends also carry their meaning, for screen readers only.
      expect((await labels.allInnerTexts()).map((t) => t.split(/[,\n]/)[0]!.trim())).toEqual(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
      const boxes = await Promise.all((await labels.all()).map((b) => b.boundingBox()));
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
      // Arrow keys move between the choices, as in any radio group.
      await page.locator('#score-5').focus();
      await page.keyboard.press('ArrowLeft');
      expect(await page.locator('input[name=score]:checked').getAttribute('value')).toMatch(/^[46]$/);
      await page.screenshot({ path: `${SCREENSHOTS}links-fa-${name}.png`, fullPage: true });
      expect(await seriousIssues(page)).toEqual([]);
      if (name === 'phone') {
        const dark = await browser.newContext({ ...options, colorScheme: 'dark' });
        const darkPage = await dark.newPage();
        await darkPage.goto(link!.score_urls[8]!);
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

  it("a damaged link is a readable 404 page in the browser's language (the token cannot be read)", async () => {
    const [link] = await mint([{ locale: 'ar' }]);
    const damaged = link!.url.slice(0, -4) + (link!.url.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const { page, close } = await open(damaged, { ...PHONE, locale: 'fa-IR' });
    expect(await page.locator('h1').textContent()).toBe('این پیوند کار نمی‌کند');
    await page.screenshot({ path: `${SCREENSHOTS}links-404-fa-phone.png`, fullPage: true });
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
