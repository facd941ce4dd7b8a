/**
 * `case.updated` (docs/contract.md §13): a change of a case's status or
 * assignee is posted to the webhooks that subscribe to it, signed as
 * Standard Webhooks, or as a Slack text in the answer's language with a
 * link to the case; never with a note. Erasing the answer takes its
 * undelivered case events with it.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseUpdatedPayload } from '../../shared/schemas/webhook-payload';
import { asAdmin, createSite, createSurvey, json, postResponse, type TestSite } from './helpers';
import { receivedBy, until, webhookToBox } from './webhook-helpers';

let site: TestSite;
let survey: string;

beforeAll(async () => {
  site = await createSite();
  survey = await createSurvey(site.site, 'nps', { name: 'Checkout NPS' });
});

async function answer(score: number, extra: Record<string, unknown> = {}): Promise<string> {
  const id = crypto.randomUUID();
  expect((await postResponse({ id, site: site.site, survey, score, ...extra })).status).toBe(201);
  return id;
}

const patch = (id: string, body: unknown) => asAdmin('PATCH', `/v1/sites/${site.site}/cases/${id}`, body);

describe('case.updated', () => {
  it('is posted signed for each change of status or assignee, with who made it; tags alone and notes send nothing', async () => {
    const hook = await webhookToBox(site.site, { events: ['case.updated'] });
    const id = await answer(1, { touchpoint: 'checkout' });
    expect((await asAdmin('POST', `/v1/sites/${site.site}/cases/${id}/notes`, { text: 'secret note about the refund' })).status).toBe(201);
    expect((await patch(id, { tags: ['refund'] })).status).toBe(200);
    expect((await patch(id, { status: 'contacted' })).status).toBe(200);
    expect((await patch(id, { status: 'resolved' })).status).toBe(200);
    const received = await until(async () => {
      const got = await receivedBy(hook.name);
      expect(got).toHaveLength(2);
      return got;
    });
    const bodies = received.map((r) => JSON.parse(r.body) as CaseUpdatedPayload).sort((a, b) => a.data.status.localeCompare(b.data.status));
    expect(received.every((r) => r.verified)).toBe(true);
    expect(bodies.map((b) => b.type)).toEqual(['case.updated', 'case.updated']);
    expect(bodies.map((b) => b.data)).toEqual([
      { id, site: site.site, status: 'contacted', previous_status: 'open', assignee: null, by: 'admin_token' },
      { id, site: site.site, status: 'resolved', previous_status: 'contacted', assignee: null, by: 'admin_token' },
    ]);
    expect(received.map((r) => r.body).join()).not.toContain('secret note');
  });

  it('a Slack webhook gets the change in the answer\'s language, with the customer and a link to the case', async () => {
    const hook = await webhookToBox(site.site, { events: ['case.updated'], format: 'slack' });
    const id = await answer(3, { locale: 'fa', user: 'u_42', touchpoint: 'delivery' });
    expect((await patch(id, { status: 'contacted' })).status).toBe(200);
    const [got] = await until(async () => {
      const all = await receivedBy(hook.name);
      expect(all).toHaveLength(1);
      return all;
    });
    const text = (JSON.parse(got!.body) as { text: string }).text;
    expect(text).toContain('پرونده به‌روز شد');
    expect(text).toContain('باز → تماس گرفته شد');
    expect(text).toContain('۳');
    expect(text).toContain('u_42');
    expect(text).toMatch(new RegExp(`#/inbox\\?site=${site.site}&amp;case=${id}\\|`));
  });

  it("only for answers the webhook's filters match; erasing the answer deletes its pending case events", async () => {
    const hook = await webhookToBox(site.site, { events: ['case.updated'], filter: { touchpoints: ['checkout'] } });
    const elsewhere = await answer(0, { touchpoint: 'delivery' });
    expect((await patch(elsewhere, { status: 'no_action' })).status).toBe(200);
    const pending = async (id: string) =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE event = 'case.updated' AND json_extract(data, '$.id') = ? AND webhook = ?").bind(id, hook.id).first<{ n: number }>())!.n;
    expect(await pending(elsewhere)).toBe(0);

    // Paused, its events wait in the outbox; the erasure takes them.
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}/webhooks/${hook.id}`, { active: false })).status).toBe(200);
    const id = await answer(0, { touchpoint: 'checkout' });
    await env.DB.prepare("UPDATE webhooks SET active = 1 WHERE id = ?").bind(hook.id).run();
    // Made while the queue cannot take it: the row alone is what erasure must remove.
    await env.DB.prepare("UPDATE cases SET status = 'contacted', version = version + 1, updated_at = ?, updated_by = 'test' WHERE id = ?").bind(Date.now(), id).run();
    expect(await pending(id)).toBe(1);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/${id}`)).status).toBe(204);
    expect(await pending(id)).toBe(0);
    expect(await json(await asAdmin('GET', `/v1/admin/sites/${site.site}/webhooks/${hook.id}`))).toMatchObject({ id: hook.id });
  });
});
