/**
 * The inbox of follow-up cases in a real browser, behind Cloudflare Access
 * (a JWKS on loopback, as tests/browser/console-team.test.ts does): a
 * Persian analyst triages three new cases with the keyboard alone, and two
 * people change one case at once: the second sees the conflict and the
 * first one's change, makes theirs after it, and loses nothing.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessCollector, startAccessCollector } from './access-collector';
import type { Collector } from './collector';
import { ADMIN_TOKEN } from './constants';
import { launch } from './helpers';

const TEAM = 'inbox';
const AUD = 'console-inbox-aud';
const DOMAIN = 'https://console-inbox.cloudflareaccess.com';
const ORIGIN = 'https://shop.example';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

let browser: Browser;
let access: AccessCollector;
let collector: Collector;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  access = await startAccessCollector(TEAM, AUD, DOMAIN);
  collector = access.collector;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await access?.stop();
});

const assertion = (email: string) => access.assertion(email);
const api = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => access.api<T>(method, path, body, ADMIN_TOKEN, headers);

interface CaseJson {
  status: string;
  assignee: string | null;
  version: number;
  notes: { author: string; text: string }[];
  history: { version: number; actor: string | null; status?: string }[];
}

const unique = (who: string) => `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** A site of its own with an NPS survey, `scores.length` answers (oldest first), and analysts who work its cases. */
async function siteWithCases(scores: number[], comments: string[], people: string[]): Promise<{ site: string; ids: string[] }> {
  const { body: created } = await api<{ site: string }>('POST', '/v1/admin/sites', { name: 'Inbox shop', origins: [ORIGIN] });
  const { body: survey } = await api<{ id: string }>('POST', `/v1/admin/sites/${created.site}/surveys`, { kind: 'nps', question: { en: 'How likely?', fa: 'چقدر؟' } });
  const ids: string[] = [];
  for (const [i, score] of scores.entries()) {
    const id = crypto.randomUUID();
    const res = await api('POST', '/v1/responses', { id, site: created.site, survey: survey.id, score, comment: comments[i], locale: 'fa', user: `u_${i}` }, { origin: ORIGIN });
    expect(res.status).toBe(201);
    ids.push(id);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (const email of people) expect((await api('PUT', `/v1/admin/members/${email}`, { role: 'analyst', sites: [created.site] })).status).toBe(200);
  return { site: created.site, ids };
}

async function openAs(email: string, hash: string, lang: 'en' | 'fa'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({
    locale: lang == 'fa' ? 'fa-IR' : 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    extraHTTPHeaders: { 'cf-access-jwt-assertion': assertion(email) },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${collector.origin}/app/#${hash}`);
  return { page, errors, close: () => context.close() };
}

const getCase = async (site: string, id: string) => (await api<CaseJson>('GET', `/v1/sites/${site}/cases/${id}`)).body;
/** Wait until the open case shows this version (each change is made on the version shown). */
const shownVersion = (page: Page, version: number) => page.locator(`[data-testid="case-panel"][data-version="${version}"]`).waitFor();

describe('the inbox', () => {
  it('triages three cases with the keyboard alone, in Persian', async () => {
    const me = unique('mina');
    const { site, ids } = await siteWithCases([0, 3, 5], ['بسته دیر رسید', 'پشتیبانی جواب نداد', 'قیمت بالا بود'], [me]);
    const { page, errors, close } = await openAs(me, `/inbox?site=${site}`, 'fa');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByTestId('case-stats').waitFor();
    await page.locator('.case-list li').first().waitFor();
    // Newest first: the third answer is the first row.
    expect(await page.locator('.case-list li').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).toEqual([ids[2], ids[1], ids[0]]);

    // j opens the first case; a takes it; c marks it contacted.
    await page.keyboard.press('j');
    await shownVersion(page, 1);
    expect(await page.locator('.case-panel .comment-text').getAttribute('dir')).toBe('auto');
    await page.keyboard.press('a');
    await shownVersion(page, 2);
    await page.keyboard.press('c');
    await shownVersion(page, 3);
    // j to the next; a, then r resolves it.
    await page.keyboard.press('j');
    await page.locator(`[data-case="${ids[1]}"].selected`).waitFor();
    await shownVersion(page, 1);
    await page.keyboard.press('a');
    await shownVersion(page, 2);
    await page.keyboard.press('r');
    await shownVersion(page, 3);
    // The last: n writes a note, sent from the keyboard too.
    await page.keyboard.press('j');
    await page.locator(`[data-case="${ids[0]}"].selected`).waitFor();
    await shownVersion(page, 1);
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-note');
    await page.keyboard.type('تماس گرفتم، فردا پیگیری می‌کنم');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('.case-notes .note-text').waitFor();
    expect(await page.locator('.case-notes .note-text').getAttribute('dir')).toBe('auto');
    await page.screenshot({ path: `${SCREENSHOTS}console-inbox-fa.png`, fullPage: true });

    expect(await getCase(site, ids[2]!)).toMatchObject({ status: 'contacted', assignee: me, version: 3 });
    expect(await getCase(site, ids[1]!)).toMatchObject({ status: 'resolved', assignee: me, version: 3 });
    expect((await getCase(site, ids[0]!)).notes).toEqual([expect.objectContaining({ author: me, text: 'تماس گرفتم، فردا پیگیری می‌کنم' })]);
    // The cards count them: one still open of three, in Persian digits.
    await expect.poll(() => page.getByTestId('case-stats').textContent()).toContain('۳');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('two people change one case at once: the second sees the conflict and the first one\'s change, and loses nothing', async () => {
    const ana = unique('ana');
    const ben = unique('ben');
    const { site, ids } = await siteWithCases([1], ['Late delivery'], [ana, ben]);
    const id = ids[0]!;
    const first = await openAs(ana, `/inbox?site=${site}&case=${id}`, 'en');
    const second = await openAs(ben, `/inbox?site=${site}&case=${id}`, 'en');
    await shownVersion(first.page, 1);
    await shownVersion(second.page, 1);

    // Ana marks it contacted; Ben, still looking at version 1, has typed a note and resolves it.
    await first.page.locator('.case-status button', { hasText: 'Contacted' }).click();
    await shownVersion(first.page, 2);
    await second.page.locator('#case-note').fill('Refund agreed on the phone.');
    await second.page.locator('.case-status button', { hasText: 'Resolved' }).click();

    const conflict = second.page.getByTestId('case-conflict');
    await conflict.waitFor();
    expect(await conflict.getAttribute('role')).toBe('alert');
    // Ana's change is shown to Ben, and the panel now shows the case as it is.
    expect(await conflict.textContent()).toContain(ana);
    expect(await conflict.textContent()).toContain('Contacted');
    await shownVersion(second.page, 2);
    // Nothing Ben did was lost: his note is still typed, his change one click away.
    expect(await second.page.locator('#case-note').inputValue()).toBe('Refund agreed on the phone.');
    expect((await getCase(site, id)).status).toBe('contacted');
    await second.page.screenshot({ path: `${SCREENSHOTS}console-inbox-conflict.png`, fullPage: true });
    await conflict.getByRole('button').click();
    await shownVersion(second.page, 3);
    await second.page.locator('.case-note button[type="submit"]').click();
    await second.page.locator('.case-notes .note-text').waitFor();

    const final = await getCase(site, id);
    expect(final).toMatchObject({ status: 'resolved', version: 3 });
    expect(final.history.map((h) => [h.version, h.actor, h.status])).toEqual([
      [1, null, 'open'],
      [2, ana, 'contacted'],
      [3, ben, 'resolved'],
    ]);
    expect(final.notes).toEqual([expect.objectContaining({ author: ben, text: 'Refund agreed on the phone.' })]);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.close();
    await second.close();
  }, 120_000);
});
