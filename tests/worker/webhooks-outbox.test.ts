/**
 * The outbox: what must be delivered is written with the answer, so a lost
 * queue send costs a delay, never a delivery; and sites without webhooks pay
 * nothing for it.
 */
import { applyD1Migrations, createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { SWEEP_AFTER_MS } from '../../worker/webhooks/sweep';
import { createSite, createSurvey, postResponse, type TestSite } from './helpers';
import { deliveriesOf, receivedBy, sleep, until, webhookToBox } from './webhook-helpers';

const ORIGIN = 'https://shop.example';
let site: TestSite;
let survey: string;

beforeAll(async () => {
  site = await createSite([ORIGIN]);
  survey = await createSurvey(site.site, 'nps');
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The Cron Trigger, as Cloudflare runs it. */
async function runSweep(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Move the site's pending deliveries back in time, as if `ms` had passed since they were due. */
async function letTimePass(siteKey: string, ms: number): Promise<void> {
  await env.DB.prepare("UPDATE webhook_deliveries SET next_attempt_at = next_attempt_at - ? WHERE site = ? AND status = 'pending'").bind(ms, siteKey).run();
}

describe('a queue send that fails after the answer is stored', () => {
  it('loses nothing: the sweep sends the delivery once it is overdue', async () => {
    const hook = await webhookToBox(site.site);
    // The crash: the answer is committed (with its outbox row), the send to the queue fails.
    const send = vi.spyOn(env.WEBHOOKS, 'sendBatch').mockRejectedValue(new Error('queue unavailable'));
    const id = crypto.randomUUID();
    expect((await postResponse({ id, site: site.site, survey, score: 2 }, { origin: ORIGIN })).status).toBe(201);
    await until(async () => expect(send).toHaveBeenCalled());
    send.mockRestore();

    await sleep(300);
    expect(await receivedBy(hook.name)).toEqual([]);
    expect(await deliveriesOf(site.site, hook.id)).toMatchObject([{ response: id, status: 'pending', attempts: 0 }]);

    // Not overdue yet: the sweep leaves it (its message could still be on its way).
    await runSweep();
    await sleep(300);
    expect(await receivedBy(hook.name)).toEqual([]);

    // A minute later, it is taken as lost and sent.
    await letTimePass(site.site, SWEEP_AFTER_MS + 1000);
    await runSweep();
    const [got] = await until(async () => {
      const received = await receivedBy(hook.name);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(got!.verified).toBe(true);
    expect((JSON.parse(got!.body) as { data: { id: string } }).data.id).toBe(id);
    await until(async () => expect(await deliveriesOf(site.site, hook.id)).toMatchObject([{ status: 'delivered', attempts: 1 }]));

    // Delivered deliveries are not swept again.
    await letTimePass(site.site, SWEEP_AFTER_MS + 1000);
    await runSweep();
    await sleep(300);
    expect(await receivedBy(hook.name)).toHaveLength(1);
  });

  it('a webhook created moments ago (another isolate still caching "no webhooks") is covered by the same sweep', async () => {
    const own = await createSite([ORIGIN]);
    const ownSurvey = await createSurvey(own.site, 'csat');
    // Rows written straight into D1, as an isolate with a stale cache leaves them: stored, never queued.
    const id = crypto.randomUUID();
    const hook = await webhookToBox(own.site);
    await env.DB.prepare(
      `INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, created_at)
       VALUES (?, ?, ?, 'csat', 2, '', '', '', 'desktop', ?)`,
    ).bind(id, own.site, ownSurvey, Date.now() - SWEEP_AFTER_MS - 1000).run();
    await runSweep();
    await until(async () => expect((await receivedBy(hook.name)).map((r) => r.verified)).toEqual([true]));
  });
});

describe('rows written per answer', () => {
  /** The statement the ingest route runs (worker/db/responses.ts), with its meta. */
  /** A passive answer: a low one also opens its follow-up case (0016_cases.sql), which is not what this measures. */
  async function insertAnswer(db: D1Database, siteKey: string, surveyId: string): Promise<D1Meta> {
    const now = Date.now();
    const { meta } = await db
      .prepare(
        `INSERT INTO responses (id, site, survey, kind, score, comment, commented_at, touchpoint, locale, page, user, meta, country, device, created_at)
         VALUES (?, ?, ?, 'nps', 8, NULL, NULL, 'checkout', 'fa', '/checkout', 'u_1', NULL, 'IR', 'mobile', ?)
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
      )
      .bind(crypto.randomUUID(), siteKey, surveyId, now)
      .run();
    return meta;
  }

  it('for a site without webhooks are exactly those of the schema without the webhook triggers', async () => {
    await applyD1Migrations(env.BASELINE_DB, env.TEST_MIGRATIONS);
    await env.BASELINE_DB.prepare('DROP TRIGGER responses_webhooks_created').run();
    const plain = await createSite([ORIGIN]);
    const plainSurvey = await createSurvey(plain.site, 'nps');
    // Other sites do have webhooks here (this file made several).
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM webhooks').first<{ n: number }>())!.n).toBeGreaterThan(0);

    const before = await insertAnswer(env.BASELINE_DB, plain.site, plainSurvey);
    const now = await insertAnswer(env.DB, plain.site, plainSurvey);
    console.log(`[webhooks] rows written per answer: ${before.rows_written} without the webhook triggers, ${now.rows_written} with them (site without webhooks); rows read ${before.rows_read} → ${now.rows_read}`);
    expect(before.rows_written).toBeGreaterThan(0);
    expect(now.rows_written).toBe(before.rows_written);
  });

  it('for a site with a matching webhook grow by its delivery row', async () => {
    const own = await createSite([ORIGIN]);
    const ownSurvey = await createSurvey(own.site, 'nps');
    // The first answer registers its touchpoint and locale; the two measured ones find them known.
    await insertAnswer(env.DB, own.site, ownSurvey);
    const without = await insertAnswer(env.DB, own.site, ownSurvey);
    await webhookToBox(own.site);
    const withOne = await insertAnswer(env.DB, own.site, ownSurvey);
    console.log(`[webhooks] rows written per answer with one matching webhook: ${withOne.rows_written} (${without.rows_written} without)`);
    expect(withOne.rows_written).toBeGreaterThan(without.rows_written);
  });
});
