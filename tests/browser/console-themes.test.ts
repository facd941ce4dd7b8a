/**
 * The console's Themes view in Chromium on the demo data: both sides as the
 * API lists them, a term that opens exactly the comments holding it, and the
 * view in Persian and Arabic.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThemesResult } from '../../shared/schemas/themes';
import { termsOf } from '../../shared/text/words';
import { DEMO, api, axeSerious, lastDaysUtc, openConsole, signIn, violations } from './console-helpers';
import { launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

/** The demo's 90 days: enough comments for both sides in every language. */
const HASH = '/themes?site=demo&range=90d&tz=UTC';

async function truth(side: 'low' | 'high'): Promise<ThemesResult> {
  const range = lastDaysUtc(90);
  return api<ThemesResult>(`/v1/sites/demo/themes?kind=nps&tz=UTC&from=${range.from}&to=${range.to}&side=${side}&limit=15`, DEMO.readKey);
}

describe('the Themes view', () => {
  it('lists what the unhappy talk about and what the happy praise, as the API does, and a term opens its comments', async () => {
    const [low, high] = [await truth('low'), await truth('high')];
    expect(low.terms.length).toBeGreaterThan(3);
    expect(high.terms.length).toBeGreaterThan(3);
    // Every language of the demo has a theme.
    for (const script of [/[a-z]/i, /[\u0600-\u06FF]/]) expect(low.terms.some((t) => script.test(t.term))).toBe(true);

    const { page, context, errors } = await openConsole(browser, HASH);
    await signIn(page, DEMO.readKey);
    for (const [side, data] of [['low', low], ['high', high]] as const) {
      const rows = page.locator(`section[aria-labelledby="themes-${side}"] tbody tr`);
      await expect.poll(() => rows.count()).toBe(data.terms.length);
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th a')!.textContent, tr.querySelector('td')!.firstChild!.textContent]));
      expect(shown).toEqual(data.terms.map((t) => [t.forms[0], t.count.toLocaleString('en-US')]));
    }
    expect(await page.getByRole('heading', { name: 'What the unhappy talk about' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'What the happy praise' }).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}console-themes-en.png`, fullPage: true });
    expect(await axeSerious(page)).toEqual([]);

    // The strongest complaint opens the Comments view filtered by it: every comment holds the term.
    const term = low.terms[0]!;
    await page.locator('section[aria-labelledby="themes-low"] tbody tr th a').first().click();
    await page.waitForURL(/#\/comments\?/);
    expect(new URL(page.url().replace('#/', '')).searchParams.get('theme')).toBe(term.term);
    const comments = page.locator('.comment-text');
    await expect.poll(() => comments.count()).toBe(Math.min(term.count, 50));
    for (const text of await comments.allTextContents()) expect(termsOf(text).has(term.term), text).toBe(true);
    expect(await page.locator('.theme-filter').textContent()).toContain(term.term);
    // Export takes the theme along, and says so.
    await page.getByRole('link', { name: 'Export' }).click();
    await page.waitForURL(/#\/export\?/);
    expect(new URL(page.url().replace('#/', '')).searchParams.get('theme')).toBe(term.term);
    expect(await page.locator('.theme-filter').textContent()).toContain(term.term);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [locale, lang, heading] of [['fa-IR', 'fa', 'ناراضی‌ها از چه می‌گویند'], ['ar-EG', 'ar', 'عمّا يتحدث غير الراضين']] as const) {
    it(`reads right to left in ${lang}, with native digits`, async () => {
      const { page, context, errors } = await openConsole(browser, HASH, { locale });
      await signIn(page, DEMO.readKey);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([lang, 'rtl']);
      const counts = page.locator('section[aria-labelledby="themes-low"] tbody tr td.num:first-of-type');
      await expect.poll(() => counts.count()).toBeGreaterThan(0);
      expect(await counts.first().textContent()).toMatch(/^[\u06F0-\u06F9\u0660-\u0669]/);
      // The page is no wider than the window.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}console-themes-${lang}.png`, fullPage: true });
      expect(await axeSerious(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

