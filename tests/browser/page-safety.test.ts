/**
 * Sites we do not control: a strict Content-Security-Policy (no
 * 'unsafe-inline') shows the widget without a single violation, and hostile
 * host CSS does not reach into its shadow root.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, createSite, createSurvey, eventually, launch, openHostPage, scoreButtons, scores, type Site } from './helpers';

let browser: Browser;
let site: Site;
let survey: string;

beforeAll(async () => {
  mkdirSync(fileURLToPath(new URL('./screenshots/', import.meta.url)), { recursive: true });
  browser = await launch();
  site = await createSite();
  survey = await createSurvey(site.site, 'nps');
});
afterAll(() => browser?.close());

describe('strict CSP and hostile CSS', () => {
  it('works under a strict CSP with no violation', async () => {
    const { page, context, errors } = await openHostPage(browser, `/?site=${site.site}&csp=strict&show=${survey}`);
    const refusals: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && refusals.push(m.text()));
    await expect.poll(() => scoreButtons(page).count()).toBe(11);
    // The constructed stylesheet applied: the card is fixed in a corner with its own look.
    expect(await card(page).evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await scoreButtons(page).nth(7).click();
    await page.keyboard.type('Fine.');
    await page.locator('cx-survey .s').click();
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    expect(refusals).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps hostile host CSS out: !important rules on button and * do not reach the widget', async () => {
    const normal = await openHostPage(browser, `/?site=${site.site}&show=${survey}`);
    const hostile = await openHostPage(browser, `/?site=${site.site}&hostile=css&show=${survey}`);
    const look = (hp: typeof normal) =>
      scoreButtons(hp.page)
        .first()
        .evaluate((button) => {
          const s = getComputedStyle(button);
          const box = button.getBoundingClientRect();
          return { bg: s.backgroundColor, color: s.color, font: s.fontSize, family: s.fontFamily, line: s.lineHeight, spacing: s.letterSpacing, w: box.width, h: box.height };
        });
    await expect.poll(() => scoreButtons(hostile.page).count()).toBe(11);
    await expect.poll(() => scoreButtons(normal.page).count()).toBe(11);
    const mine = await look(hostile);
    expect(mine).toEqual(await look(normal));
    // Inherited properties do not leak in through the host element either.
    const text = (hp: typeof normal) =>
      hp.page.locator('cx-survey #q').evaluate((p) => {
        const s = getComputedStyle(p);
        return { spacing: s.letterSpacing, words: s.wordSpacing, transform: s.textTransform, family: s.fontFamily, line: s.lineHeight };
      });
    await expect.poll(() => hostile.page.locator('cx-survey #q').textContent()).not.toBe('');
    expect(await text(hostile)).toEqual(await text(normal));
    expect(mine.bg).not.toBe('rgb(255, 0, 255)');
    expect(mine.font).toBe('15px');
    expect(mine.family).not.toContain('Comic');
    expect(await card(hostile.page).boundingBox()).toEqual(await card(normal.page).boundingBox());
    await hostile.page.screenshot({ path: fileURLToPath(new URL('./screenshots/hostile-css.png', import.meta.url)) });
    // The host's `textarea {display:none !important}` does not hide the comment box.
    await scoreButtons(hostile.page).nth(9).click();
    expect(await hostile.page.locator('cx-survey textarea').isVisible()).toBe(true);
    await normal.context.close();
    await hostile.context.close();
  });
});
