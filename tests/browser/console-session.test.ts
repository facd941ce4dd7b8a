/**
 * Signing in: the session stays in its tab unless the person asks to be
 * remembered on this device (then a new tab of the same browser is signed
 * in too, until sign-out, which forgets it everywhere), and the admin token
 * opens the site this browser looked at last, else the newest site.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DEMO, api, openConsole, signIn } from './console-helpers';
import { collector, launch } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Another tab of the same browser (same localStorage, its own sessionStorage). */
async function newTab(context: BrowserContext, hash: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`${collector()}/app/#${hash}`);
  return tab;
}

const signedIn = (page: Page) => page.locator('.top').isVisible();

describe('remember on this device', () => {
  it('is off by default: a new tab asks to sign in again', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo');
    expect(await page.getByRole('checkbox', { name: 'Remember me on this device' }).isChecked()).toBe(false);
    expect(await page.locator('#remember-help').textContent()).toContain('shared computer');
    await signIn(page, DEMO.readKey);
    await page.getByTestId('score').waitFor();
    const tab = await newTab(context, '/scores?site=demo');
    await tab.locator('#token').waitFor();
    expect(await tab.evaluate(() => JSON.stringify(localStorage))).not.toContain(DEMO.readKey);
    await context.close();
  });

  it('when ticked, keeps a new tab signed in until sign-out, which forgets it for every tab', async () => {
    const { page, context } = await openConsole(browser, '/scores?site=demo');
    await page.getByRole('checkbox', { name: 'Remember me on this device' }).check();
    await signIn(page, DEMO.readKey);
    await page.getByTestId('score').waitFor();
    const tab = await newTab(context, '/journey?site=demo');
    await tab.locator('.step').first().waitFor();
    expect(await signedIn(tab)).toBe(true);
    await tab.getByRole('button', { name: 'Sign out' }).click();
    await tab.locator('#token').waitFor();
    expect(await tab.evaluate(() => JSON.stringify(localStorage))).not.toContain(DEMO.readKey);
    const third = await newTab(context, '/scores?site=demo');
    await third.locator('#token').waitFor();
    await context.close();
  });
});

describe('the site signing in opens', () => {
  it('is the one this browser looked at last; in a browser that looked at none, the newest', async () => {
    // A shop's own site, made after the demo's.
    const { site: newest } = await api<{ site: string }>('/v1/admin/sites', ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ name: 'Own shop', origins: ['https://own.example'] }) });
    const { sites } = await api<{ sites: { site: string }[] }>('/v1/admin/sites', ADMIN_TOKEN);
    expect(sites.at(-1)!.site).toBe(newest);
    const { page, context } = await openConsole(browser, '/scores');
    await signIn(page, ADMIN_TOKEN);
    await expect.poll(() => new URLSearchParams(page.url().split('?')[1]).get('site')).toBe(newest);
    // Look at the demo, sign out, sign in again from a bare address: the demo again.
    await page.locator('.site-picker select').selectOption('demo');
    await page.getByTestId('score').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.evaluate(() => (location.hash = '#/scores'));
    await signIn(page, ADMIN_TOKEN);
    await expect.poll(() => new URLSearchParams(page.url().split('?')[1]).get('site')).toBe('demo');
    await context.close();
  });
});
