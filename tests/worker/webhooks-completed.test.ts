/**
 * `response.completed`: one event per answer, when its comment arrives or
 * when the site's complete_after_s passes without one, through the real
 * queue (its delay is what sends it in a local run, where no Cron Trigger
 * fires), never twice however the comment, the delayed message, copies of it
 * and the sweep meet.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../shared/schemas/site';
import type { WebhookPayload } from '../../shared/schemas/webhook-payload';
import { isoUtc } from '../../shared/time';
import worker from '../../worker/index';
import { asAdmin, createSite, createSurvey, json, postJson, postResponse, type TestSite } from './helpers';
import { receivedBy, sleep, until, webhookToBox, type CreatedWebhook } from './webhook-helpers';

const ORIGIN = 'https://shop.example';
const payloadOf = (body: string) => JSON.parse(body) as WebhookPayload;

async function siteWithSurvey(): Promise<{ site: TestSite; survey: string }> {
  const site = await createSite([ORIGIN]);
  return { site, survey: await createSurvey(site.site, 'nps') };
}

async function answer(site: string, survey: string, body: Record<string, unknown> = {}): Promise<{ id: string; at: number }> {
  const id = crypto.randomUUID();
  const at = Date.now();
  const res = await postResponse({ id, site, survey, score: 2, user: 'u_7', touchpoint: 'checkout', ...body }, { origin: ORIGIN });
  expect(res.status).toBe(201);
  return { id, at };
}

const comment = (site: string, id: string, text: string) => postJson(`/v1/responses/${id}/comment`, { site, comment: text }, { origin: ORIGIN });

/** What box `hook` received of one event type. */
async function eventsOf(hook: CreatedWebhook, type: string) {
  return (await receivedBy(hook.name)).filter((r) => payloadOf(r.body).type === type);
}

async function completedRows(siteKey: string): Promise<{ response: string; status: string; attempts: number }[]> {
  const { results } = await env.DB.prepare("SELECT response, status, attempts FROM webhook_deliveries WHERE site = ? AND event = 'response.completed'")
    .bind(siteKey)
    .all<{ response: string; status: string; attempts: number }>();
  return results;
}

describe("the site's complete_after_s", () => {
  it('defaults to 120 and takes 10 to 3600 whole seconds; anything else is a 400 naming it, and changes nothing', async () => {
    const { site } = await siteWithSurvey();
    expect(await json<Site>(await asAdmin('GET', `/v1/admin/sites/${site.site}`))).toMatchObject({ complete_after_s: 120 });
    for (const bad of [9, 3601, 12.5, '60', null]) {
      const res = await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { complete_after_s: bad });
      expect(res.status).toBe(400);
      expect((await json<{ error: { issues: { path: string }[] } }>(res)).error.issues.map((i) => i.path)).toEqual(['complete_after_s']);
    }
    expect(await json<Site>(await asAdmin('GET', `/v1/admin/sites/${site.site}`))).toMatchObject({ complete_after_s: 120 });
    const set = await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { complete_after_s: 10 });
    expect(await json<Site>(set)).toMatchObject({ complete_after_s: 10 });
    expect((await json<Site>(await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { complete_after_s: 3600 }))).complete_after_s).toBe(3600);
  });
});

describe('response.completed', () => {
  it('is sent once when the comment arrives, carrying it, long before complete_after_s', async () => {
    const { site, survey } = await siteWithSurvey();
    const hook = await webhookToBox(site.site, { events: ['response.completed'] });
    const { id } = await answer(site.site, survey);
    await sleep(200);
    expect(await receivedBy(hook.name)).toEqual([]);
    expect((await comment(site.site, id, 'The courier never came')).status).toBe(200);
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    const payload = payloadOf(got!.body);
    expect(got!.verified).toBe(true);
    expect(payload).toMatchObject({ type: 'response.completed', data: { id, score: 2, band: 'detractor', comment: 'The courier never came', user: 'u_7', touchpoint: 'checkout' } });
    // Its time is the comment's (the answer's own is in data).
    const times = await env.DB.prepare(
      "SELECT d.created_at AS event_at, r.commented_at FROM webhook_deliveries AS d JOIN responses AS r ON r.id = d.response WHERE d.response = ? AND d.event = 'response.completed'",
    ).bind(id).first<{ event_at: number; commented_at: number }>();
    expect(times!.event_at).toBe(times!.commented_at);
    expect(payload.timestamp).toBe(isoUtc(times!.commented_at));
    // Only the event it subscribes to: nothing for created or commented.
    await sleep(300);
    expect(await receivedBy(hook.name)).toHaveLength(1);
    expect(await completedRows(site.site)).toEqual([{ response: id, status: 'delivered', attempts: 1 }]);
  });

  it('is sent at once when the answer brings its comment', async () => {
    const { site, survey } = await siteWithSurvey();
    const hook = await webhookToBox(site.site, { events: ['response.completed'] });
    const { id } = await answer(site.site, survey, { comment: 'all in one' });
    await until(async () => expect((await eventsOf(hook, 'response.completed')).map((r) => payloadOf(r.body).data)).toMatchObject([{ id, comment: 'all in one' }]));
  });

  it(
    'without a comment, is sent once complete_after_s has passed, with comment null, by the queue delay alone (no sweep); early copies wait',
    async () => {
      const { site, survey } = await siteWithSurvey();
      expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { complete_after_s: 10 })).status).toBe(200);
      const hook = await webhookToBox(site.site, { events: ['response.created', 'response.completed'] });
      const { id, at } = await answer(site.site, survey);
      // Copies of its message that come early go back to the queue for the rest of the wait.
      const waiting = await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE response = ? AND event = 'response.completed'").bind(id).first<{ id: string }>();
      await env.WEBHOOKS.sendBatch([{ body: { delivery: waiting!.id } }, { body: { delivery: waiting!.id }, delaySeconds: 3 }]);
      // response.created at once; response.completed not yet.
      await until(async () => expect(await eventsOf(hook, 'response.created')).toHaveLength(1));
      await sleep(8000);
      expect(await eventsOf(hook, 'response.completed')).toEqual([]);
      const [got] = await until(async () => {
        const received = await eventsOf(hook, 'response.completed');
        expect(received).toHaveLength(1);
        return received;
      }, 10_000);
      expect(got!.at - at).toBeGreaterThanOrEqual(10_000 - 1000);
      const payload = payloadOf(got!.body);
      expect(payload.data).toMatchObject({ id, comment: null, user: 'u_7' });
      expect(Date.parse(payload.timestamp) - Date.parse(payload.data.created_at)).toBe(10_000);
      // A late comment is response.commented's business (not subscribed here); completed stays sent once.
      expect((await comment(site.site, id, 'too late')).status).toBe(200);
      await sleep(500);
      expect(await eventsOf(hook, 'response.completed')).toHaveLength(1);
    },
    30_000,
  );

  it('is sent once when the comment, the delayed message, copies of it and the sweep all meet at the deadline', async () => {
    const { site, survey } = await siteWithSurvey();
    const hook = await webhookToBox(site.site, { events: ['response.completed'] });
    const answers = await Promise.all(Array.from({ length: 12 }, () => answer(site.site, survey)));
    // Half are due in half a second (inside a claim's early slack: a copy may take one before its
    // comment lands, or the comment may bring it forward first); half were due a minute ago (the sweep's).
    const now = Date.now();
    const due = (a: { id: string }, i: number) =>
      env.DB.prepare(`UPDATE webhook_deliveries SET next_attempt_at = ?1, created_at = ?1 WHERE response = ?2 AND event = 'response.completed'`)
        .bind(i % 4 < 2 ? now + 500 : now - 61_000, a.id);
    await env.DB.batch(answers.map(due));
    const ids = (await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE site = ? AND event = 'response.completed'").bind(site.site).all<{ id: string }>()).results.map((r) => r.id);
    expect(ids).toHaveLength(answers.length);

    const sweep = async () => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    const copies = () => env.WEBHOOKS.sendBatch(ids.map((delivery) => ({ body: { delivery } })));
    // Every other answer gets its comment in the same moment; everything at once.
    await Promise.all([
      ...answers.filter((_, i) => i % 2 === 0).map((a) => comment(site.site, a.id, `comment ${a.id}`)),
      copies(), copies(), copies(), sweep(),
    ]);
    const received = await until(async () => {
      const all = await eventsOf(hook, 'response.completed');
      expect(all).toHaveLength(answers.length);
      return all;
    });
    await sleep(1000);
    expect(await eventsOf(hook, 'response.completed')).toHaveLength(answers.length);
    // One per answer, each with the comment or null as it stood when it was sent.
    const byAnswer = new Map(received.map((r) => [payloadOf(r.body).data.id, payloadOf(r.body).data.comment]));
    expect([...byAnswer.keys()].sort()).toEqual(answers.map((a) => a.id).sort());
    for (const [i, a] of answers.entries()) expect([null, ...(i % 2 === 0 ? [`comment ${a.id}`] : [])]).toContain(byAnswer.get(a.id));
    expect((await completedRows(site.site)).every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
  });

  it('a webhook that does not subscribe to it writes no completed row; one that does, one row per answer', async () => {
    const { site, survey } = await siteWithSurvey();
    await webhookToBox(site.site);
    const hook = await webhookToBox(site.site, { events: ['response.completed'], filter: { max_score: 6 } });
    await answer(site.site, survey, { score: 9 });
    const { id } = await answer(site.site, survey, { score: 3 });
    const { results } = await env.DB.prepare("SELECT webhook, response FROM webhook_deliveries WHERE site = ? AND event = 'response.completed'").bind(site.site).all();
    expect(results).toEqual([{ webhook: hook.id, response: id }]);
  });
});
