/**
 * The site cooldown in real Chromium (docs/contract.md §15): after a visitor
 * answers one of the site's surveys, none is shown for `cooldown_days`, on
 * this device from its storage, on another device of the same identified
 * visitor from the collector (POST /v1/due); another visitor is still asked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, card, collector, createSite, createSurvey, eventually, launch, openHostPage, scoreButtons, scores, storedState, type Site } from './helpers';

let browser: Browser;
let site: Site;
let a: string;
let b: string;

beforeAll(async () => {
  browser = await launch();
  site = await createSite();
  await admin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: 7 });
  a = await createSurvey(site.site, 'nps');
  b = await createSurvey(site.site, 'csat');
});
afterAll(() => browser?.close());

/** Requests the page sent to POST /v1/due. */
function dueChecks(page: Page): string[] {
  const checks: string[] = [];
  page.on('request', (request) => {
    if (request.method() == 'POST' && request.url() == `${collector()}/v1/due`) checks.push(request.postData() ?? '');
  });
  return checks;
}

/** Long enough for a card that would show to be on screen (it shows within a second on an idle machine). */
const SETTLE_MS = 2500;

describe('the site cooldown', () => {
  it('after survey A is answered, B is not shown on the next page, nor on another device of the same user; another user is asked', async () => {
    // Device 1, visitor u_1: survey A shows (one check with the collector first) and is answered.
    const first = await openHostPage(browser, `/?site=${site.site}&user=u_1&show=${a}`);
    const firstChecks = dueChecks(first.page);
    await expect.poll(() => scoreButtons(first.page).count()).toBe(11);
    expect(firstChecks).toHaveLength(1);
    expect(JSON.parse(firstChecks[0]!)).toEqual({ site: site.site, user: 'u_1' });
    await scoreButtons(first.page).nth(9).click();
    await eventually(async () => expect((await scores(site, { survey: a })).n).toBe(1));

    // Device 1, next page: B is not shown, and the collector is not even asked (the wait is kept here).
    const next = await first.context.newPage();
    const nextChecks = dueChecks(next);
    await next.goto(first.page.url().replace(`show=${a}`, `show=${b}`));
    await next.waitForTimeout(SETTLE_MS);
    expect(await card(next).count()).toBe(0);
    expect(nextChecks).toEqual([]);
    await first.context.close();

    // Device 2 (a fresh browser context: no storage), same user: the collector says not due.
    const other = await openHostPage(browser, `/?site=${site.site}&user=u_1&show=${b}`);
    const otherChecks = dueChecks(other.page);
    await expect.poll(() => otherChecks.length).toBe(1);
    await other.page.waitForTimeout(SETTLE_MS);
    expect(await card(other.page).count()).toBe(0);
    // It keeps what the collector said: the next page there asks nobody.
    expect((await storedState(other.page)).d).toBeGreaterThan(Date.now() - 60_000);
    const again = await other.context.newPage();
    const againChecks = dueChecks(again);
    await again.goto(other.page.url());
    await again.waitForTimeout(SETTLE_MS);
    expect(await card(again).count()).toBe(0);
    expect(againChecks).toEqual([]);
    await other.context.close();

    // Another user is asked.
    const stranger = await openHostPage(browser, `/?site=${site.site}&user=u_2&show=${b}`);
    await expect.poll(() => scoreButtons(stranger.page).count()).toBe(5);
    expect(stranger.errors).toEqual([]);
    await stranger.context.close();
  });

  it('an anonymous visitor is held by this device only, and is never checked with the collector', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${a}`);
    const checks = dueChecks(page);
    await expect.poll(() => scoreButtons(page).count()).toBe(11);
    await scoreButtons(page).nth(5).click();
    const next = await context.newPage();
    await next.goto(page.url().replace(`show=${a}`, `show=${b}`));
    await next.waitForTimeout(SETTLE_MS);
    expect(await card(next).count()).toBe(0);
    expect(checks).toEqual([]);
    await context.close();
  });
});
