/**
 * `format: "telegram"`: the Bot API's sendMessage posted to the webhook's
 * URL (here a loopback receiver addressed as `/bot<TOKEN>/sendMessage`), the
 * chat from `telegram_chat_id`; the bot token in the URL never listed,
 * returned or logged. Slack's text carries the same facts and link.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebhookRecord } from '../../shared/schemas/webhook';
import type { TelegramPayload } from '../../shared/schemas/webhook-payload';
import { changedTables, storeFingerprint } from '../invariants/store';
import { asAdmin, createSite, createSurvey, json, postJson, postResponse, type TestSite } from './helpers';
import { BOT, botToBox, deliveriesOf, receivedBy, receiver, scriptBox, until, webhookToBox } from './webhook-helpers';

const ORIGIN = 'https://shop.example';
let site: TestSite;
let survey: string;

beforeAll(async () => {
  site = await createSite([ORIGIN]);
  survey = await createSurvey(site.site, 'nps', { name: 'Checkout NPS' });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const base = () => `/v1/admin/sites/${site.site}/webhooks`;

interface ErrorAnswer {
  error: { issues?: { path: string; message: string }[] };
}

async function expectRefused(request: () => Promise<Response>, message: RegExp): Promise<void> {
  const before = await storeFingerprint(env.DB);
  const res = await request();
  expect(res.status).toBe(400);
  const { issues } = (await json<ErrorAnswer>(res)).error;
  expect(issues?.map((i) => i.path)).toEqual(['telegram_chat_id']);
  expect(issues![0]!.message).toMatch(message);
  expect(changedTables(before, await storeFingerprint(env.DB))).toEqual([]);
}

async function answer(body: Record<string, unknown>): Promise<string> {
  const id = crypto.randomUUID();
  expect((await postResponse({ id, site: site.site, survey, score: 2, ...body }, { origin: ORIGIN })).status).toBe(201);
  return id;
}

describe('a telegram webhook', () => {
  it('needs its chat id, and no other format takes one: 400 naming telegram_chat_id, nothing written', async () => {
    const url = 'https://api.telegram.org/bot1:abc/sendMessage';
    await expectRefused(() => asAdmin('POST', base(), { url, format: 'telegram' }), /required for format telegram/);
    await expectRefused(() => asAdmin('POST', base(), { url: 'https://hooks.example/cx', telegram_chat_id: '42' }), /only for format telegram/);
    for (const bad of ['', 'abc', '@ab', '--5', 1.5, true]) {
      await expectRefused(() => asAdmin('POST', base(), { url, format: 'telegram', telegram_chat_id: bad }), /chat id/);
    }
  });

  it('takes a chat id as a number or a string, a channel by @name, and Bale by its base URL', async () => {
    for (const [url, chat, stored] of [
      ['https://api.telegram.org/bot1:abc/sendMessage', -1001234567890, '-1001234567890'],
      ['https://api.telegram.org/bot1:abc/sendMessage', '@shop_alerts', '@shop_alerts'],
      ['https://tapi.bale.ai/bot2:xyz/sendMessage', '5551234', '5551234'],
    ] as const) {
      const res = await asAdmin('POST', base(), { url, format: 'telegram', telegram_chat_id: chat });
      expect(res.status).toBe(201);
      const { id } = await json<{ id: string }>(res);
      expect(await json<WebhookRecord>(await asAdmin('GET', `${base()}/${id}`))).toMatchObject({ format: 'telegram', telegram_chat_id: stored });
      await asAdmin('DELETE', `${base()}/${id}`);
    }
  });

  it('keeps its chat through changes; leaving telegram drops it; a chat for another format is refused', async () => {
    const { id } = await json<{ id: string }>(await asAdmin('POST', base(), { url: `${receiver()}/hooks/x`, format: 'slack' }));
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, { format: 'telegram' }), /required/);
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, { telegram_chat_id: '42' }), /only for format telegram/);
    const on = await asAdmin('PATCH', `${base()}/${id}`, { format: 'telegram', telegram_chat_id: '42' });
    expect(await json<WebhookRecord>(on)).toMatchObject({ format: 'telegram', telegram_chat_id: '42' });
    expect(await json<WebhookRecord>(await asAdmin('PATCH', `${base()}/${id}`, { active: false }))).toMatchObject({ telegram_chat_id: '42' });
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, { telegram_chat_id: null }), /required/);
    expect(await json<WebhookRecord>(await asAdmin('PATCH', `${base()}/${id}`, { format: 'standard' }))).toMatchObject({ format: 'standard', telegram_chat_id: null });
  });

  it('posts sendMessage to /bot<TOKEN>/sendMessage: the chat, HTML-escaped text with customer, touchpoint, page and the console link', async () => {
    const hook = await botToBox(site.site);
    const id = await answer({ locale: 'fa', user: 'u_42', touchpoint: 'checkout', page: '/checkout', comment: 'پیک <b>نیامد</b> & رفت' });
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1); // response.created (the comment came with the answer: no response.commented)
      return received;
    });
    expect(got!.path).toBe(`/bot${BOT}:${hook.name}/sendMessage`);
    expect(got!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(got!.body) as TelegramPayload;
    expect(Object.keys(body).sort()).toEqual(['chat_id', 'parse_mode', 'text']);
    expect(body).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML' });
    expect(body.text).toContain('پیک &lt;b&gt;نیامد&lt;/b&gt; &amp; رفت');
    expect(body.text).toContain('مشتری: \u2068u_42\u2069');
    expect(body.text).toContain('\u2068/checkout\u2069');
    expect(body.text).toContain('\u2068checkout\u2069');
    // The console of the Worker this webhook was set up through, at the comments of this one answer.
    expect(body.text).toContain(`<a href="http://collector.test/app/#/inbox?site=${site.site}&amp;case=${id}">`);
    expect(body.text.replace(/<\/?(b|blockquote)>|<a href="[^"]*">|<\/a>/g, '')).not.toMatch(/[<>]/);
  });

  it('never lists, returns or logs its token: masked in GET and PATCH answers; sent back masked it is kept', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    }
    const hook = await botToBox(site.site, { events: ['response.created'] });
    const token = hook.name;
    const masked = `${receiver()}/bot${BOT}:***/sendMessage`;
    const listed = await (await asAdmin('GET', base())).text();
    expect(listed).not.toContain(token);
    expect((JSON.parse(listed) as { webhooks: WebhookRecord[] }).webhooks.find((w) => w.id === hook.id)!.url).toBe(masked);
    expect((await json<WebhookRecord>(await asAdmin('GET', `${base()}/${hook.id}`))).url).toBe(masked);

    // The console sends the form back whole: the masked URL keeps the real one.
    const patched = await asAdmin('PATCH', `${base()}/${hook.id}`, { url: masked, events: ['response.created'] });
    expect(await patched.text()).not.toContain(token);

    // A refusal that names the bot, then success.
    const refusal = { ok: false, error_code: 400, description: `Bad Request: chat not found (bot${BOT}:${token})` };
    await scriptBox(hook.name, { secret: hook.secret, answers: [400], then: 200, reply: refusal });
    await answer({});
    const [delivery] = await until(async () => {
      const list = await deliveriesOf(site.site, hook.id);
      expect(list[0]?.status).toBe('delivered');
      return list;
    });
    expect(delivery!.attempts).toBe(2);
    const deliveries = await (await asAdmin('GET', `${base()}/${hook.id}/deliveries`)).text();
    expect(deliveries).not.toContain(token);
    // It went to the real URL both times.
    expect((await receivedBy(hook.name)).map((r) => r.path)).toEqual([`/bot${BOT}:${token}/sendMessage`, `/bot${BOT}:${token}/sendMessage`]);
    expect(lines.filter((line) => line.includes(token))).toEqual([]);
  });

  it('keeps the Bot API description of a refusal in last_error, the token masked', async () => {
    const hook = await botToBox(site.site, { events: ['response.created'] });
    const refusal = { ok: false, error_code: 400, description: `Bad Request: chat not found (bot${BOT}:${hook.name})` };
    await scriptBox(hook.name, { secret: hook.secret, then: 400, reply: refusal });
    await answer({});
    const [delivery] = await until(async () => {
      const list = await deliveriesOf(site.site, hook.id);
      expect(list[0]?.last_error).toBeTruthy();
      return list;
    });
    expect(delivery!.last_error).toBe(`answered 400: Bad Request: chat not found (bot${BOT}:***)`);
    // Stop its retries.
    expect((await asAdmin('DELETE', `${base()}/${hook.id}`)).status).toBe(204);
  });
});

describe('a slack webhook', () => {
  it('says who, where and which page, and links to the answer in the console', async () => {
    const hook = await webhookToBox(site.site, { format: 'slack', events: ['response.completed'] });
    const id = await answer({ locale: 'en', user: 'u_9', touchpoint: 'delivery', page: '/orders/17' });
    expect((await postJson(`/v1/responses/${id}/comment`, { site: site.site, comment: 'Late\r\nagain\u2028and again' }, { origin: ORIGIN })).status).toBe(200);
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    const { text } = JSON.parse(got!.body) as { text: string };
    expect(text.split('\n')).toEqual([
      '🔴 New feedback: NPS 2 · Detractor',
      'Customer: \u2068u_9\u2069 · Touchpoint: \u2068delivery\u2069 · Page: \u2068/orders/17\u2069',
      'Survey: \u2068Checkout NPS\u2069',
      '> \u2068Late\u2069',
      '> \u2068again\u2069',
      '> \u2068and again\u2069',
      `<http://collector.test/app/#/inbox?site=${site.site}&amp;case=${id}|Open in the console>`,
    ]);
  });
});
