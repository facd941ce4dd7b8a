/**
 * The main path, end to end: a host page on another origin pastes the tag,
 * queues cx('show', …), a visitor clicks a score and writes a comment, and
 * the collector's scores API (and its D1) show exactly that.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCALES, type Kind } from '../../shared/kinds';
import {
  FOLLOW_UP,
  FOLLOW_UP_LOW,
  QUESTIONS,
  card,
  createSite,
  createSurvey,
  eventually,
  exported,
  launch,
  openHostPage,
  recordPosts,
  scoreButtons,
  scores,
  storedState,
  type Site,
} from './helpers';

let browser: Browser;
let site: Site;
const surveys = {} as Record<Kind, string>;

beforeAll(async () => {
  browser = await launch();
  site = await createSite();
  for (const kind of ['nps', 'csat', 'ces'] as const) surveys[kind] = await createSurvey(site.site, kind);
});
afterAll(() => browser?.close());

describe('the embed on a host page', () => {
  // The visitor's id comes from cx('identify') or from data-user.
  for (const [kind, score, user] of [['nps', 9, 'cmd_identify=u_42'], ['csat', 4, 'user=u_42'], ['ces', 2, 'cmd_identify=u_42']] as const) {
    it(`stores a click on ${score} in a ${kind} survey at once, as text/plain JSON`, async () => {
      const { page, errors, warnings, context } = await openHostPage(
        browser,
        `/checkout/done?site=${site.site}&show=${surveys[kind]}&touchpoint=checkout&${user}`,
      );
      const posts = recordPosts(page);
      await expect.poll(() => card(page).count()).toBe(1);
      await expect.poll(() => card(page).getAttribute('aria-label')).toBe(QUESTIONS[kind].en);
      const { min, max } = SCALES[kind];
      await expect.poll(() => scoreButtons(page).allTextContents()).toEqual(
        Array.from({ length: max - min + 1 }, (_, i) => String(min + i)),
      );

      await scoreButtons(page).nth(score - min).click();
      await eventually(async () => expect((await scores(site, { survey: surveys[kind] })).n).toBe(1));
      const total = await scores(site, { survey: surveys[kind] });
      expect(total.distribution[score - min]).toBe(1);
      // Exposure events are written about a second after their reply.
      await eventually(async () => expect((await scores(site, { survey: surveys[kind] })).shown).toBe(1));

      const response = posts.find((p) => p.path == '/v1/responses')!;
      expect(response.contentType).toMatch(/^text\/plain/); // no CORS preflight
      expect(response.body).toMatchObject({
        site: site.site,
        survey: surveys[kind],
        score,
        touchpoint: 'checkout',
        locale: 'en',
        page: '/checkout/done',
        user: 'u_42',
        meta: { plan: 'pro' },
      });
      // The outbox is empty again once the collector has acknowledged everything.
      await expect.poll(async () => (await storedState(page)).o).toBeUndefined();
      expect(errors).toEqual([]);
      expect(warnings).toEqual([]);
      // No cookies: the widget keeps its state in one localStorage key.
      expect(await context.cookies()).toEqual([]);
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['cx:v1']);
      await context.close();
    });
  }

  it('takes position and color from the config', async () => {
    const placed = await createSurvey(site.site, 'csat', { position: 'top-left', color: '#8250df' });
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${placed}`);
    await expect.poll(() => card(page).count()).toBe(1);
    const box = (await card(page).boundingBox())!;
    expect(box.x).toBeLessThan(40);
    expect(box.y).toBeLessThan(40);
    expect(await card(page).evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(130, 80, 223)');
    await context.close();
  });

  it('asks the follow-up for low scores differently, stores the comment, thanks, then closes', async () => {
    const { page, errors, context } = await openHostPage(browser, `/?site=${site.site}&show=${surveys.nps}`);
    const posts = recordPosts(page);
    await scoreButtons(page).nth(3).click();
    await expect.poll(() => page.locator('cx-survey label').textContent()).toBe(FOLLOW_UP_LOW.en);
    // Focus moved to the comment box, so typing goes there.
    await page.keyboard.type('The delivery was late.');
    await page.locator('cx-survey .s').click();
    await expect.poll(() => page.locator('cx-survey #t').textContent()).toBe('Thank you!');
    await expect.poll(() => card(page).count(), { timeout: 6000 }).toBe(0);

    const id = posts.find((p) => p.path == '/v1/responses')!.body.id as string;
    await eventually(async () => {
      const rows = (await exported(site)).filter((r) => r.id == id).map(({ score, comment }) => ({ score, comment }));
      expect(rows).toEqual([{ score: 3, comment: 'The delivery was late.' }]);
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks the general follow-up for high scores', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${surveys.nps}`);
    await scoreButtons(page).nth(10).click();
    await expect.poll(() => page.locator('cx-survey label').textContent()).toBe(FOLLOW_UP.en);
    await context.close();
  });

  it('posts "dismissed" when closed with the close button, and asks nothing more on that page view', async () => {
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${surveys.csat}`);
    const posts = recordPosts(page);
    await page.locator('cx-survey .x').click();
    await expect.poll(() => card(page).count()).toBe(0);
    await expect.poll(() => posts.filter((p) => p.path == '/v1/events').map((p) => p.body.type)).toContain('dismissed');
    await eventually(async () => expect((await scores(site, { survey: surveys.csat })).dismissed).toBe(1));
    // At most one survey per page view, even when asked for explicitly.
    await page.evaluate((id) => (window as unknown as { cx: (...args: unknown[]) => void }).cx('show', id), surveys.ces);
    await page.waitForTimeout(500);
    expect(await card(page).count()).toBe(0);
    await context.close();
  });
});
