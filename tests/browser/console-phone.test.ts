/**
 * The console on a phone (390 × 844, Persian, Tehran): every view, the
 * analyst's and the admin's, fits the screen's width (nothing scrolls
 * sideways), the score is in the first screen of Scores, and the filters
 * fold behind one button that says how many are set. Each view's screenshot
 * is kept in screenshots/phone-fa-<view>.png.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, openConsole, signIn } from './console-helpers';
import { launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PHONE = { viewport: { width: 390, height: 844 }, locale: 'fa-IR', timezoneId: 'Asia/Tehran', hasTouch: true, isMobile: true };
let browser: Browser;
let hooks: { site: string; webhook: string };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
  // A site with a webhook, for the webhook's editor and its deliveries.
  const { site } = await api<{ site: string }>('/v1/admin/sites', ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ name: 'فروشگاه گوشی', origins: ['https://phone.example'] }) });
  const { id } = await api<{ id: string }>(`/v1/admin/sites/${site}/webhooks`, ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ url: 'http://127.0.0.1:9/phone' }) });
  hooks = { site, webhook: id };
});
afterAll(() => browser?.close());

/** Each view, as the URL opens it, with what shows that it has drawn. */
function views(): [name: string, hash: string, ready: string][] {
  const { site, webhook } = hooks;
  return [
    ['scores', '/scores?site=demo&range=90d', '.chart-area canvas'],
    ['journey', '/journey?site=demo&range=90d', '.step'],
    ['breakdowns', '/breakdowns?site=demo&range=90d', 'table.breakdown'],
    ['themes', '/themes?site=demo&range=90d', '.themes-table'],
    ['comments', '/comments?site=demo&range=90d', '.comment'],
    ['export', '/export?site=demo&range=90d', '#x-band'],
    ['sites', '/sites?site=demo', 'table'],
    ['site', '/site?site=demo', 'table.labels'],
    ['surveys', '/surveys?site=demo', 'table'],
    ['survey-new', '/survey?site=demo&id=new', '.preview'],
    ['survey', '/survey?site=demo&id=demo-nps', '.preview-frame'],
    ['embed', '/embed?site=demo', '.snippet'],
    ['links', '/links?site=demo&survey=demo-nps', '#recipients-mode-rows, .recipients, textarea, table'],
    ['webhooks', `/webhooks?site=${site}`, 'table, .empty'],
    ['webhook-new', `/webhook?site=${site}&id=new`, '#wh-url'],
    ['webhook', `/webhook?site=${site}&id=${webhook}`, '#wh-url'],
    ['deliveries', `/deliveries?site=${site}&id=${webhook}`, 'table, .empty'],
  ];
}

/**
 * How far the page reaches sideways, and what makes it: the innermost
 * elements wider than the screen, and those that stick out of it where
 * their parent does not.
 */
function width(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const screen = document.documentElement.clientWidth;
    const wide = (el: Element) => el.getBoundingClientRect().width > screen + 0.5;
    const out = (el: Element | null) => {
      const box = el?.getBoundingClientRect();
      return !!box && box.width > 0 && (box.right > screen + 0.5 || box.left < -0.5);
    };
    // Wider than the screen, or out of it where the box around is not.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => (wide(el) && ![...el.children].some(wide)) || (out(el) && !out(el.parentElement) && !wide(el)))
      .map((el) => {
        const box = el.getBoundingClientRect();
        return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${[...el.classList].map((c) => '.' + c).join('')} ${Math.round(box.left)}–${Math.round(box.right)}`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 4) };
  });
}

describe('on a phone, in Persian', () => {
  it('shows the score in the first screen of Scores, with the filters folded behind one button that counts them', async () => {
    const { page, context, errors } = await openConsole(browser, '/scores?site=demo&range=90d&touchpoint=checkout', PHONE);
    await signIn(page, ADMIN_TOKEN);
    const score = page.getByTestId('score');
    await score.waitFor();
    const box = (await score.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // Folded: the button says how many filters are set (the period and the touchpoint), the form is hidden.
    const toggle = page.locator('.filters-toggle');
    expect(await toggle.textContent()).toBe('فیلترها (۲ مورد)');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#filters').isVisible()).toBe(false);
    await toggle.tap();
    expect(await page.locator('#f-range').isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits every view, the analyst’s and the admin’s, in 390 px: nothing scrolls sideways', async () => {
    const { page, context, errors } = await openConsole(browser, '/scores?site=demo&range=90d', PHONE);
    await signIn(page, ADMIN_TOKEN);
    await page.getByTestId('score').waitFor();
    const wide: string[] = [];
    for (const [name, hash, ready] of views()) {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(300);
      const { scrollWidth, culprits } = await width(page);
      if (scrollWidth > 390) wide.push(`${name}: ${scrollWidth} px (${culprits.join(', ')})`);
      await page.screenshot({ path: `${SCREENSHOTS}phone-fa-${name}.png`, fullPage: true });
      // The survey's preview, up close: the card drawn smaller, whole, in its frame.
      if (name == 'survey') await page.locator('.preview').screenshot({ path: `${SCREENSHOTS}phone-fa-survey-preview.png` });
    }
    expect(wide).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
