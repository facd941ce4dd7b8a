/**
 * The widget's side of the trust rules: no answer lost to its own context
 * (413 and 400 resend the score alone, keeping the user id while it is not
 * the problem), no page stalled by a path glob, the right script tag found
 * among others, and cx('reset') leaves nothing of the last visitor behind.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  card, createSite, createSurvey, eventually, exported, launch, openHostPage, recordPosts, scoreButtons, scores, storedState, type Site,
} from './helpers';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  browser = await launch();
  site = await createSite();
});
afterAll(() => browser?.close());

function cx(page: Page, ...args: unknown[]): Promise<void> {
  return page.evaluate((list) => (window as unknown as { cx: (...a: unknown[]) => void }).cx(...list), args);
}

describe('the widget keeps trust', () => {
  it('resends an answer refused for its size (413) without its context, keeping the user id', async () => {
    const survey = await createSurvey(site.site, 'nps');
    const { page, context, warnings, errors } = await openHostPage(browser, `/?site=${site.site}`);
    const posts = recordPosts(page);
    // Twenty values of 200 "é": each within its limits, together over the 8 KiB body limit.
    const meta = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'é'.repeat(200)]));
    await cx(page, 'show', survey, { user: 'u_413', meta, touchpoint: 'checkout' });
    await scoreButtons(page).nth(9).click();
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    const sent = posts.filter((p) => p.path == '/v1/responses').map((p) => p.body);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ id: sent[0]!.id, site: site.site, survey, score: 9, user: 'u_413' });
    const stored = (await exported(site)).find((r) => r.id == sent[0]!.id)!;
    // Kept, so that erasing u_413 removes this answer too.
    expect(stored).toMatchObject({ score: 9, user: 'u_413', meta: null, touchpoint: null });
    expect(warnings.filter((w) => w.startsWith('cx widget:'))).toEqual(['cx widget: /v1/responses 413: resent bare']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('drops the user id only when the bare answer is refused again (an invalid user id)', async () => {
    const survey = await createSurvey(site.site, 'nps');
    const { page, context } = await openHostPage(browser, `/?site=${site.site}`);
    const posts = recordPosts(page);
    await cx(page, 'show', survey, { user: 'u'.repeat(200) });
    await scoreButtons(page).nth(3).click();
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    const sent = posts.filter((p) => p.path == '/v1/responses').map((p) => p.body);
    expect(sent.map((b) => 'user' in b)).toEqual([true, true, false]);
    expect(sent.map((b) => 'locale' in b)).toEqual([true, false, false]);
    await context.close();
  });

  it('keeps the page responsive on a hostile path glob and a long path', async () => {
    const { site: key } = await createSite();
    // Four stars (the most a glob may hold) against 2,000 dashes: a regular expression
    // would try every placement of the stars, for minutes.
    await createSurvey(key, 'nps', { trigger: { on: 'load', paths: ['/*-*-*-*/done'] } });
    const path = '/' + '-'.repeat(2000);
    const { page, context, errors } = await openHostPage(browser, `${path}?site=${key}`);
    await page.waitForResponse((r) => r.url().includes(`/v1/sites/${key}/config`));
    // Let the loader decide on the config, then see that the page still answers at once.
    await page.waitForTimeout(200);
    const started = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await card(page).count()).toBe(0);
    expect(errors).toEqual([]);
    // The same glob still matches where it should.
    const done = await openHostPage(browser, `/a-b-c-d/done?site=${key}`);
    await expect.poll(() => card(done.page).count()).toBe(1);
    await done.context.close();
    await context.close();
  });

  it("finds its own tag when another vendor's script carries a data-site too", async () => {
    const survey = await createSurvey(site.site, 'csat');
    // As a module script, w.js has no document.currentScript and must look its tag up.
    const { page, context, warnings } = await openHostPage(browser, `/?site=${site.site}&vendor=1&module=1&show=${survey}`);
    await expect.poll(() => scoreButtons(page).count()).toBe(5);
    expect(warnings.filter((w) => w.startsWith('cx widget:'))).toEqual([]);
    await context.close();
  });

  it("cx('reset') sends what waits at once, then clears it from storage", async () => {
    const survey = await createSurvey(site.site, 'ces');
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${survey}`);
    await page.route('**/v1/responses', (route) => route.abort('connectionreset'));
    await scoreButtons(page).nth(5).click();
    await expect.poll(async () => Object.keys((await storedState(page)).o ?? {}).length).toBeGreaterThan(0);
    await page.unroute('**/v1/responses');
    // A shared computer: the next person must find nothing of this visitor in localStorage.
    await cx(page, 'reset');
    expect(await storedState(page)).toEqual({});
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    await context.close();
  });
});
