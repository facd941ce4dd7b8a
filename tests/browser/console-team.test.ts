/**
 * The console behind Cloudflare Access: a collector of its own, started with
 * ACCESS_AUD, ACCESS_TEAM_DOMAIN, ACCESS_CERTS_URL (a JWKS on loopback, the
 * Access stand-in of tests/access/) and OWNER_EMAILS; each person's browser
 * sends the assertion Access would add (`extraHTTPHeaders`). The console
 * signs in by itself, shows only what the role allows, and owners run the
 * team: members, API keys, the audit log. In English and Persian.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessCollector, startAccessCollector } from './access-collector';
import type { Collector } from './collector';
import { ADMIN_TOKEN } from './constants';
import { axeSerious } from './console-helpers';
import { launch } from './helpers';

const TEAM = 'console';
const AUD = 'console-team-aud';
const DOMAIN = 'https://console-team.cloudflareaccess.com';
const OWNER = 'owner@example.com';
const DEMO = 'demo';
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

let browser: Browser;
let access: AccessCollector;
let collector: Collector;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  access = await startAccessCollector(TEAM, AUD, DOMAIN, { OWNER_EMAILS: OWNER });
  collector = access.collector;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await access?.stop();
});

const assertion = (email: string) => access.assertion(email);
const api = <T>(method: string, path: string, body?: unknown, token = ADMIN_TOKEN) => access.api<T>(method, path, body, token);

interface Opened {
  page: Page;
  errors: string[];
  /** Requests to the API that change something. */
  writes: string[];
  close: () => Promise<void>;
}

/** The console as this person opens it behind Access, in `lang`. */
async function openAs(email: string, hash: string, lang: 'en' | 'fa'): Promise<Opened> {
  const context = await browser.newContext({
    locale: lang == 'fa' ? 'fa-IR' : 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    extraHTTPHeaders: { 'cf-access-jwt-assertion': assertion(email) },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const writes: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    if (request.method() != 'GET' && request.url().includes('/v1/')) writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  await page.goto(`${collector.origin}/app/#${hash}`);
  return { page, errors, writes, close: () => context.close() };
}

const unique = (who: string) => `${who}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** Words the tests look for, in each language (the console's own strings). */
const WORDS = {
  en: { signedIn: 'Signed in as', analyst: 'analyst', admin: 'admin', notOpen: 'Not open to your role', every: 'Every site', copied: 'I have copied it' },
  fa: { signedIn: 'واردشده با', analyst: 'تحلیلگر', admin: 'مدیر', notOpen: 'برای نقش شما باز نیست', every: 'همهٔ سایت‌ها', copied: 'رونوشت کردم' },
} as const;

for (const lang of ['en', 'fa'] as const) {
  const words = WORDS[lang];

  describe(`behind Cloudflare Access (${lang})`, () => {
    it('signs an analyst in by itself, says who and which role, and offers only the analysis', async () => {
      const analyst = unique('analyst');
      expect((await api('PUT', `/v1/admin/members/${analyst}`, { role: 'analyst', sites: [DEMO] })).status).toBe(200);
      const { page, errors, writes, close } = await openAs(analyst, `/scores?site=${DEMO}&range=30d`, lang);
      const who = page.getByTestId('signed-in-as');
      await expect.poll(() => who.textContent()).toBe(`${words.signedIn} ${analyst} · ${words.analyst}`);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang == 'fa' ? 'rtl' : 'ltr');
      await page.getByTestId('score').waitFor();
      // No token was asked for or kept: the Access session is the credential.
      expect(await page.locator('#token').count()).toBe(0);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      // Settings and the team are not offered; typed into the address bar, they say why.
      const links = await page.locator('nav.nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links.some((href) => href.startsWith('#/scores'))).toBe(true);
      expect(links.filter((href) => /^#\/(sites|surveys|webhooks|links|embed|members|apikeys|audit)/.test(href))).toEqual([]);
      await page.evaluate(() => (location.hash = '#/members'));
      await expect.poll(() => page.locator('#view-title').textContent()).toBe(words.notOpen);
      expect(await page.getByTestId('needs-admin').count()).toBe(1);
      expect(writes).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });

    it('lets an owner add a member, change their role and sites, and remove them after a confirmation', async () => {
      const { page, errors, close } = await openAs(OWNER, `/members?site=${DEMO}`, lang);
      await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(OWNER);
      await page.getByTestId('owner-emails').waitFor();
      expect(await page.getByTestId('owner-emails').textContent()).toContain(OWNER);

      const email = unique('newcomer');
      await page.locator('#member-email').fill(email);
      await page.locator('#member-role').selectOption('analyst');
      await page.locator(`fieldset input[value="${DEMO}"]`).check();
      await page.locator('form:has(#member-email) button[type=submit]').click();
      const row = page.locator(`tr[data-member="${email}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(words.analyst);
      expect((await api<{ members: { email: string; role: string; sites: string[] }[] }>('GET', '/v1/admin/members')).body.members.find((m) => m.email == email)).toMatchObject({ role: 'analyst', sites: [DEMO] });

      // Change: the same form, filled with the member; every site now.
      await row.locator('button.secondary').click();
      await expect.poll(() => page.locator('#member-email').inputValue()).toBe(email);
      await page.locator('#member-role').selectOption('admin');
      await page.locator('fieldset input[id$="-every"]').check();
      await page.locator('form:has(#member-email) button[type=submit]').click();
      await expect.poll(async () => (await row.textContent()) ?? '').toContain(words.every);
      expect(await row.textContent()).toContain(words.admin);
      await page.screenshot({ path: `${SCREENSHOTS}console-members-${lang}.png`, fullPage: true });
      expect(await axeSerious(page)).toEqual([]);
      expect((await api<{ members: { email: string; role: string; sites: string[] }[] }>('GET', '/v1/admin/members')).body.members.find((m) => m.email == email)).toMatchObject({ role: 'admin', sites: ['*'] });

      // An address that is not one is refused beside its field, and nothing is sent.
      await page.locator('#member-email').fill('not-an-email');
      await page.locator('form:has(#member-email) button[type=submit]').click();
      await expect.poll(() => page.locator('#member-email').getAttribute('aria-invalid')).toBe('true');

      // Remove: a confirmation names the member first.
      await row.locator('button.danger').click();
      const dialog = page.locator('dialog.confirm[open]');
      await dialog.waitFor();
      expect(await page.getByTestId('remove-member-text').textContent()).toContain(email);
      await dialog.locator('button.danger').click();
      await row.waitFor({ state: 'detached' });
      expect((await api<{ members: { email: string }[] }>('GET', '/v1/admin/members')).body.members.some((m) => m.email == email)).toBe(false);
      expect(errors).toEqual([]);
      await close();
    });

    it('lets an owner create an API key with scopes and sites, shown once, and revoke it', async () => {
      const { page, errors, close } = await openAs(OWNER, `/apikeys?site=${DEMO}`, lang);
      const name = `nightly export ${lang}`;
      await page.locator('#key-name').fill(name);
      await page.locator(`fieldset input[value="${DEMO}"]`).check();
      await page.locator('form:has(#key-name) button[type=submit]').click();
      const secret = page.getByTestId('secret');
      await secret.waitFor();
      const key = (await secret.textContent()) ?? '';
      expect(key).toMatch(/^cxk_[0-9a-z]{8}_[0-9a-z]{32}$/);
      await page.screenshot({ path: `${SCREENSHOTS}console-api-keys-${lang}.png`, fullPage: true });
      expect(await axeSerious(page)).toEqual([]);
      // The key reads what its scope and site allow, and no more.
      expect((await api('GET', `/v1/sites/${DEMO}/scores?kind=nps`, undefined, key)).status).toBe(200);
      expect((await api('GET', '/v1/admin/members', undefined, key)).status).toBe(403);

      await page.locator('.secret').getByRole('button', { name: words.copied }).click();
      const row = page.locator(`tr[data-key="${key.slice(0, 12)}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(name);
      expect(await page.locator('body').textContent()).not.toContain(key.slice(13));
      await row.locator('button.danger').click();
      await page.locator('dialog.confirm[open]').waitFor();
      expect(await page.getByTestId('revoke-api-key-text').textContent()).toContain(key.slice(0, 12));
      await page.locator('dialog.confirm[open] button.danger').click();
      await row.locator('.status.paused').waitFor();
      expect((await api('GET', `/v1/sites/${DEMO}/scores?kind=nps`, undefined, key)).status).toBe(401);
      expect(errors).toEqual([]);
      await close();
    });

    it('shows an owner the audit log, filtered by site, person and action, with older entries a page at a time', async () => {
      // 55 changes of the demo site and a new member, by the admin token.
      for (let i = 0; i < 55; i++) expect((await api('PATCH', `/v1/admin/sites/${DEMO}`, { name: `Demo shop ${lang} ${i}` })).status).toBe(200);
      expect((await api('PUT', `/v1/admin/members/${unique('audited')}`, { role: 'viewer', sites: [DEMO] })).status).toBe(200);

      const { page, errors, close } = await openAs(OWNER, '/audit', lang);
      const rows = page.locator('[data-testid=audit] tbody tr');
      await expect.poll(() => rows.count()).toBe(50);
      await page.locator('.actions button.secondary').click();
      await expect.poll(() => rows.count()).toBeGreaterThan(55);

      await page.locator('#audit-action').selectOption('member');
      await page.locator('form.filters button[type=submit]').click();
      await expect.poll(async () => (await rows.locator('td:nth-child(3)').allTextContents()).every((a) => a.startsWith('member.'))).toBe(true);
      expect(await rows.locator('td:nth-child(3)').allTextContents()).toContain('member.added');
      // The filters are in the URL.
      expect(await page.evaluate(() => location.hash)).toContain('action=member');

      await page.locator('#audit-action').selectOption('site.updated');
      await page.locator('#audit-site').selectOption(DEMO);
      await page.locator('#audit-actor').fill('admin_token');
      await page.locator('form.filters button[type=submit]').click();
      await expect.poll(async () => new Set(await rows.locator('td:nth-child(3)').allTextContents())).toEqual(new Set(['site.updated']));
      expect(new Set(await rows.locator('td:nth-child(4)').allTextContents())).toEqual(new Set([DEMO]));
      // Field names, never values.
      expect(new Set(await rows.locator('td:nth-child(6)').allTextContents())).toEqual(new Set(['name']));
      expect(await page.locator('[data-testid=audit]').textContent()).not.toContain('Demo shop');
      await page.screenshot({ path: `${SCREENSHOTS}console-audit-${lang}.png`, fullPage: true });
      expect(await axeSerious(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  });
}

describe('someone Access signed in who is not a member', () => {
  it('is told so on the sign-in form, and may still paste a token', async () => {
    const stranger = unique('stranger');
    const { page, errors, close } = await openAs(stranger, '/scores', 'en');
    await page.locator('.notice').waitFor();
    expect(await page.locator('.notice').textContent()).toContain('not a member of this team');
    expect(await page.locator('.notice code').textContent()).toBe('not_a_member');
    await page.locator('#token').fill(ADMIN_TOKEN);
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('Admin');
    expect(errors).toEqual([]);
    await close();
  });
});
