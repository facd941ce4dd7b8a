/**
 * What webhooks keep and for how long: erasing an answer deletes its
 * deliveries and tells subscribed webhooks (`response.erased`); settled
 * deliveries are pruned after 30 days; the alerts migration keeps every webhook
 * and delivery, and writes no more rows per answer than before.
 */
import { applyD1Migrations, createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErasedPayload } from '../../shared/schemas/webhook-payload';
import worker from '../../worker/index';
import { MAINTENANCE_CRON, SETTLED_DELIVERY_KEEP_MS } from '../../worker/maintenance';
import { asAdmin, createSite, createSurvey, postResponse, type TestSite } from './helpers';
import { deliveriesOf, receivedBy, sleep, until, webhookToBox } from './webhook-helpers';

const ORIGIN = 'https://shop.example';
const DAY_MS = 24 * 60 * 60 * 1000;
let site: TestSite;
let survey: string;

beforeAll(async () => {
  site = await createSite([ORIGIN]);
  survey = await createSurvey(site.site, 'nps');
});

async function answer(body: Record<string, unknown> = {}): Promise<string> {
  const id = crypto.randomUUID();
  expect((await postResponse({ id, site: site.site, survey, score: 3, ...body }, { origin: ORIGIN })).status).toBe(201);
  return id;
}

const deliveryRows = async (response: string) =>
  (await env.DB.prepare('SELECT webhook, event FROM webhook_deliveries WHERE response = ? ORDER BY webhook, event').bind(response).all<{ webhook: string; event: string }>()).results;

describe('erasing', () => {
  it('one answer deletes its deliveries and sends response.erased ({id, site, survey}) to the webhooks subscribed whose filter it matched', async () => {
    const own = await createSite([ORIGIN]);
    const ownSurvey = await createSurvey(own.site, 'nps');
    const answers = await webhookToBox(own.site); // created and commented: not erased
    const erasures = await webhookToBox(own.site, { events: ['response.erased'] });
    const csatOnly = await webhookToBox(own.site, { events: ['response.erased'], filter: { kinds: ['csat'] } });
    const slack = await webhookToBox(own.site, { events: ['response.created', 'response.erased'], format: 'slack' });
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: own.site, survey: ownSurvey, score: 3, locale: 'fa' }, { origin: ORIGIN })).status).toBe(201);
    await until(async () => expect((await receivedBy(slack.name)).length + (await receivedBy(answers.name)).length).toBe(2));

    expect((await asAdmin('DELETE', `/v1/admin/sites/${own.site}/responses/${id}`)).status).toBe(204);
    // In the same transaction: the answer's deliveries gone, the erasures written.
    expect(await deliveryRows(id)).toEqual([erasures.id, slack.id].sort().map((webhook) => ({ webhook, event: 'response.erased' })));
    const [got] = await until(async () => {
      const received = await receivedBy(erasures.name);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(got!.verified).toBe(true);
    const payload = JSON.parse(got!.body) as ErasedPayload;
    expect(payload).toMatchObject({ type: 'response.erased', data: { id, site: own.site, survey: ownSurvey } });
    expect(Object.keys(payload.data).sort()).toEqual(['id', 'site', 'survey']);
    // Slack is told in the answer's language, and nothing of the answer but its ids.
    await until(async () => expect(await receivedBy(slack.name)).toHaveLength(2));
    const { text } = JSON.parse((await receivedBy(slack.name))[1]!.body) as { text: string };
    expect(text).toContain('پاسخ پاک شد');
    expect(text).toContain(id);
    await sleep(300);
    expect(await receivedBy(csatOnly.name)).toEqual([]);
    expect(await receivedBy(answers.name)).toHaveLength(1);
    expect(await deliveriesOf(own.site, answers.id)).toEqual([]);
  });

  it("a user's answers: each one's deliveries deleted, one response.erased each; other answers untouched", async () => {
    const hook = await webhookToBox(site.site, { events: ['response.created', 'response.erased'] });
    const user = `u_${crypto.randomUUID()}`;
    const theirs = [await answer({ user }), await answer({ user }), await answer({ user })];
    const other = await answer({ user: 'someone-else' });
    await until(async () => expect(await receivedBy(hook.name)).toHaveLength(4));
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${user}`)).status).toBe(200);
    const erased = await until(async () => {
      const received = (await receivedBy(hook.name)).map((r) => JSON.parse(r.body) as ErasedPayload).filter((p) => p.type === 'response.erased');
      expect(received).toHaveLength(3);
      return received;
    });
    expect(erased.map((p) => p.data.id).sort()).toEqual([...theirs].sort());
    for (const id of theirs) expect(await deliveryRows(id)).toEqual([{ webhook: hook.id, event: 'response.erased' }]);
    expect(await deliveryRows(other)).toEqual([{ webhook: hook.id, event: 'response.created' }]);
  });

  it('a site without webhooks writes nothing for an erasure', async () => {
    const plain = await createSite([ORIGIN]);
    const plainSurvey = await createSurvey(plain.site, 'nps');
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: plain.site, survey: plainSurvey, score: 1 }, { origin: ORIGIN })).status).toBe(201);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${plain.site}/responses/${id}`)).status).toBe(204);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE site = ?').bind(plain.site).first<{ n: number }>())!.n).toBe(0);
  });
});

describe('retention', () => {
  async function runMaintenanceCron(now: number): Promise<void> {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: MAINTENANCE_CRON, scheduledTime: now }), env, ctx);
    await waitOnExecutionContext(ctx);
  }

  it('deliveries settled 30 days ago are pruned; pending ones and those settled since are kept', async () => {
    const hook = await webhookToBox(site.site, { events: ['response.created'] }, { answers: [200, 200, 200, 410], then: 410 });
    for (let i = 0; i < 4; i++) await answer();
    const settled = await until(async () => {
      const list = await deliveriesOf(site.site, hook.id);
      expect(list.filter((d) => d.status !== 'pending')).toHaveLength(4);
      return list;
    }, 20_000);
    // Every settled one knows when it settled.
    const times = await env.DB.prepare('SELECT id, status, settled_at FROM webhook_deliveries WHERE webhook = ?').bind(hook.id).all<{ id: string; status: string; settled_at: number | null }>();
    expect(times.results.every((r) => r.settled_at !== null && Math.abs(r.settled_at - Date.now()) < 60_000)).toBe(true);
    expect(times.results.map((r) => r.status).sort()).toEqual(['delivered', 'delivered', 'delivered', 'failed']);

    const now = Date.now();
    const [oldDelivered, oldFailed, recent, stillPending] = [settled.find((d) => d.status === 'delivered')!, settled.find((d) => d.status === 'failed')!, ...settled.filter((d) => d.status === 'delivered').slice(1)];
    const set = (id: string, sql: string, ...values: unknown[]) => env.DB.prepare(`UPDATE webhook_deliveries SET ${sql} WHERE id = ?`).bind(...values, id).run();
    await set(oldDelivered.id, 'settled_at = ?', now - SETTLED_DELIVERY_KEEP_MS - 1000);
    await set(oldFailed.id, 'settled_at = ?', now - SETTLED_DELIVERY_KEEP_MS - DAY_MS);
    await set(recent!.id, 'settled_at = ?', now - SETTLED_DELIVERY_KEEP_MS + 60_000);
    // Pending for a month (its retries stopped being answered): not settled, not pruned.
    await set(stillPending!.id, "status = 'pending', settled_at = NULL, created_at = ?, next_attempt_at = ?", now - 40 * DAY_MS, now + DAY_MS);

    await runMaintenanceCron(now);
    const left = (await deliveriesOf(site.site, hook.id)).map((d) => d.id).sort();
    expect(left).toEqual([recent!.id, stillPending!.id].sort());
  }, 30_000);
});

describe('the alerts migration (0009)', () => {
  /** The statements the ingest and comment routes run, with their meta; a passive answer (a low one also opens its case, 0016). */
  const insertAnswer = (db: D1Database, siteKey: string, surveyId: string, id: string) =>
    db
      .prepare(
        `INSERT INTO responses (id, site, survey, kind, score, comment, commented_at, touchpoint, locale, page, user, meta, country, device, created_at)
         VALUES (?, ?, ?, 'nps', 8, NULL, NULL, 'checkout', 'fa', '/checkout', 'u_1', NULL, 'IR', 'mobile', ?)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
      )
      .bind(id, siteKey, surveyId, Date.now())
      .run();
  const addComment = (db: D1Database, id: string) =>
    db.prepare('UPDATE responses SET comment = ?, commented_at = ? WHERE id = ? AND comment IS NULL RETURNING id').bind('slow', Date.now(), id).run();
  const webhook = (db: D1Database, id: string, siteKey: string, events: string[]) =>
    db
      .prepare(
        `INSERT INTO webhooks (id, site, url, secret, events, format, active, created_at, updated_at)
         VALUES (?, ?, 'https://hooks.example/cx', 'whsec_c2VjcmV0', ?, 'standard', 1, 0, 0)`,
      )
      .bind(id, siteKey, JSON.stringify(events))
      .run();
  const site = (db: D1Database, key: string) =>
    db.batch([
      db.prepare("INSERT INTO sites (key, name, origins, created_at) VALUES (?, 'Shop', '[]', 0)").bind(key),
      db.prepare("INSERT INTO surveys (id, site, kind, definition, active, created_at, updated_at) VALUES (?, ?, 'nps', '{}', 1, 0, 0)").bind(`sv_${key}`, key),
    ]);

  it('keeps every webhook and delivery, and writes per answer with one webhook what it wrote before', async () => {
    const db = env.MIGRATION_DB;
    // Found by its name, so that renumbering it changes nothing here.
    const alerts = env.TEST_MIGRATIONS.find((m) => m.name.endsWith('_alerts.sql'))!.name;
    await applyD1Migrations(db, env.TEST_MIGRATIONS.filter((m) => m.name < alerts));
    await site(db, 'one');
    // The site's touchpoint and locale already known (a new one costs rows of its own), before any webhook.
    await insertAnswer(db, 'one', 'sv_one', crypto.randomUUID());
    await webhook(db, 'wh_one', 'one', ['response.created', 'response.commented']);
    const first = crypto.randomUUID();
    const before = { answer: (await insertAnswer(db, 'one', 'sv_one', first)).meta, comment: (await addComment(db, first)).meta };
    await db.batch([
      db.prepare("UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, delivered_at = 5 WHERE event = 'response.created'"),
      db.prepare("UPDATE webhook_deliveries SET status = 'failed', attempts = 7, last_error = 'answered 500' WHERE event = 'response.commented'"),
    ]);
    const deliveries = (await db.prepare('SELECT * FROM webhook_deliveries ORDER BY id').all()).results;
    const webhooks = (await db.prepare('SELECT * FROM webhooks').all()).results;
    expect(deliveries).toHaveLength(2);

    // Up to this migration only: a later one may change what an answer writes for reasons that are not webhooks.
    await applyD1Migrations(db, env.TEST_MIGRATIONS.filter((m) => m.name <= alerts));

    // Every row kept, with the new columns: settled_at from when it was delivered (failed: its creation).
    const after = (await db.prepare('SELECT * FROM webhook_deliveries ORDER BY id').all()).results;
    expect(after).toEqual(
      deliveries.map((d) => ({ ...d, data: null, settled_at: d.status === 'delivered' ? d.delivered_at : d.created_at })),
    );
    expect((await db.prepare('SELECT * FROM webhooks').all()).results).toEqual(webhooks.map((w) => ({ ...w, telegram_chat_id: null, worker_origin: null })));
    expect((await db.prepare("SELECT complete_after_s FROM sites WHERE key = 'one'").first())).toEqual({ complete_after_s: 120 });

    const second = crypto.randomUUID();
    const now = { answer: (await insertAnswer(db, 'one', 'sv_one', second)).meta, comment: (await addComment(db, second)).meta };
    // The same webhook subscribing to response.completed too: one more row, and its comment moves it.
    await db.prepare("UPDATE webhooks SET events = ? WHERE id = 'wh_one'").bind(JSON.stringify(['response.created', 'response.commented', 'response.completed'])).run();
    const third = crypto.randomUUID();
    const completed = { answer: (await insertAnswer(db, 'one', 'sv_one', third)).meta, comment: (await addComment(db, third)).meta };
    // A chat's usual choice: response.completed alone.
    await db.prepare("UPDATE webhooks SET events = ? WHERE id = 'wh_one'").bind(JSON.stringify(['response.completed'])).run();
    const fourth = crypto.randomUUID();
    const alone = { answer: (await insertAnswer(db, 'one', 'sv_one', fourth)).meta, comment: (await addComment(db, fourth)).meta };
    console.log(
      `[alerts] rows written with one webhook (created, commented): answer ${before.answer.rows_written} before ${alerts}, ${now.answer.rows_written} after; ` +
        `comment ${before.comment.rows_written} → ${now.comment.rows_written}. With response.completed too: answer ${completed.answer.rows_written}, ` +
        `comment ${completed.comment.rows_written}. With response.completed alone: answer ${alone.answer.rows_written}, comment ${alone.comment.rows_written}`,
    );
    expect(alone.answer.rows_written).toBe(before.answer.rows_written);
    expect(now.answer.rows_written).toBe(before.answer.rows_written);
    expect(now.comment.rows_written).toBe(before.comment.rows_written);
    expect(completed.answer.rows_written).toBeGreaterThan(now.answer.rows_written);

    // The tables still hold together: the new CHECKs, and deleting a webhook takes its deliveries.
    await expect(db.prepare("UPDATE webhooks SET format = 'teams' WHERE id = 'wh_one'").run()).rejects.toThrow();
    await expect(db.prepare("UPDATE webhooks SET format = 'telegram' WHERE id = 'wh_one'").run()).rejects.toThrow();
    await db.prepare("UPDATE webhooks SET format = 'telegram', telegram_chat_id = '42' WHERE id = 'wh_one'").run();
    await db.prepare("DELETE FROM webhooks WHERE id = 'wh_one'").run();
    expect((await db.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries').first<{ n: number }>())!.n).toBe(0);
  });
});
