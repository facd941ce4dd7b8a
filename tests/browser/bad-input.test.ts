/**
 * Bad input never throws into the host page: the widget stays silent or
 * degrades, and says what is wrong in one console warning.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, card, createSite, createSurvey, eventually, host, launch, openHostPage, scoreButtons, scores, type Site } from './helpers';

let browser: Browser;
let site: Site;
let survey: string;

beforeAll(async () => {
  browser = await launch();
  site = await createSite();
  survey = await createSurvey(site.site, 'nps');
});
afterAll(() => browser?.close());

const ours = (warnings: string[]) => warnings.filter((w) => w.startsWith('cx widget:'));

describe('bad input', () => {
  it('a tag without data-site: one warning, nothing else', async () => {
    const { page, context, errors, warnings } = await openHostPage(browser, `/?nosite=1&show=x`);
    await page.waitForTimeout(800);
    expect(ours(warnings)).toEqual(['cx widget: no data-site']);
    expect(errors).toEqual([]);
    expect(await card(page).count()).toBe(0);
    await context.close();
  });

  it('an unknown data-site: one warning naming it', async () => {
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=no-such-site&show=x`);
    await expect.poll(() => ours(warnings)).toHaveLength(1);
    expect(ours(warnings)[0]).toContain('no site no-such-site');
    await page.waitForTimeout(300);
    expect(ours(warnings)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a page whose origin the site does not list: one warning naming the origin to add', async () => {
    const other = await admin<{ site: string }>('POST', '/v1/admin/sites', { name: 'Elsewhere', origins: ['https://elsewhere.example'] });
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=${other.site}&show=x`);
    await expect.poll(() => ours(warnings)).toHaveLength(1);
    expect(ours(warnings)[0]).toBe(`cx widget: no config: origin ${host()} is not allowed for this site; add it to the site's origins`);
    await page.waitForTimeout(300);
    expect(ours(warnings)).toHaveLength(1);
    expect(await card(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a config that fails to load (503): one warning', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/config?*', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.goto(`${host()}/?site=${site.site}&show=${survey}`);
    await expect.poll(() => ours(warnings)).toHaveLength(1);
    expect(ours(warnings)[0]).toMatch(/^cx widget: no config: /);
    await page.waitForTimeout(300);
    expect(ours(warnings)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('localStorage that throws (private mode): the answer still arrives, one warning', async () => {
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=${site.site}&hostile=storage&show=${survey}`);
    await scoreButtons(page).nth(6).click();
    await eventually(async () => expect((await scores(site, { survey })).distribution[6]).toBe(1));
    expect(ours(warnings)).toEqual(['cx widget: no localStorage']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a page that took window.cx: one warning, automatic surveys still run, the page keeps its cx', async () => {
    const auto = await createSite();
    await createSurvey(auto.site, 'csat', { trigger: { on: 'load' } });
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=${auto.site}&hostile=cx`);
    await expect.poll(() => card(page).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { cx: unknown }).cx)).toBe('the page uses this name');
    expect(ours(warnings)).toEqual(['cx widget: window.cx is taken']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a page that polluted Array.prototype and Object.prototype: the answer arrives intact', async () => {
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=${site.site}&hostile=array&show=${survey}`);
    await scoreButtons(page).nth(2).click();
    await eventually(async () => expect((await scores(site, { survey })).distribution[2]).toBe(1));
    expect(ours(warnings)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a page that broke the array methods: no error reaches the page, one warning', async () => {
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=${site.site}&hostile=arraymethods&show=${survey}`);
    await expect.poll(() => ours(warnings).length).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(ours(warnings)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a survey without text in the visitor\'s locale or en: falls back to any, in its own direction', async () => {
    const only = await createSurvey(site.site, 'csat', { question: { fa: 'راضی هستید؟' }, follow_up: { fa: 'چرا؟' }, follow_up_low: undefined });
    const { page, context, errors } = await openHostPage(browser, `/?site=${site.site}&locale=de&show=${only}`);
    await expect.poll(() => page.locator('cx-survey #q').textContent()).toBe('راضی هستید؟');
    expect(await card(page).getAttribute('dir')).toBe('rtl');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('commands it does not know, and a show for a survey that is not there: a warning each', async () => {
    const { page, context, errors, warnings } = await openHostPage(browser, `/?site=${site.site}`);
    await page.evaluate(() => {
      const cx = (window as unknown as { cx: (...a: unknown[]) => void }).cx;
      cx('fly');
      cx('show', 'nope');
    });
    await expect.poll(() => ours(warnings)).toEqual(['cx widget: unknown command fly', 'cx widget: no survey nope']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
