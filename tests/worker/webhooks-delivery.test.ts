/**
 * Webhook deliveries end to end, in workerd with the real D1 and the real
 * queue (producer and consumer of this Worker): answers posted to the API,
 * deliveries posted to the loopback receiver, which checks every signature
 * with the reference Standard Webhooks library.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../shared/schemas/webhook';
import type { WebhookPayload } from '../../shared/schemas/webhook-payload';
import { MAX_ATTEMPTS } from '../../worker/webhooks/backoff';
import { DELIVERY_TIMEOUT_MS } from '../../worker/webhooks/post';
import { asAdmin, createSite, createSurvey, json, postJson, postResponse, type TestSite } from './helpers';
import { deliveriesOf, receivedBy, scriptBox, sleep, until, webhookToBox } from './webhook-helpers';

const ORIGIN = 'https://shop.example';
// A browser's request: the site's origin, a desktop user agent.
const headers = { origin: ORIGIN, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36' };
let site: TestSite;
let nps: string;

beforeAll(async () => {
  site = await createSite([ORIGIN]);
  nps = await createSurvey(site.site, 'nps', { name: 'Checkout NPS' });
});

async function answer(body: Record<string, unknown>): Promise<string> {
  const id = crypto.randomUUID();
  const res = await postResponse({ id, site: site.site, survey: nps, score: 3, ...body }, headers);
  expect(res.status).toBe(201);
  return id;
}

const payloadOf = (body: string) => JSON.parse(body) as WebhookPayload;

describe('a matching answer', () => {
  it('is posted once, signed as Standard Webhooks says, with the answer as data', async () => {
    const hook = await webhookToBox(site.site);
    const id = await answer({ score: 2, touchpoint: 'checkout', locale: 'fa', page: '/checkout?x=1', user: 'u_42' });
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(got!.verified).toBe(true);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(got!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(got!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const payload = payloadOf(got!.body);
    expect(payload).toMatchObject({
      type: 'response.created',
      data: {
        id, site: site.site, survey: nps, kind: 'nps', score: 2, band: 'detractor', comment: null, touchpoint: 'checkout',
        locale: 'fa', channel: 'web', page: '/checkout', user: 'u_42', device: 'desktop',
      },
    });
    expect(payload.timestamp).toBe(payload.data.created_at);
    await until(async () => {
      const [delivery] = await deliveriesOf(site.site, hook.id);
      expect(delivery).toMatchObject({ id: got!.headers['webhook-id'], event: 'response.created', response: id, status: 'delivered', attempts: 1, last_status: 200, next_attempt_at: null });
      expect(delivery!.delivered_at).not.toBeNull();
    });
  });

  it('sends response.commented when the comment arrives, carrying it; a replayed answer sends nothing new', async () => {
    const hook = await webhookToBox(site.site);
    const id = await answer({ score: 9 });
    await until(async () => expect(await receivedBy(hook.name)).toHaveLength(1));
    // The widget's outbox may send the same answer again: stored once, sent once.
    const replay = await postResponse({ id, site: site.site, survey: nps, score: 9 }, headers);
    expect(replay.status).toBe(200);
    const comment = await postJson(`/v1/responses/${id}/comment`, { site: site.site, comment: 'Fast & friendly <3' }, headers);
    expect(comment.status).toBe(200);
    const received = await until(async () => {
      const all = await receivedBy(hook.name);
      expect(all).toHaveLength(2);
      return all;
    });
    const commented = payloadOf(received[1]!.body);
    expect(commented.type).toBe('response.commented');
    expect(commented.data).toMatchObject({ id, score: 9, band: 'promoter', comment: 'Fast & friendly <3' });
    expect(received[1]!.verified).toBe(true);
    expect(received[1]!.headers['webhook-id']).not.toBe(received[0]!.headers['webhook-id']);
    // Nothing more arrives for the replay.
    await sleep(300);
    expect(await receivedBy(hook.name)).toHaveLength(2);
    expect((await deliveriesOf(site.site, hook.id)).map((d) => d.event).sort()).toEqual(['response.commented', 'response.created']);
  });

  it('with the slack format posts {"text"} in the answer language, right to left marked', async () => {
    const hook = await webhookToBox(site.site, { format: 'slack' });
    await answer({ score: 3, locale: 'fa', touchpoint: 'checkout', comment: 'خیلی کند بود <!channel>' });
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    const { text } = JSON.parse(got!.body) as { text: string };
    expect(Object.keys(JSON.parse(got!.body) as object)).toEqual(['text']);
    expect(text).toContain('\u2067'); // right-to-left isolate around Persian lines
    expect(text).toContain('منتقد'); // "detractor"
    expect(text).toContain('۳'); // the score in Persian digits
    expect(text).toContain('Checkout NPS');
    expect(text).toContain('&lt;!channel&gt;'); // no mention from a visitor's comment
    expect(got!.verified).toBe(true);
  });
});

describe('a receiver that fails', () => {
  it('gets the delivery again with growing delays; after 500, 500 it succeeds on the third attempt', async () => {
    const hook = await webhookToBox(site.site, {}, { answers: [500, 500], then: 200 });
    await answer({ score: 1 });
    const received = await until(async () => {
      const all = await receivedBy(hook.name);
      expect(all.map((r) => r.answered)).toEqual([500, 500, 200]);
      return all;
    });
    expect(received.every((r) => r.verified)).toBe(true);
    // The same webhook-id on every attempt (receivers dedupe on it), a fresh timestamp each time.
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    // Delays grow: base 1 ms, then 5 ms (they are floors; the queue adds its own latency).
    const gaps = [received[1]!.at - received[0]!.at, received[2]!.at - received[1]!.at];
    expect(gaps.every((gap) => gap >= 1)).toBe(true);
    await until(async () => {
      expect(await deliveriesOf(site.site, hook.id)).toMatchObject([{ status: 'delivered', attempts: 3, last_status: 200, last_error: null }]);
    });
    await sleep(200);
    expect(await receivedBy(hook.name)).toHaveLength(3);
  });

  it(`that always fails ends failed after ${MAX_ATTEMPTS} attempts; a manual retry delivers once it recovers`, async () => {
    const hook = await webhookToBox(site.site, {}, { then: 503 });
    await answer({ score: 0 });
    // The whole ladder (1 ms … 3.1 s apart in tests) through the real queue.
    const [failed] = await until(async () => {
      const list = await deliveriesOf(site.site, hook.id);
      expect(list[0]?.status).toBe('failed');
      return list;
    }, 20_000);
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, last_status: 503, next_attempt_at: null, delivered_at: null });
    expect(failed!.last_error).toContain(`failed after ${MAX_ATTEMPTS} attempts`);
    expect(await receivedBy(hook.name)).toHaveLength(MAX_ATTEMPTS);

    // The receiver recovers (and forgets what it received); the admin retries.
    await scriptBox(hook.name, { secret: hook.secret, then: 200 });
    const retried = await asAdmin('POST', `/v1/admin/sites/${site.site}/webhooks/${hook.id}/deliveries/${failed!.id}/retry`);
    expect(retried.status).toBe(202);
    expect(await json<Delivery>(retried)).toMatchObject({ id: failed!.id, status: 'pending', attempts: 0 });
    await until(async () => {
      expect(await deliveriesOf(site.site, hook.id)).toMatchObject([{ id: failed!.id, status: 'delivered', attempts: 1, last_status: 200 }]);
    });
    const after = await receivedBy(hook.name);
    expect(after).toHaveLength(1);
    expect(after[0]!.verified).toBe(true);
    expect(after[0]!.headers['webhook-id']).toBe(failed!.id);
    // A delivered one cannot be retried.
    expect((await asAdmin('POST', `/v1/admin/sites/${site.site}/webhooks/${hook.id}/deliveries/${failed!.id}/retry`)).status).toBe(409);
  }, 30_000);

  it('that does not answer within 10 s gets the delivery again', async () => {
    const hook = await webhookToBox(site.site, {}, { delays: [DELIVERY_TIMEOUT_MS + 500], then: 200 });
    await answer({ score: 5 });
    await until(async () => {
      expect(await deliveriesOf(site.site, hook.id)).toMatchObject([{ status: 'delivered', attempts: 2, last_status: 200 }]);
    }, DELIVERY_TIMEOUT_MS + 8000);
    const received = await receivedBy(hook.name);
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.verified)).toBe(true);
    // The box stamps arrivals by its own clock and the first stamp falls after the request left the
    // Worker: on a loaded machine the gap measures up to a few hundred ms short of the timeout.
    expect(received[1]!.at - received[0]!.at).toBeGreaterThanOrEqual(DELIVERY_TIMEOUT_MS - 1000);
  }, 30_000);

  it('an erased answer is sent no more: its deliveries, retries included, are deleted with it', async () => {
    const hook = await webhookToBox(site.site, {}, { then: 500 });
    const user = `u_${crypto.randomUUID()}`;
    await answer({ score: 4, user });
    await until(async () => expect((await receivedBy(hook.name)).length).toBeGreaterThan(0));
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${user}`)).status).toBe(200);
    expect(await deliveriesOf(site.site, hook.id)).toEqual([]);
    // A retry already queued finds nothing to send.
    const count = (await receivedBy(hook.name)).length;
    await sleep(500);
    expect(await receivedBy(hook.name)).toHaveLength(count);
  });
});

describe('filters', () => {
  it('send exactly the answers that match kinds, score range, touchpoints and events', async () => {
    const own = await createSite([ORIGIN]);
    const npsSurvey = await createSurvey(own.site, 'nps');
    const csatSurvey = await createSurvey(own.site, 'csat');
    const detractorsAtCheckout = await webhookToBox(own.site, { filter: { kinds: ['nps'], min_score: 0, max_score: 6, touchpoints: ['checkout'] } });
    const lowCsat = await webhookToBox(own.site, { filter: { kinds: ['csat'], max_score: 3 } });
    const commentsOnly = await webhookToBox(own.site, { events: ['response.commented'] });
    const everything = await webhookToBox(own.site);
    const paused = await webhookToBox(own.site);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${own.site}/webhooks/${paused.id}`, { active: false })).status).toBe(200);

    const cases = [
      { survey: npsSurvey, score: 6, touchpoint: 'checkout' }, // detractor at checkout
      { survey: npsSurvey, score: 7, touchpoint: 'checkout' }, // passive
      { survey: npsSurvey, score: 0, touchpoint: 'support' }, // elsewhere
      { survey: npsSurvey, score: 0 }, // no touchpoint
      { survey: csatSurvey, score: 3, touchpoint: 'checkout' }, // low CSAT
      { survey: csatSurvey, score: 4, comment: 'fine' }, // high CSAT, comment in the answer
    ];
    const ids: string[] = [];
    for (const c of cases) {
      const id = crypto.randomUUID();
      ids.push(id);
      expect((await postResponse({ id, site: own.site, ...c }, headers)).status).toBe(201);
    }
    expect((await postJson(`/v1/responses/${ids[1]}/comment`, { site: own.site, comment: 'ok' }, headers)).status).toBe(200);

    const sent = async (hook: { name: string }) => (await receivedBy(hook.name)).map((r) => `${payloadOf(r.body).type}:${payloadOf(r.body).data.id}`).sort();
    const expected = (pairs: [string, number][]) => pairs.map(([type, i]) => `${type}:${ids[i]}`).sort();
    await until(async () => {
      expect(await sent(everything)).toEqual(expected([...cases.map((_, i) => ['response.created', i] as [string, number]), ['response.commented', 1]]));
      expect(await sent(detractorsAtCheckout)).toEqual(expected([['response.created', 0]]));
      expect(await sent(lowCsat)).toEqual(expected([['response.created', 4]]));
      expect(await sent(commentsOnly)).toEqual(expected([['response.commented', 1]]));
    });
    await sleep(300);
    expect(await sent(paused)).toEqual([]);
    expect(await sent(detractorsAtCheckout)).toHaveLength(1);
    // Each match is one delivery row, and nothing else was written.
    const { results } = await env.DB.prepare('SELECT webhook, COUNT(*) AS n FROM webhook_deliveries WHERE site = ? GROUP BY webhook').bind(own.site).all<{ webhook: string; n: number }>();
    expect(Object.fromEntries(results.map((r) => [r.webhook, r.n]))).toEqual({
      [everything.id]: 7, [detractorsAtCheckout.id]: 1, [lowCsat.id]: 1, [commentsOnly.id]: 1,
    });
  });
});
