/**
 * What the card asks after the score, in real Chromium: reasons as chips
 * (keyboard, right to left, screen readers), CSAT faces, and tap targets of
 * 44 × 44 px on a touch screen.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, collector, createSite, createSurvey, eventually, exported, launch, openHostPage, recordPosts, scoreButtons, type Site } from './helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const REASONS = {
  question: { en: 'What is the main reason?', fa: 'دلیل اصلی چیست؟', ar: 'ما السبب الرئيسي؟' },
  options: [
    { id: 'price', label: { en: 'Price', fa: 'قیمت', ar: 'السعر' } },
    { id: 'delivery', label: { en: 'Delivery', fa: 'ارسال', ar: 'التوصيل' } },
    { id: 'quality', label: { en: 'Quality', fa: 'کیفیت', ar: 'الجودة' } },
  ],
};

let browser: Browser;
let site: Site;
let single: string;
let several: string;
let lowOnly: string;
let faces: string;

beforeAll(async () => {
  browser = await launch();
  site = await createSite();
  single = await createSurvey(site.site, 'nps', { reasons: REASONS });
  several = await createSurvey(site.site, 'nps', { reasons: { ...REASONS, multiple: true } });
  lowOnly = await createSurvey(site.site, 'csat', { reasons: { ...REASONS, when: 'low' } });
  faces = await createSurvey(site.site, 'csat', { style: 'faces', thanks: { en: 'Thanks, we read every answer.' } });
});
afterAll(() => browser?.close());

const chips = (page: Page) => page.locator('cx-survey .c button');

/** Where focus is inside the card: the focused button's text. */
const focusedText = (page: Page) => page.evaluate(() => document.querySelector('cx-survey')!.shadowRoot!.activeElement?.textContent ?? null);

async function seriousIssues(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } };
    const result = await axe.run(
      { include: { fromShadowDom: ['cx-survey', 'section'] } },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
    );
    return result.violations.filter((v) => v.impact == 'serious' || v.impact == 'critical').map((v) => v.id);
  });
}

describe('reasons', () => {
  it('asks them after the score, one tap answers, then the follow-up; the answer keeps them', async () => {
    const { page, context, errors } = await openHostPage(browser, `/?site=${site.site}&show=${single}`);
    const posts = recordPosts(page);
    await expect.poll(() => scoreButtons(page).count()).toBe(11);
    await scoreButtons(page).nth(3).click();
    // The score is on its way before the reasons are asked.
    await expect.poll(() => posts.map((p) => p.path)).toContain('/v1/responses');
    await expect.poll(() => chips(page).allTextContents()).toEqual(['Price', 'Delivery', 'Quality']);
    expect(await page.locator('cx-survey #h').textContent()).toBe(REASONS.question.en);
    expect(await chips(page).evaluateAll((all) => all.map((c) => c.getAttribute('aria-pressed')))).toEqual(['false', 'false', 'false']);
    expect(await focusedText(page)).toBe('Price');
    await chips(page).nth(1).click();
    await expect.poll(() => page.locator('cx-survey label').count()).toBe(1);
    const id = posts.find((p) => p.path == '/v1/responses')!.body.id as string;
    await expect.poll(() => posts.find((p) => p.path.endsWith('/reasons'))).toMatchObject({
      path: `/v1/responses/${id}/reasons`,
      body: { site: site.site, reasons: ['delivery'] },
    });
    await eventually(async () => expect((await exported(site)).find((r) => r.id == id)?.reasons).toEqual(['delivery']));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves between chips with the arrow keys in reading direction, and takes several when the survey does', async () => {
    for (const locale of ['en', 'fa']) {
      const { page, context } = await openHostPage(browser, `/?site=${site.site}&locale=${locale}&show=${several}`);
      const posts = recordPosts(page);
      await expect.poll(() => scoreButtons(page).count()).toBe(11);
      await scoreButtons(page).nth(9).click();
      await expect.poll(() => chips(page).count()).toBe(3);
      const labels = REASONS.options.map((o) => o.label[locale as 'en' | 'fa']);
      expect(await focusedText(page)).toBe(labels[0]);
      // Right to left, the next chip is on the left.
      await page.keyboard.press(locale == 'fa' ? 'ArrowLeft' : 'ArrowRight');
      expect(await focusedText(page)).toBe(labels[1]);
      await page.keyboard.press('ArrowDown');
      expect(await focusedText(page)).toBe(labels[2]);
      await page.keyboard.press('ArrowDown'); // round the end
      expect(await focusedText(page)).toBe(labels[0]);
      await page.keyboard.press('Enter');
      await page.keyboard.press(locale == 'fa' ? 'ArrowRight' : 'ArrowLeft'); // back, round the start
      expect(await focusedText(page)).toBe(labels[2]);
      await page.keyboard.press('Space');
      // Toggled, and focus stayed on the chip.
      expect(await focusedText(page)).toBe(labels[2]);
      expect(await chips(page).evaluateAll((all) => all.map((c) => c.getAttribute('aria-pressed')))).toEqual(['true', 'false', 'true']);
      if (locale == 'fa') {
        expect(await card(page).getAttribute('dir')).toBe('rtl');
        const [first, second] = await chips(page).evaluateAll((all) => all.slice(0, 2).map((c) => c.getBoundingClientRect().x));
        expect(first!).toBeGreaterThan(second!);
      }
      expect(await seriousIssues(page)).toEqual([]);
      await page.locator('cx-survey .s').click();
      await expect.poll(() => posts.find((p) => p.path.endsWith('/reasons'))?.body.reasons).toEqual(['price', 'quality']);
      await context.close();
    }
  });

  it('Next with none chosen skips them; a survey that asks them of low scores only does not ask a high one', async () => {
    const skip = await openHostPage(browser, `/?site=${site.site}&show=${several}`);
    const posts = recordPosts(skip.page);
    await expect.poll(() => scoreButtons(skip.page).count()).toBe(11);
    await scoreButtons(skip.page).nth(10).click();
    await expect.poll(() => chips(skip.page).count()).toBe(3);
    await skip.page.locator('cx-survey .s').click();
    await expect.poll(() => skip.page.locator('cx-survey label').count()).toBe(1);
    expect(posts.filter((p) => p.path.endsWith('/reasons'))).toEqual([]);
    await skip.context.close();

    const high = await openHostPage(browser, `/?site=${site.site}&show=${lowOnly}`);
    await expect.poll(() => scoreButtons(high.page).count()).toBe(5);
    await scoreButtons(high.page).nth(4).click();
    await expect.poll(() => high.page.locator('cx-survey label').count()).toBe(1);
    expect(await chips(high.page).count()).toBe(0);
    await high.context.close();

    const low = await openHostPage(browser, `/?site=${site.site}&show=${lowOnly}`);
    await expect.poll(() => scoreButtons(low.page).count()).toBe(5);
    await scoreButtons(low.page).nth(0).click();
    await expect.poll(() => chips(low.page).count()).toBe(3);
    await low.context.close();
  });
});

describe('faces and thanks', () => {
  it('draws CSAT as five faces named by digit and meaning, then thanks in the survey\'s words', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${faces}`);
    await expect.poll(() => scoreButtons(page).count()).toBe(5);
    expect(await scoreButtons(page).allTextContents()).toEqual(['😞', '🙁', '😐', '🙂', '😄']);
    expect(await scoreButtons(page).evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')))).toEqual([
      '1, Very dissatisfied',
      '2, Dissatisfied',
      '3, Neutral',
      '4, Satisfied',
      '5, Very satisfied',
    ]);
    expect(await seriousIssues(page)).toEqual([]);
    await scoreButtons(page).nth(4).click();
    await page.locator('cx-survey .s').click();
    await expect.poll(() => page.locator('cx-survey #t').textContent()).toBe('Thanks, we read every answer.');
    await context.close();
  });
});

describe('on a touch screen', () => {
  it('makes every target at least 44 × 44 px, on a 360 px wide phone', async () => {
    for (const [survey, score] of [[single, 3], [faces, 0]] as const) {
      const { page, context } = await openHostPage(browser, `/?site=${site.site}&locale=fa&show=${survey}`, {
        viewport: { width: 360, height: 740 },
        hasTouch: true,
        isMobile: true,
      });
      await expect.poll(() => scoreButtons(page).count()).toBeGreaterThan(0);
      const sizes = () => page.locator('cx-survey button').evaluateAll((all) => all.map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]));
      for (const [w, h] of await sizes()) {
        expect(w).toBeGreaterThanOrEqual(44);
        expect(h).toBeGreaterThanOrEqual(44);
      }
      const box = (await card(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      if (survey == single) {
        await page.screenshot({ path: fileURLToPath(new URL('./screenshots/fa-nps-touch.png', import.meta.url)) });
        await scoreButtons(page).nth(score).tap();
        await expect.poll(() => chips(page).count()).toBe(3);
        for (const [w, h] of await sizes()) {
          expect(w).toBeGreaterThanOrEqual(44);
          expect(h).toBeGreaterThanOrEqual(44);
        }
        await page.screenshot({ path: fileURLToPath(new URL('./screenshots/fa-reasons-touch.png', import.meta.url)) });
      }
      await context.close();
    }
  });
});

describe('the demo', () => {
  it('asks the demo NPS with its reasons in en, fa and ar on /demo, served on the port of this run', async () => {
    const labels = { en: ['Price', 'Delivery', 'Product quality', 'Customer support', 'Easy to use'], fa: ['قیمت', 'ارسال', 'کیفیت کالا', 'پشتیبانی', 'سهولت استفاده'], ar: ['السعر', 'التوصيل', 'جودة المنتج', 'خدمة العملاء', 'سهولة الاستخدام'] };
    for (const locale of ['en', 'fa', 'ar'] as const) {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
      await page.goto(`${collector()}/demo?survey=demo-nps&locale=${locale}`);
      await expect.poll(() => scoreButtons(page).count()).toBe(11);
      await scoreButtons(page).nth(4).click();
      await expect.poll(() => chips(page).allTextContents()).toEqual(labels[locale]);
      expect(await card(page).getAttribute('dir')).toBe(locale == 'en' ? 'ltr' : 'rtl');
      await page.screenshot({ path: fileURLToPath(new URL(`./screenshots/demo-reasons-${locale}.png`, import.meta.url)) });
      expect(warnings).toEqual([]);
      await context.close();
    }
  });
});
