/**
 * When the widget asks, from the site's config alone: on load after a delay,
 * only on matching paths, at a scroll depth, on exit intent (desktop only),
 * within its sample, never again within the recontact wait, and at most one
 * survey per page view. Each case gets its own site: a site's automatic
 * surveys all compete on its pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONS, card, createSite, createSurvey, launch, openHostPage, scoreButtons } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Call the page's cx(…) as its own scripts would. */
function cx(page: Page, ...args: unknown[]): Promise<void> {
  return page.evaluate((list) => (window as unknown as { cx: (...a: unknown[]) => void }).cx(...list), args);
}

describe('triggers', () => {
  it('shows on load after delay_s, only on matching paths', async () => {
    const { site } = await createSite();
    await createSurvey(site, 'nps', { trigger: { on: 'load', delay_s: 1, paths: ['/checkout/*', '/thanks'] } });
    const start = Date.now();
    const match = await openHostPage(browser, `/checkout/done?site=${site}`);
    await expect.poll(() => card(match.page).count(), { timeout: 5000 }).toBe(1);
    expect(Date.now() - start).toBeGreaterThanOrEqual(1000);
    const other = await openHostPage(browser, `/checkout?site=${site}`);
    await other.page.waitForTimeout(1800);
    expect(await card(other.page).count()).toBe(0);
    await match.context.close();
    await other.context.close();
  });

  it('shows at a scroll depth, not before', async () => {
    const { site } = await createSite();
    await createSurvey(site, 'csat', { trigger: { on: 'scroll', scroll_pct: 60 } });
    const { page, context } = await openHostPage(browser, `/?site=${site}&tall=1`);
    await page.waitForTimeout(800);
    expect(await card(page).count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => card(page).count()).toBe(1);
    await context.close();
  });

  it('shows on exit intent with a mouse, and not on a touch phone', async () => {
    const { site } = await createSite();
    await createSurvey(site, 'ces', { trigger: { on: 'exit' } });
    const leave = () => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null, bubbles: true }));
    const desktop = await openHostPage(browser, `/?site=${site}`);
    const phone = await openHostPage(browser, `/?site=${site}`, { hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
    for (const { page } of [desktop, phone]) {
      await page.waitForTimeout(800); // config loaded, trigger armed
      // Moving within the page is no exit.
      await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, relatedTarget: document.body, bubbles: true })));
      await page.waitForTimeout(200);
      expect(await card(page).count()).toBe(0);
      await page.evaluate(leave);
    }
    await expect.poll(() => card(desktop.page).count()).toBe(1);
    await phone.page.waitForTimeout(500);
    expect(await card(phone.page).count()).toBe(0);
    await desktop.context.close();
    await phone.context.close();
  });

  it('asks nobody outside sample_pct, and everybody at 100', async () => {
    const none = await createSite();
    await createSurvey(none.site, 'nps', { trigger: { on: 'load' }, sample_pct: 0 });
    const all = await createSite();
    await createSurvey(all.site, 'nps', { trigger: { on: 'load' }, sample_pct: 100 });
    const a = await openHostPage(browser, `/?site=${none.site}`);
    const b = await openHostPage(browser, `/?site=${all.site}`);
    await expect.poll(() => card(b.page).count()).toBe(1);
    await a.page.waitForTimeout(800);
    expect(await card(a.page).count()).toBe(0);
    await a.context.close();
    await b.context.close();
  });

  it('asks nothing again within recontact_days after an answer, even through cx("show"); cx("reset") forgets', async () => {
    const { site } = await createSite();
    const survey = await createSurvey(site, 'nps', { trigger: { on: 'load' }, recontact_days: 30 });
    const { page, context } = await openHostPage(browser, `/?site=${site}`);
    await scoreButtons(page).nth(10).click();
    await page.reload();
    await cx(page, 'show', survey);
    await page.waitForTimeout(1000);
    expect(await card(page).count()).toBe(0);
    await cx(page, 'reset');
    await page.reload();
    await expect.poll(() => card(page).count()).toBe(1);
    await context.close();
  });

  it('waits after a dismissal too (7 days at most), and after a survey left unanswered', async () => {
    const { site } = await createSite();
    await createSurvey(site, 'csat', { trigger: { on: 'load' }, recontact_days: 30 });
    const { page, context } = await openHostPage(browser, `/?site=${site}`);
    await page.locator('cx-survey .x').click();
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await card(page).count()).toBe(0);
    // Seven days and a minute later (the clock moved back in stored state): asked again.
    await page.evaluate(() => {
      const state = JSON.parse(localStorage.getItem('cx:v1')!);
      state.d -= 7 * 864e5 + 60e3;
      localStorage.setItem('cx:v1', JSON.stringify(state));
    });
    await page.reload();
    await expect.poll(() => card(page).count()).toBe(1);
    await context.close();
  });

  it('shows at most one survey per page view, and only data-survey when the tag names one', async () => {
    const { site } = await createSite();
    await createSurvey(site, 'nps', { trigger: { on: 'load' } });
    const second = await createSurvey(site, 'ces', { trigger: { on: 'load' } });
    const both = await openHostPage(browser, `/?site=${site}`);
    await expect.poll(() => card(both.page).count()).toBe(1);
    await both.page.waitForTimeout(800);
    expect(await both.page.locator('cx-survey').count()).toBe(1);
    const only = await openHostPage(browser, `/?site=${site}&survey=${second}`);
    await expect.poll(() => card(only.page).getAttribute('aria-label')).toBe(QUESTIONS.ces.en);
    await both.context.close();
    await only.context.close();
  });
});
