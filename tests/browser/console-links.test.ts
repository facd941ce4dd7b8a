/**
 * Minting survey links in the console, in Chromium against the real
 * Worker: three email links typed as rows, their table (URL and email
 * block, each with a copy button), the CSV download, and the first link's
 * own page; pasted CSV lines refused line by line; the QR channel's rule
 * and one reusable code; the email block previewed in a sandboxed frame
 * the Worker serves, in fa and en, at a phone's width too; a site in the
 * URL that is not one never reaches an API path.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, axeSerious, openConsole, signIn, violations } from './console-helpers';
import { QUESTIONS, collector, launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

async function npsSurvey(name: string): Promise<{ site: string; survey: string }> {
  const { site } = await api<{ site: string }>('/v1/admin/sites', ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ name, origins: ['https://links-shop.example'] }) });
  await api(`/v1/admin/sites/${site}`, ADMIN_TOKEN, { method: 'PATCH', body: JSON.stringify({ journey: ['checkout', 'delivery'] }) });
  const { id } = await api<{ id: string }>(`/v1/admin/sites/${site}/surveys`, ADMIN_TOKEN, {
    method: 'POST',
    body: JSON.stringify({ kind: 'nps', name: 'Delivery NPS', question: QUESTIONS.nps }),
  });
  return { site, survey: id };
}

describe('minting links in the console', () => {
  it('mints 3 email links typed as rows, lists them with their email blocks, downloads them as CSV, and the first opens its page', async () => {
    const { site, survey } = await npsSurvey('Links shop');
    const { page, context, errors } = await openConsole(browser, `/surveys?site=${site}`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: collector() });
    await signIn(page, ADMIN_TOKEN);
    // Reached from the survey's row.
    await page.locator(`tr[data-survey="${survey}"]`).getByRole('link', { name: 'Links' }).click();
    await page.locator('#link-channel').waitFor();
    expect(await page.locator('#link-survey').inputValue()).toBe(survey);
    expect(await page.locator('#link-channel').inputValue()).toBe('email');
    await page.locator('#link-expires').fill('14');
    const recipients = [
      ['u_1', 'delivery', 'fa'],
      ['u_2', 'delivery', 'en'],
      ['u_3', 'checkout', ''],
    ];
    for (const [i, fields] of recipients.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Add a recipient' }).click();
      for (const [j, field] of ['user', 'touchpoint', 'locale'].entries()) await page.locator(`#recipient-${i}-${field}`).fill(fields[j]!);
    }
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Mint links' }).click();

    const rows = page.getByTestId('link-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('.saved').textContent()).toBe('3 links minted.');
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual(['u_1', 'u_2', 'u_3']);
    const urls = await page.getByTestId('link-url').allTextContents();
    for (const url of urls) expect(url).toMatch(new RegExp(`^${collector()}/r/[A-Za-z0-9_-]+$`));
    expect(new Set(urls).size).toBe(3);
    // The email block: read as text (the console renders no HTML), right to left for fa.
    await rows.first().getByText('Show the HTML').click();
    const html = (await rows.first().getByTestId('link-html').textContent())!;
    expect(html).toMatch(/^<table role="presentation" dir="rtl" lang="fa"/);
    expect(html).toContain(`${urls[0]}?score=10`);
    // The console renders no HTML itself: the one frame is the Worker's sandboxed preview (never srcdoc).
    expect(await page.locator('iframe:not(.email-preview), iframe[srcdoc]').count()).toBe(0);
    // Copy buttons copy the link and the block.
    await rows.first().getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(urls[0]);
    await rows.nth(1).getByRole('button', { name: 'Copy HTML' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^<table role="presentation" dir="ltr" lang="en"/);

    // All of them as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`links-${survey}-email.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('user,touchpoint,locale,url,expires_at,html');
    expect(csv).toContain(`u_1,delivery,fa,${urls[0]},`);
    expect(csv).toContain(`u_3,checkout,,${urls[2]},`);
    const expires = /,(\d{4}-\d\d-\d\dT[\d:.]+Z),/.exec(csv)![1]!;
    expect(Math.round((Date.parse(expires) - Date.now()) / 86_400_000)).toBe(14);

    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-links-en.png`, fullPage: true });
    await page.locator('.lang select').selectOption('fa');
    await expect.poll(() => page.locator('h1').textContent()).toBe('پیوندها');
    expect(await page.locator('#links-result').textContent()).toBe('پیوندها (۳)');
    // The status is said in the language on screen, not the one it was set in.
    expect(await page.locator('.saved').textContent()).toBe('۳ پیوند ساخته شد.');
    expect(await rows.first().locator('th').textContent()).toBe('۱');
    await page.screenshot({ path: `${SCREENSHOTS}console-links-fa.png`, fullPage: true });

    // The first link's page: the question in the recipient's language, right to left.
    const linkPage = await context.newPage();
    await linkPage.goto(urls[0]!);
    expect(await linkPage.locator('h1').textContent()).toBe(QUESTIONS.nps.fa);
    expect(await linkPage.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await linkPage.locator('input[name=score]').count()).toBe(11);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks pasted CSV lines one by one, naming each bad line, and sends nothing', async () => {
    const { site, survey } = await npsSurvey('Pasted links');
    const { page, context } = await openConsole(browser, `/links?site=${site}&survey=${survey}`);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() == 'POST') sent.push(new URL(request.url()).pathname);
    });
    await signIn(page, ADMIN_TOKEN);
    await page.getByRole('radio', { name: 'Paste CSV lines' }).check();
    const typed = 'user,touchpoint,locale\nu_1,delivery,fa\nu_2,Delivery Desk,en\n\nu_3,checkout,fa,extra\nu_4,,xx-!!';
    await page.locator('#recipients-csv').fill(typed);
    await page.getByRole('button', { name: 'Mint links' }).click();
    const lines = page.locator('#recipients-csv-error li');
    await expect.poll(() => lines.count()).toBe(3);
    const texts = await lines.allTextContents();
    expect(texts[0]).toMatch(/^Line 3: touchpoint must match/);
    expect(texts[1]).toMatch(/^Line 5: has 4 fields/);
    expect(texts[2]).toMatch(/^Line 6: locale must be a BCP 47 language tag/);
    expect(await page.locator('#recipients-csv').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#recipients-csv').inputValue()).toBe(typed);
    expect(sent).toEqual([]);

    // Fixed, they are minted: one link per line.
    await page.locator('#recipients-csv').fill('user,touchpoint,locale\nu_1,delivery,fa\nu_2,delivery,en\n"Smith, J",checkout,ar');
    await page.getByRole('button', { name: 'Mint links' }).click();
    await expect.poll(() => page.getByTestId('link-row').count()).toBe(3);
    expect(await page.getByTestId('link-row').nth(2).locator('td').first().textContent()).toBe('Smith, J');
    expect(sent).toEqual([`/v1/admin/sites/${site}/surveys/${survey}/links`]);
    await context.close();
  });

  it('says the one-answer-per-link rule beside the QR channel, and keeps the email column to email', async () => {
    const { site, survey } = await npsSurvey('QR links');
    const { page, context } = await openConsole(browser, `/links?site=${site}&survey=${survey}`);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#link-channel').selectOption('qr');
    expect(await page.getByTestId('one-answer').textContent()).toContain('a printed code collects its first scan only');
    await page.locator('#recipient-0-touchpoint').fill('counter');
    await page.getByRole('button', { name: 'Mint links' }).click();
    await expect.poll(() => page.getByTestId('link-row').count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Email block (HTML)' }).count()).toBe(0);
    // No preview for a code: it has no email block.
    expect(await page.locator('iframe.email-preview').count()).toBe(0);
    await context.close();
  });

  it('mints one reusable code for everyone: refused with a user id, beside the checkbox; many answers once minted', async () => {
    const { site, survey } = await npsSurvey('Counter code');
    const { page, context } = await openConsole(browser, `/links?site=${site}&survey=${survey}`);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#link-channel').waitFor();
    expect(await page.locator('#link-reusable').count()).toBe(0);
    await page.locator('#link-channel').selectOption('qr');
    await page.locator('#link-reusable').check();
    expect(await page.getByTestId('one-answer').count()).toBe(0);
    await page.locator('#recipient-0-user').fill('u_1');
    await page.locator('#recipient-0-touchpoint').fill('counter');
    await page.getByRole('button', { name: 'Mint links' }).click();
    await expect.poll(() => page.locator('#link-reusable-error').textContent()).toContain('a reusable link has no user');
    expect(await page.getByTestId('link-row').count()).toBe(0);
    await page.locator('#recipient-0-user').fill('');
    await page.getByRole('button', { name: 'Mint links' }).click();
    await expect.poll(() => page.getByTestId('link-row').count()).toBe(1);
    const url = (await page.getByTestId('link-url').textContent())!;
    // Two people at the counter: two answers.
    for (const score of ['9', '4']) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `score=${score}`, redirect: 'manual' });
      expect(res.status).toBe(303);
    }
    const totals = await api<{ total: { n: number } }>(`/v1/sites/${site}/scores?survey=${survey}`, ADMIN_TOKEN);
    expect(totals.total.n).toBe(2);
    await context.close();
  });

  it('previews the email block as it will look: a sandboxed frame from the Worker, in fa and en, at a phone width too', async () => {
    const { site, survey } = await npsSurvey('Preview shop');
    const { page, context, errors } = await openConsole(browser, `/links?site=${site}&survey=${survey}`);
    await signIn(page, ADMIN_TOKEN);
    const frame = page.locator('iframe.email-preview');
    await frame.waitFor();
    // Served by the Worker under its own CSP, sandboxed: no script, no same-origin, no navigation.
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toBeNull();
    const src = (await frame.getAttribute('src'))!;
    expect(src).toBe(`/preview/email/${site}/${survey}?locale=fa`);
    const preview = await fetch(`${collector()}${src}`);
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(preview.headers.get('content-security-policy')).not.toContain('script-src');

    const buttons = () => page.frameLocator('iframe.email-preview').locator('a');
    const boxes = async () => Promise.all((await buttons().all()).map((a) => a.boundingBox()));
    await expect.poll(async () => buttons().count()).toBe(11);
    expect(await buttons().allTextContents()).toEqual(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
    let cells = await boxes();
    expect(cells[0]!.x).toBeGreaterThan(cells[10]!.x);
    await page.locator('section[aria-labelledby=email-preview-title]').screenshot({ path: `${SCREENSHOTS}console-email-preview-fa.png` });

    await page.getByRole('radio', { name: 'Phone (360 px)' }).check();
    await expect.poll(() => frame.getAttribute('width')).toBe('360');
    const phone = (await frame.boundingBox())!;
    cells = await boxes();
    // The whole row fits the phone's width: nothing overflows the frame.
    for (const cell of cells) expect(cell!.x + cell!.width).toBeLessThanOrEqual(phone.x + phone.width);
    expect(new Set(cells.map((c) => Math.round(c!.y))).size).toBe(1);
    await page.locator('section[aria-labelledby=email-preview-title]').screenshot({ path: `${SCREENSHOTS}console-email-preview-fa-phone.png` });

    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => frame.getAttribute('src')).toBe(`/preview/email/${site}/${survey}?locale=en`);
    await expect.poll(async () => (await buttons().allTextContents()).join(' ')).toBe('0 1 2 3 4 5 6 7 8 9 10');
    cells = await boxes();
    expect(cells[0]!.x).toBeLessThan(cells[10]!.x);
    expect(await page.frameLocator('iframe.email-preview').locator('td').first().textContent()).toBe(QUESTIONS.nps.en);
    await page.locator('section[aria-labelledby=email-preview-title]').screenshot({ path: `${SCREENSHOTS}console-email-preview-en-phone.png` });
    // A press in the preview goes nowhere: the console stays.
    await buttons().first().click();
    expect(page.url()).toContain('/app/#/links');
    expect(await axeSerious(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a site in the URL that is not one (`..`) is refused on screen and never reaches an API path', async () => {
    const { page, context, errors } = await openConsole(browser, '/links?site=..&survey=..%2Fkeys');
    const paths: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/v1/')) paths.push(path);
    });
    await signIn(page, ADMIN_TOKEN);
    await expect.poll(() => page.locator('p.error').first().textContent()).toContain('site: must not be . or ..');
    expect(paths.filter((p) => !['/v1/session', '/v1/admin/sites'].includes(p))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
