/**
 * `POST …/webhooks/{id}/test`: a signed `webhook.test` through the same
 * outbox and queue as any delivery; and `health` in the list: `failing` once
 * the last 5 settled deliveries all failed.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_WINDOW, type Delivery, type WebhookRecord } from '../../shared/schemas/webhook';
import type { TestPayload } from '../../shared/schemas/webhook-payload';
import { changedTables, storeFingerprint } from '../invariants/store';
import { asAdmin, call, createSite, json, type TestSite } from './helpers';
import { botToBox, deliveriesOf, receivedBy, scriptBox, sleep, until, webhookToBox } from './webhook-helpers';

let site: TestSite;
beforeAll(async () => {
  site = await createSite();
});

const base = (s = site.site) => `/v1/admin/sites/${s}/webhooks`;
const sendTest = (id: string, body?: unknown) => asAdmin('POST', `${base()}/${id}/test`, body);
const healthOf = async (id: string) => (await json<{ webhooks: WebhookRecord[] }>(await asAdmin('GET', base()))).webhooks.find((w) => w.id === id)!.health;

describe('a test of a webhook', () => {
  it('is accepted (202, the pending delivery) and arrives signed as webhook.test with the site and webhook', async () => {
    // It subscribes to comments only: a test goes whatever the events.
    const hook = await webhookToBox(site.site, { events: ['response.commented'] });
    const res = await sendTest(hook.id);
    expect(res.status).toBe(202);
    const delivery = await json<Delivery>(res);
    expect(delivery).toMatchObject({ event: 'webhook.test', response: null, status: 'pending', attempts: 0 });
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(got!.verified).toBe(true);
    expect(got!.headers['webhook-id']).toBe(delivery.id);
    const payload = JSON.parse(got!.body) as TestPayload;
    expect(payload).toEqual({ type: 'webhook.test', timestamp: delivery.created_at, data: { site: site.site, webhook: hook.id } });
    await until(async () => expect(await deliveriesOf(site.site, hook.id)).toMatchObject([{ id: delivery.id, event: 'webhook.test', status: 'delivered', attempts: 1 }]));
  });

  it('reaches a paused webhook too (to try it before switching it on)', async () => {
    const hook = await webhookToBox(site.site);
    await asAdmin('PATCH', `${base()}/${hook.id}`, { active: false });
    expect((await sendTest(hook.id)).status).toBe(202);
    await until(async () => expect((await receivedBy(hook.name)).map((r) => r.verified)).toEqual([true]));
  });

  it('in a chat, is written in the language asked for', async () => {
    const hook = await botToBox(site.site);
    expect((await sendTest(hook.id, { locale: 'fa' })).status).toBe(202);
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    const { text } = JSON.parse(got!.body) as { text: string };
    expect(text).toContain('پیام آزمایشی');
    expect(text).toContain(hook.id);
    expect(text).toContain(`<a href="http://collector.test/app/#/deliveries?site=${site.site}&amp;id=${hook.id}">`);
  });

  it('of an unknown webhook is 404, with a bad body 400, without a credential 401 and with a read key (a viewer) 403; none writes anything', async () => {
    const hook = await webhookToBox(site.site);
    const other = await createSite();
    const before = await storeFingerprint(env.DB);
    expect((await sendTest('wh_0000000000000000')).status).toBe(404);
    expect((await asAdmin('POST', `${base(other.site)}/${hook.id}/test`)).status).toBe(404);
    const bad = await sendTest(hook.id, { locale: 'not a tag', extra: 1 });
    expect(bad.status).toBe(400);
    expect((await call(`${base()}/${hook.id}/test`, { method: 'POST' })).status).toBe(401);
    expect((await call(`${base()}/${hook.id}/test`, { method: 'POST', headers: { authorization: `Bearer ${site.readKey}` } })).status).toBe(403);
    expect(changedTables(before, await storeFingerprint(env.DB))).toEqual([]);
    await sleep(200);
    expect(await receivedBy(hook.name)).toEqual([]);
  });
});

describe('health', () => {
  it(`is ok until the last ${HEALTH_WINDOW} settled deliveries all failed, then failing; one success makes it ok again`, async () => {
    const hook = await webhookToBox(site.site, {}, { then: 410 });
    expect(await healthOf(hook.id)).toBe('ok');
    // Fewer than five failures: still ok.
    for (let i = 0; i < HEALTH_WINDOW - 1; i++) expect((await sendTest(hook.id)).status).toBe(202);
    const settled = (n: number) =>
      until(async () => expect((await deliveriesOf(site.site, hook.id)).filter((d) => d.status === 'failed')).toHaveLength(n), 20_000);
    await settled(HEALTH_WINDOW - 1);
    expect(await healthOf(hook.id)).toBe('ok');
    expect((await sendTest(hook.id)).status).toBe(202);
    await settled(HEALTH_WINDOW);
    expect(await healthOf(hook.id)).toBe('failing');
    // GET of one webhook says so too.
    expect((await json<WebhookRecord>(await asAdmin('GET', `${base()}/${hook.id}`))).health).toBe('failing');
    // A pending delivery does not count either way.
    await scriptBox(hook.name, { secret: hook.secret, then: 200 });
    expect((await sendTest(hook.id)).status).toBe(202);
    await until(async () => expect((await deliveriesOf(site.site, hook.id))[0]!.status).toBe('delivered'));
    expect(await healthOf(hook.id)).toBe('ok');
  }, 40_000);
});
