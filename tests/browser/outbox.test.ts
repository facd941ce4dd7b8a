/**
 * Nothing lost: an answer given offline, refused by a 5xx, or given just
 * before the page goes, arrives later, exactly once.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  card,
  collector,
  createSite,
  createSurvey,
  eventually,
  exported,
  host,
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

beforeAll(async () => {
  browser = await launch();
  site = await createSite();
});
afterAll(() => browser?.close());

describe('the outbox', () => {
  it('keeps an answer (and its comment) given offline, and delivers it exactly once on a later page view', async () => {
    const survey = await createSurvey(site.site, 'nps');
    const { page, context, errors } = await openHostPage(browser, `/?site=${site.site}&show=${survey}`);
    await expect.poll(() => scoreButtons(page).count()).toBe(11);
    await context.setOffline(true);
    // The page learns of it asynchronously; a click before that would post while still online.
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    await scoreButtons(page).nth(8).click();
    await page.keyboard.type('Fast delivery.');
    await page.locator('cx-survey .s').click();

    // Waiting in localStorage: the answer, and its comment queued after it (the comment window
    // counts from when the collector stores the answer, however late that is).
    const outbox = Object.values((await storedState(page)).o ?? {});
    const waiting = outbox.filter((p) => p.u == '/v1/responses');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.b).toMatchObject({ score: 8 });
    const id = waiting[0]!.b.id as string;
    expect(outbox.filter((p) => p.u == `/v1/responses/${id}/comment`).map((p) => p.b)).toEqual([{ site: site.site, comment: 'Fast delivery.' }]);
    await page.close(); // goes while offline: nothing can leave
    expect((await scores(site, { survey })).n).toBe(0);

    await context.setOffline(false);
    const later = await context.newPage();
    await later.goto(`${host()}/another/page?site=${site.site}`);
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    await expect.poll(async () => (await storedState(later)).o).toBeUndefined();
    expect((await exported(site)).filter((r) => r.id == id).map((r) => r.comment)).toEqual(['Fast delivery.']);

    // A replay of the same id is a harmless duplicate: still counted once.
    const replay = await fetch(`${collector()}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: host() },
      body: JSON.stringify({ id, site: site.site, survey, score: 8 }),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ id, duplicate: true });
    expect((await scores(site, { survey })).n).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('retries a post the collector refused with 503, with backoff, on the same page view', async () => {
    const survey = await createSurvey(site.site, 'csat');
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${survey}`);
    const attempts: number[] = [];
    await page.route('**/v1/responses', async (route) => {
      attempts.push(Date.now());
      if (attempts.length == 1) await route.fulfill({ status: 503, body: '{}', headers: { 'access-control-allow-origin': host() } });
      else await route.continue();
    });
    await scoreButtons(page).nth(4).click();
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    expect(attempts).toHaveLength(2);
    // The first retry waits about 2 s (retryDelay(1)).
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1900);
    await context.close();
  });

  it('hands a waiting answer to sendBeacon when the page goes', async () => {
    const survey = await createSurvey(site.site, 'ces');
    const { page, context } = await openHostPage(browser, `/?site=${site.site}&show=${survey}`);
    const posts = recordPosts(page);
    // The first send fails on the network, so the answer waits in the outbox with a 2 s backoff…
    await page.route('**/v1/responses', (route) => route.abort('connectionreset'));
    await scoreButtons(page).nth(6).click();
    await expect.poll(() => posts.filter((p) => p.path == '/v1/responses').length).toBe(1);
    await page.unroute('**/v1/responses');
    // …and the visitor leaves for a page without the widget before any retry: only the
    // pagehide beacon can still deliver it (Playwright does not report beacons as requests).
    await page.goto(`${host()}/blank`);
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    expect(posts.filter((p) => p.path == '/v1/responses')).toHaveLength(1);
    await context.close();
  });

  it('resends an answer the collector refuses for its context (400) without that context', async () => {
    const survey = await createSurvey(site.site, 'nps');
    const { page, context, warnings } = await openHostPage(browser, `/?site=${site.site}`);
    const posts = recordPosts(page);
    // Nested meta is not allowed (docs/contract.md §3): the answer must not be lost for it.
    await page.evaluate((id) => (window as unknown as { cx: (...a: unknown[]) => void }).cx('show', id, { meta: { cart: { items: 3 } } }), survey);
    await scoreButtons(page).nth(10).click();
    await eventually(async () => expect((await scores(site, { survey })).n).toBe(1));
    const sent = posts.filter((p) => p.path == '/v1/responses').map((p) => p.body);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toHaveProperty('meta');
    expect(sent[1]).not.toHaveProperty('meta');
    expect(sent[1]).toMatchObject({ id: sent[0]!.id, score: 10 });
    expect(warnings.filter((w) => w.startsWith('cx widget:'))).toHaveLength(1);
    await expect.poll(() => card(page).count()).toBe(1); // the follow-up is still offered
    await context.close();
  });
});
