/**
 * Right-to-left and native digits: in fa and ar the card runs right to left,
 * 0 sits on the right, digits are Persian (۰–۹) or Arabic-Indic (٠–٩), and
 * every fixed string is in the locale. Screenshots of each locale, kind and
 * theme land in tests/browser/screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kind } from '../../shared/kinds';
import { QUESTIONS, card, createSite, createSurvey, launch, openHostPage, scoreButtons, type Site } from './helpers';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

let browser: Browser;
let site: Site;
const surveys = {} as Record<Kind, string>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  site = await createSite();
  for (const kind of ['nps', 'csat', 'ces'] as const) surveys[kind] = await createSurvey(site.site, kind);
});
afterAll(() => browser?.close());

const DIGITS = {
  en: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  fa: ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰'],
  ar: ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩', '١٠'],
};

/** Horizontal centres of the score buttons, in DOM (numeric) order. */
async function centres(page: Page): Promise<number[]> {
  const boxes = await scoreButtons(page).evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect()));
  return boxes.map((box) => box.x + box.width / 2);
}

describe('locales', () => {
  for (const locale of ['en', 'fa', 'ar'] as const) {
    const rtl = locale != 'en';
    it(`${locale}: ${rtl ? 'right to left, 0 on the right' : 'left to right, 0 on the left'}, digits ${DIGITS[locale].slice(0, 3).join(' ')}…`, async () => {
      const { page, context, errors } = await openHostPage(browser, `/?site=${site.site}&locale=${locale}&show=${surveys.nps}`);
      await expect.poll(() => scoreButtons(page).count()).toBe(11);
      expect(await card(page).getAttribute('dir')).toBe(rtl ? 'rtl' : 'ltr');
      expect(await card(page).getAttribute('lang')).toBe(locale);
      expect(await scoreButtons(page).allTextContents()).toEqual(DIGITS[locale]);
      await expect.poll(() => page.locator('cx-survey #q').textContent()).toBe(QUESTIONS.nps[locale]);

      const x = await centres(page);
      const increasing = x.every((value, i) => i == 0 || value > x[i - 1]!);
      const decreasing = x.every((value, i) => i == 0 || value < x[i - 1]!);
      expect(rtl ? decreasing : increasing).toBe(true);

      // The end labels follow: the "not likely" label sits on the same side as 0.
      const ends = await page.locator('cx-survey .e span').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().x));
      expect(rtl ? ends[0]! > ends[1]! : ends[0]! < ends[1]!).toBe(true);
      // Names say the score in the locale's digits and what the ends mean.
      const names = await scoreButtons(page).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
      expect(names[0]!.startsWith(DIGITS[locale][0]!)).toBe(true);
      expect(names[0]!.length).toBeGreaterThan(3);
      expect(names[5]).toBe(DIGITS[locale][5]);

      // The close button sits at the inline end: top-left in right-to-left.
      const close = (await page.locator('cx-survey .x').boundingBox())!;
      const box = (await card(page).boundingBox())!;
      expect(rtl ? close.x < box.x + box.width / 2 : close.x > box.x + box.width / 2).toBe(true);

      await page.waitForTimeout(300); // past the fade-in
      await page.screenshot({ path: `${SHOTS}${locale}-nps.png` });
      await scoreButtons(page).nth(2).click();
      await expect.poll(() => page.locator('cx-survey textarea').count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}${locale}-nps-follow-up.png` });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  for (const kind of ['csat', 'ces'] as const) {
    for (const locale of ['en', 'fa', 'ar'] as const) {
      it(`${kind} in ${locale}: light and dark screenshots`, async () => {
        for (const colorScheme of ['light', 'dark'] as const) {
          const { page, context } = await openHostPage(browser, `/?site=${site.site}&locale=${locale}&show=${surveys[kind]}`, { colorScheme });
          await expect.poll(() => scoreButtons(page).count()).toBe(kind == 'csat' ? 5 : 7);
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${SHOTS}${locale}-${kind}-${colorScheme}.png` });
          await context.close();
        }
      });
    }
  }

  it('takes the locale from the page lang when the tag has none, and Arabic digits for bare "ar"', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&lang=ar&show=${surveys.csat}`);
    await expect.poll(() => scoreButtons(page).allTextContents()).toEqual(['١', '٢', '٣', '٤', '٥']);
    expect(await card(page).getAttribute('dir')).toBe('rtl');
    await context.close();
  });

  it('takes the browser language when neither tag nor page says', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${surveys.csat}`, { locale: 'fa-IR' });
    await expect.poll(() => scoreButtons(page).allTextContents()).toEqual(['۱', '۲', '۳', '۴', '۵']);
    expect(await page.locator('cx-survey .x').getAttribute('aria-label')).toBe('بستن');
    await context.close();
  });

  it('falls back to en for a locale the survey has no text in, and stays left to right', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&locale=de-CH&show=${surveys.ces}`);
    await expect.poll(() => page.locator('cx-survey #q').textContent()).toBe(QUESTIONS.ces.en);
    expect(await card(page).getAttribute('dir')).toBe('ltr');
    await context.close();
  });
});
