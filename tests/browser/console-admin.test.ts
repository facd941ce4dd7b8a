/**
 * The site owner's console: sites, surveys and their editor, the embed
 * snippet and erasing a user, driven through the forms in Chromium against
 * the real Worker, and read back through the API as the widget and analysts
 * see it.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DEMO, api, axeSerious, openConsole, signIn, violations } from './console-helpers';
import { collector, launch } from './helpers';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
afterAll(() => browser?.close());

interface Config {
  surveys: { id: string; kind: string; question: Record<string, string> }[];
}

/** Requests the page sent to the API with a body (POST, PATCH, DELETE). */
function writes(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() != 'GET' && request.url().includes('/v1/')) sent.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return sent;
}

async function newSite(name: string): Promise<string> {
  const created = await api<{ site: string }>('/v1/admin/sites', ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ name, origins: ['https://owner.example'] }) });
  return created.site;
}

describe('signed in with the admin token', () => {
  it('creates a site and an NPS survey through the forms; pausing takes it out of the config', async () => {
    const { page, context, errors } = await openConsole(browser, '/sites');
    await signIn(page, ADMIN_TOKEN);
    const name = `Forms shop ${Date.now()}`;
    await page.locator('#site-name').fill(name);
    await page.locator('#site-origins').fill('https://forms.example\nhttps://www.forms.example:8443');
    await page.getByRole('button', { name: 'Create site' }).click();
    // The read key is shown once, with a copy button and a warning.
    const secret = page.getByTestId('secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^cxr_[0-9a-z]{8}_[0-9a-z]{32}$/);
    expect(await page.locator('.secret').textContent()).toContain('shown only once');
    expect(await page.locator('.secret').getByRole('button', { name: 'Copy' }).count()).toBe(1);
    const sites = await api<{ sites: { site: string; name: string; origins: string[] }[] }>('/v1/admin/sites', ADMIN_TOKEN);
    const site = sites.sites.find((s) => s.name == name)!;
    expect(site.origins).toEqual(['https://forms.example', 'https://www.forms.example:8443']);

    await page.goto(`${collector()}/app/#/survey?site=${site.site}&id=new`);
    await page.locator('#sv-name').fill('Checkout NPS');
    await page.locator('#sv-question-en').fill('How likely are you to recommend us?');
    await page.getByRole('tab', { name: 'فارسی' }).click();
    expect(await page.locator('#sv-question-fa').getAttribute('dir')).toBe('rtl');
    await page.locator('#sv-question-fa').fill('چقدر احتمال دارد ما را پیشنهاد کنید؟');
    await page.locator('#sv-on').selectOption('scroll');
    await page.locator('#sv-scroll').fill('40');
    await page.locator('#sv-paths').fill('/checkout*');
    await page.locator('#sv-color').fill('#0f7b4a');
    await page.getByRole('button', { name: 'Create survey' }).click();
    await expect.poll(() => page.url()).toMatch(/id=sv_/);
    const id = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? /id=(sv_\w+)/.exec(page.url())![1]!;
    await expect.poll(() => page.locator('.saved').textContent()).toContain('Survey created.');

    const config = async () => (await (await fetch(`${collector()}/v1/sites/${site.site}/config`, { headers: { 'cache-control': 'no-cache' } })).json()) as Config;
    const live = (await config()).surveys.find((s) => s.id == id);
    expect(live).toMatchObject({
      kind: 'nps',
      question: { en: 'How likely are you to recommend us?', fa: 'چقدر احتمال دارد ما را پیشنهاد کنید؟' },
      trigger: { on: 'scroll', scroll_pct: 40, paths: ['/checkout*'] },
      color: '#0f7b4a',
    });

    await page.goto(`${collector()}/app/#/surveys?site=${site.site}`);
    const row = page.locator(`tr[data-survey="${id}"]`);
    await row.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row.locator('.status').textContent()).toBe('Paused');
    await expect.poll(async () => (await config()).surveys.map((s) => s.id), { timeout: 20_000 }).not.toContain(id);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives the embed snippet with data-locale and data-touchpoint, and the cx(show) line per survey', async () => {
    const { page, context } = await openConsole(browser, '/embed?site=demo');
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#embed-locale').selectOption('fa');
    await page.locator('#embed-touchpoint').fill('checkout');
    await expect
      .poll(() => page.getByTestId('embed-tag').textContent())
      .toBe(`<script async src="${collector()}/w.js" data-site="demo" data-locale="fa" data-touchpoint="checkout"></script>`);
    await expect.poll(() => page.locator('.snippet-block pre code').first().textContent()).toContain(`cx('show', 'demo-`);
    expect(await page.locator('.snippet-block pre code').first().textContent()).toContain(`{ touchpoint: 'checkout' }`);
    expect(await page.locator('.snippet-block').first().getByRole('button', { name: 'Copy' }).count()).toBe(1);
    await context.close();
  });

  it('erases a user after a confirmation that names what will be removed', async () => {
    const site = await newSite('Erase shop');
    const survey = await api<{ id: string }>(`/v1/admin/sites/${site}/surveys`, ADMIN_TOKEN, { method: 'POST', body: JSON.stringify({ kind: 'csat', question: { en: 'Happy?' } }) });
    for (const score of [2, 5]) {
      const res = await fetch(`${collector()}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://owner.example' },
        body: JSON.stringify({ id: crypto.randomUUID(), site, survey: survey.id, score, user: 'u_gone' }),
      });
      expect(res.status).toBe(201);
    }
    const { page, context } = await openConsole(browser, `/site?site=${site}`);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#erase-user').fill('u_gone');
    await page.getByRole('button', { name: 'Erase…' }).click();
    const what = await page.getByTestId('erase-what').textContent();
    expect(what).toContain('“u_gone”');
    expect(what).toContain('Erase shop');
    expect(what).toContain('cannot be undone');
    await page.getByRole('button', { name: 'Erase the answers of u_gone' }).click();
    await expect.poll(() => page.locator('.done').textContent()).toContain('Answers removed for u_gone: 2');
    await context.close();
  });

  it('lists the read keys by prefix and revokes one with its own button, after a confirmation naming it', async () => {
    const created = await api<{ site: string; read_key: string; prefix: string }>('/v1/admin/sites', ADMIN_TOKEN, {
      method: 'POST',
      body: JSON.stringify({ name: 'Keys shop', origins: ['https://owner.example'] }),
    });
    const second = await api<{ read_key: string; prefix: string }>(`/v1/admin/sites/${created.site}/keys`, ADMIN_TOKEN, { method: 'POST' });
    const scoresWith = (key: string) => fetch(`${collector()}/v1/sites/${created.site}/scores?kind=nps`, { headers: { authorization: `Bearer ${key}` } });
    expect((await scoresWith(second.read_key)).status).toBe(200);

    const { page, context } = await openConsole(browser, `/site?site=${created.site}`);
    await signIn(page, ADMIN_TOKEN);
    const rows = page.locator('tr[data-key]');
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first, each by its prefix only.
    expect(await rows.locator('th code').allTextContents()).toEqual([second.prefix, created.prefix]);
    expect(await page.locator('section.card', { has: page.locator('#keys-title') }).textContent()).not.toContain(second.read_key.slice(13));
    const row = page.locator(`tr[data-key="${second.prefix}"]`);
    expect(await row.locator('.status').textContent()).toBe('Live');
    await row.getByRole('button', { name: `Revoke ${second.prefix}` }).click();
    expect(await page.getByTestId('revoke-confirm-text').textContent()).toContain(second.prefix);
    expect(await axeSerious(page)).toEqual([]);
    await page.locator('dialog').getByRole('button', { name: `Revoke ${second.prefix}` }).click();
    await expect.poll(() => row.locator('.status').textContent()).toMatch(/^Revoked /);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await page.getByText(`Key ${second.prefix} revoked`).count()).toBe(1);
    expect((await scoresWith(second.read_key)).status).toBe(401);
    expect((await scoresWith(created.read_key)).status).toBe(200);
    // The other key keeps its button.
    expect(await page.locator(`tr[data-key="${created.prefix}"]`).getByRole('button', { name: `Revoke ${created.prefix}` }).count()).toBe(1);
    await page.locator('section.card', { has: page.locator('#keys-title') }).screenshot({ path: `${SCREENSHOTS}console-keys-en.png` });
    await context.close();
  });

  it('edits the journey: touchpoints added, moved with the arrows and saved in order', async () => {
    const site = await newSite('Journey shop');
    const { page, context } = await openConsole(browser, `/site?site=${site}`);
    await signIn(page, ADMIN_TOKEN);
    for (const touchpoint of ['checkout', 'landing', 'delivery']) {
      await page.locator('#journey-add').fill(touchpoint);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await page.getByRole('button', { name: 'Move landing earlier' }).click();
    await expect.poll(() => page.locator('.journey-editor .slug').allTextContents()).toEqual(['landing', 'checkout', 'delivery']);
    await page.getByRole('button', { name: 'Save journey' }).click();
    await expect.poll(async () => (await api<{ journey: string[] }>(`/v1/admin/sites/${site}`, ADMIN_TOKEN)).journey).toEqual(['landing', 'checkout', 'delivery']);
    // A slug the API's schema refuses is named before anything is sent.
    const sent = writes(page);
    await page.locator('#journey-add').fill('Not A Slug');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: 'Save journey' }).click();
    await expect.poll(() => page.locator('#journey-error').textContent()).toContain('Not A Slug: must match');
    expect(sent).toEqual([]);
    await context.close();
  });

  it('keeps everything typed when the API refuses an edit', async () => {
    const { page, context } = await openConsole(browser, '/survey?site=demo&id=demo-nps');
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#sv-question-en').waitFor();
    await page.locator('#sv-question-en').fill('A question typed before the refusal');
    // The demo survey has answers: its kind cannot change (409).
    await page.locator('#sv-kind').selectOption('csat');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.error').textContent()).toContain('conflict');
    expect(await page.locator('#sv-question-en').inputValue()).toBe('A question typed before the refusal');
    expect(await page.locator('#sv-kind').inputValue()).toBe('csat');
    await context.close();
  });

  it('previews the real widget as it is typed, in fa right to left with Persian digits, at each step', async () => {
    const { page, context } = await openConsole(browser, '/survey?site=demo&id=new');
    const sent = writes(page);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#sv-question-en').fill('Would you recommend the new checkout?');
    const preview = page.getByTestId('preview');
    await expect.poll(() => preview.locator('#q').textContent()).toBe('Would you recommend the new checkout?');
    await page.getByRole('tab', { name: 'فارسی' }).click();
    await page.locator('#sv-question-fa').fill('پرداخت تازه را پیشنهاد می‌کنید؟');
    await page.locator('#sv-follow_up_low-fa').fill('چه چیزی را بهتر کنیم؟');
    await page.getByRole('group', { name: 'Preview language' }).getByRole('button', { name: 'فارسی' }).click();
    await expect.poll(() => preview.locator('#q').textContent()).toBe('پرداخت تازه را پیشنهاد می‌کنید؟');
    const buttons = preview.locator('.r button');
    expect(await buttons.allTextContents()).toEqual(['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹', '۱۰']);
    expect(await preview.locator('section.cx').getAttribute('dir')).toBe('rtl');
    // Right to left: 0 is the rightmost button.
    const zero = (await buttons.first().boundingBox())!;
    const ten = (await buttons.last().boundingBox())!;
    expect(zero.x).toBeGreaterThan(ten.x);
    // A click on a low score moves the preview to its follow-up; posting nothing.
    await buttons.nth(3).click();
    await expect.poll(() => preview.locator('label.q').textContent()).toBe('چه چیزی را بهتر کنیم؟');
    await page.getByRole('group', { name: 'Step' }).getByRole('button', { name: 'Thanks' }).click();
    await expect.poll(() => preview.locator('#t').textContent()).toBe('سپاسگزاریم!');
    expect(sent).toEqual([]);
    // The widget's constructed stylesheet in the preview needs nothing the console's CSP forbids.
    expect(await violations(page)).toEqual([]);
    await page.locator('.preview').screenshot({ path: `${SCREENSHOTS}console-preview-fa.png` });
    await context.close();
  });

  it('edits reasons (ids, labels per language, several, when), refusing each mistake beside its field, and previews every step', async () => {
    const site = await newSite('Reasons');
    const { page, context } = await openConsole(browser, `/survey?site=${site}&id=new`);
    const sent = writes(page);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#sv-question-en').fill('Would you recommend us?');
    await page.locator('#sv-follow_up_low-en').fill('What went wrong?');
    await page.locator('#sv-follow_up_high-en').fill('What did you love?');
    await page.locator('#sv-thanks-en').fill('Thanks a lot.');
    await page.getByLabel('Ask for reasons after the score').check();
    await page.locator('#sv-reasons-question-en').fill('What is the main reason?');
    for (const [i, id, label] of [[0, 'price', 'Price'], [1, 'delivery', 'Delivery']] as const) {
      await page.locator(`#sv-reason-id-${i}`).fill(id);
      await page.locator(`#sv-reason-label-${i}-en`).fill(label);
    }
    await page.getByRole('button', { name: 'Add a reason' }).click();
    await page.locator('#sv-reason-id-2').fill('price');
    await page.locator('#sv-reason-label-2-en').fill('Quality');
    // The question asked in fa too, its labels not yet.
    await page.getByRole('tab', { name: 'فارسی' }).click();
    await page.locator('#sv-reasons-question-fa').fill('دلیل اصلی چیست؟');
    await page.getByRole('button', { name: 'Create survey' }).click();
    await expect.poll(() => page.locator('#sv-reason-id-2-error').textContent()).toContain('price is used by an earlier option');
    expect(await page.locator('#sv-reason-label-0-error').textContent()).toContain('needs a label in fa');
    expect(await page.locator('#sv-reason-label-0-fa').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
    // The API names the same fields.
    const res = await fetch(`${collector()}/v1/admin/sites/${site}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'nps',
        question: { en: 'Q' },
        reasons: { question: { en: 'Why?', fa: 'چرا؟' }, options: [{ id: 'price', label: { en: 'Price' } }, { id: 'price', label: { en: 'Quality', fa: 'کیفیت' } }] },
      }),
    });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['reasons.options.0.label.fa', 'reasons.options.1.id']);

    for (const [i, label] of ['قیمت', 'ارسال', 'کیفیت'].entries()) await page.locator(`#sv-reason-label-${i}-fa`).fill(label);
    await page.getByRole('tab', { name: 'English' }).click();
    await page.locator('#sv-reason-id-2').fill('quality');
    await page.getByLabel('Visitors may pick several').check();
    await page.locator('#sv-reasons-when').selectOption('low');
    await page.getByRole('button', { name: 'Create survey' }).click();
    await expect.poll(() => page.locator('.saved').textContent()).toContain('Survey created.');
    const surveys = await api<{ surveys: { reasons?: unknown; thanks?: unknown }[] }>(`/v1/admin/sites/${site}/surveys`, ADMIN_TOKEN);
    expect(surveys.surveys[0]!.reasons).toEqual({
      question: { en: 'What is the main reason?', fa: 'دلیل اصلی چیست؟' },
      options: [
        { id: 'price', label: { en: 'Price', fa: 'قیمت' } },
        { id: 'delivery', label: { en: 'Delivery', fa: 'ارسال' } },
        { id: 'quality', label: { en: 'Quality', fa: 'کیفیت' } },
      ],
      multiple: true,
      when: 'low',
    });
    expect(surveys.surveys[0]!.thanks).toEqual({ en: 'Thanks a lot.' });

    // Every step a visitor can meet, as tabs of the preview.
    const steps = page.getByRole('group', { name: 'Step' });
    expect(await steps.getByRole('button').allTextContents()).toEqual(['Score', 'Reasons', 'Follow-up (low)', 'Follow-up (high)', 'Thanks']);
    const preview = page.getByTestId('preview');
    await steps.getByRole('button', { name: 'Reasons' }).click();
    await expect.poll(() => preview.locator('.c button').allTextContents()).toEqual(['Price', 'Delivery', 'Quality']);
    await preview.locator('.c button').nth(1).click();
    // The card is drawn anew after the editor's state changes (an effect, after the next frame).
    await expect.poll(() => preview.locator('.c button').nth(1).getAttribute('aria-pressed')).toBe('true');
    await steps.getByRole('button', { name: 'Follow-up (high)' }).click();
    await expect.poll(() => preview.locator('label.q').textContent()).toBe('What did you love?');
    await steps.getByRole('button', { name: 'Follow-up (low)' }).click();
    await expect.poll(() => preview.locator('label.q').textContent()).toBe('What went wrong?');
    await steps.getByRole('button', { name: 'Thanks' }).click();
    await expect.poll(() => preview.locator('#t').textContent()).toBe('Thanks a lot.');
    // A low score in the preview goes on to the reasons, a high one past them.
    await steps.getByRole('button', { name: 'Score' }).click();
    await preview.locator('.r button').nth(2).click();
    await expect.poll(() => preview.locator('.c button').count()).toBe(3);
    await steps.getByRole('button', { name: 'Score' }).click();
    await preview.locator('.r button').nth(10).click();
    await expect.poll(() => preview.locator('label.q').textContent()).toBe('What did you love?');
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-editor-reasons-en.png`, fullPage: true });
    await context.close();
  });

  it('finds no serious or critical accessibility issue on the survey editor', async () => {
    const { page, context } = await openConsole(browser, '/survey?site=demo&id=demo-nps');
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#sv-question-en').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-editor-en.png`, fullPage: true });
    await context.close();
  });
});

describe('bad input, refused with the field named before and after the API', () => {
  it('refuses an origin that is not scheme://host[:port], naming it beside the field, and sends nothing', async () => {
    const { page, context } = await openConsole(browser, '/sites');
    const sent = writes(page);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#site-name').fill('Bad origins');
    await page.locator('#site-origins').fill('https://ok.example\nshop.example/path');
    await page.getByRole('button', { name: 'Create site' }).click();
    await expect.poll(() => page.locator('#site-origins-error').textContent()).toContain('shop.example/path: must be an origin');
    expect(await page.locator('#site-origins').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
    // The API, sent the same body, names the same field.
    const res = await fetch(`${collector()}/v1/admin/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bad origins', origins: ['https://ok.example', 'shop.example/path'] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['origins.1']);
    await context.close();
  });

  it('refuses an empty question in every locale, a colour that is not hex and a scroll trigger without a depth', async () => {
    const site = await newSite('Bad survey');
    const { page, context } = await openConsole(browser, `/survey?site=${site}&id=new`);
    const sent = writes(page);
    await signIn(page, ADMIN_TOKEN);
    await page.locator('#sv-question-en').fill('   ');
    await page.locator('#sv-color').fill('blue');
    await page.locator('#sv-on').selectOption('scroll');
    await page.getByRole('button', { name: 'Create survey' }).click();
    await expect.poll(() => page.locator('#sv-question-error').textContent()).toContain('must have text in at least one locale');
    expect(await page.locator('#sv-color-error').textContent()).toContain('must be a hex colour');
    expect(await page.locator('#sv-scroll-error').textContent()).toContain('a scroll trigger needs scroll_pct');
    expect(await page.locator('.saved').textContent()).toContain('nothing was sent');
    expect(sent).toEqual([]);
    const res = await fetch(`${collector()}/v1/admin/sites/${site}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'nps', question: {}, color: 'blue', trigger: { on: 'scroll', scroll_pct: null } }),
    });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['color', 'question', 'trigger.scroll_pct']);
    await context.close();
  });

  it('tells a read key that admin views need the admin token', async () => {
    const { page, context } = await openConsole(browser, '/surveys?site=demo');
    const sent = writes(page);
    await signIn(page, DEMO.readKey);
    await expect.poll(() => page.getByTestId('needs-admin').textContent()).toContain('needs the admin token');
    expect(sent).toEqual([]);
    // Still signed in: the analyst views work.
    await page.getByRole('link', { name: 'Scores' }).click();
    await page.getByTestId('score').waitFor();
    await context.close();
  });
});
