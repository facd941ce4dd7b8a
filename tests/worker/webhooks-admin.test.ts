/**
 * The webhook admin endpoints: what an admin creates, lists, changes and
 * deletes; secrets shown once; bad input refused with the field named and
 * nothing changed; unknown ids 404; everything behind the admin token.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_WEBHOOKS_PER_SITE, type WebhookRecord } from '../../shared/schemas/webhook';
import { app } from '../../worker/app';
import { ADMIN_TOKEN, asAdmin, call, createSite, createSurvey, json, postResponse, type TestSite } from './helpers';
import { changedTables, storeFingerprint } from '../invariants/store';
import { deliveriesOf, receivedBy, receiver, until, webhookToBox } from './webhook-helpers';

const ORIGIN = 'https://shop.example';
let site: TestSite;

beforeAll(async () => {
  site = await createSite([ORIGIN]);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const base = (s = site.site) => `/v1/admin/sites/${s}/webhooks`;
const hookUrl = () => `${receiver()}/hooks/${crypto.randomUUID()}`;

interface ErrorAnswer {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

/** A 400 naming `path`, and no table changed. */
async function expectRefused(request: () => Promise<Response>, path: string, code = 'invalid_body'): Promise<ErrorAnswer> {
  const before = await storeFingerprint(env.DB);
  const res = await request();
  const body = await json<ErrorAnswer>(res);
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(body.error.code).toBe(code);
  expect(body.error.issues?.map((i) => i.path)).toContain(path);
  expect(changedTables(before, await storeFingerprint(env.DB))).toEqual([]);
  return body;
}

/** The Worker as deployed to production (https only; a long admin token). */
const PRODUCTION_TOKEN = 'p'.repeat(40);
function inProduction(method: string, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(
      `http://collector.test${path}`,
      { method, headers: { authorization: `Bearer ${PRODUCTION_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) },
      { ...env, ENVIRONMENT: 'production', ADMIN_TOKEN: PRODUCTION_TOKEN },
    ),
  );
}

describe('creating and managing a webhook', () => {
  it('shows the secret once; lists, reads, changes and deletes it', async () => {
    const url = hookUrl();
    const created = await asAdmin('POST', base(), { url, filter: { kinds: ['nps'], max_score: 6, touchpoints: ['checkout', 'checkout'] } });
    expect(created.status).toBe(201);
    const { id, secret } = await json<{ id: string; secret: string }>(created);
    expect(id).toMatch(/^wh_[0-9a-z]{16}$/);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/); // 32 random bytes

    const listed = await asAdmin('GET', base());
    const listText = await listed.text();
    expect(listText).not.toContain(secret.slice(6));
    const { webhooks } = JSON.parse(listText) as { webhooks: WebhookRecord[] };
    expect(webhooks).toEqual([
      {
        id, url, events: ['response.created', 'response.commented'], filter: { kinds: ['nps'], max_score: 6, touchpoints: ['checkout'] },
        format: 'standard', telegram_chat_id: null, active: true, health: 'ok', created_at: expect.any(String), updated_at: expect.any(String),
      },
    ]);

    const patched = await asAdmin('PATCH', `${base()}/${id}`, { events: ['response.commented'], filter: { min_score: 9 }, format: 'slack', active: false });
    expect(patched.status).toBe(200);
    const record = await json<WebhookRecord>(patched);
    expect(record).toMatchObject({ id, url, events: ['response.commented'], filter: { min_score: 9 }, format: 'slack', active: false });
    expect(JSON.stringify(record)).not.toContain(secret.slice(6));
    expect(await json(await asAdmin('GET', `${base()}/${id}`))).toEqual(record);

    expect((await asAdmin('DELETE', `${base()}/${id}`)).status).toBe(204);
    expect((await asAdmin('GET', `${base()}/${id}`)).status).toBe(404);
    expect((await asAdmin('DELETE', `${base()}/${id}`)).status).toBe(404);
  });

  it('deleting a webhook deletes its deliveries', async () => {
    const own = await createSite([ORIGIN]);
    const survey = await createSurvey(own.site, 'nps');
    const hook = await webhookToBox(own.site);
    expect((await postResponse({ site: own.site, survey, score: 5 }, { origin: ORIGIN })).status).toBe(201);
    await until(async () => expect(await deliveriesOf(own.site, hook.id)).toHaveLength(1));
    expect((await asAdmin('DELETE', `${base(own.site)}/${hook.id}`)).status).toBe(204);
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook = ?').bind(hook.id).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it('never writes a secret to the logs', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    }
    const own = await createSite([ORIGIN]);
    const survey = await createSurvey(own.site, 'nps');
    const hook = await webhookToBox(own.site, {}, { answers: [500], then: 200 });
    expect((await postResponse({ site: own.site, survey, score: 1 }, { origin: ORIGIN })).status).toBe(201);
    await until(async () => expect((await receivedBy(hook.name)).map((r) => r.answered)).toEqual([500, 200]));
    await asAdmin('GET', base(own.site));
    expect(lines.filter((line) => line.includes(hook.secret.slice(6)) || line.includes('whsec_'))).toEqual([]);
  });
});

describe('bad input', () => {
  it('an http URL in production: 400 naming url', async () => {
    const body = await expectRefused(() => inProduction('POST', base(), { url: 'http://hooks.example/cx' }), 'url');
    expect(body.error.message).toContain('https');
    // The same rule on a change.
    const { id } = await json<{ id: string }>(await inProduction('POST', base(), { url: 'https://hooks.example/cx' }));
    await expectRefused(() => inProduction('PATCH', `${base()}/${id}`, { url: 'http://hooks.example/cx' }), 'url');
    // The local run's loopback exception does not exist in production.
    await expectRefused(() => inProduction('POST', base(), { url: 'http://127.0.0.1:8080/cx' }), 'url');
    await expectRefused(() => inProduction('POST', base(), { url: 'https://localhost/cx' }), 'url');
  });

  it.each([
    'https://10.0.0.1/cx', 'https://192.168.1.20/', 'https://172.16.0.1/', 'https://169.254.169.254/latest/meta-data/',
    'https://100.64.0.1/', 'https://[::1]/', 'https://[fd00::1]/', 'https://[fe80::1]/', 'https://[::ffff:10.0.0.1]/',
    'https://0x7f.1/', 'https://2130706433/', 'https://0177.0.0.1/', 'https://0.0.0.0/', 'https://metadata.google.internal/',
    'https://printer.local/', 'https://intranet/', 'https://224.0.0.1/',
  ])('a private, loopback or link-local destination (%s): 400 naming url', async (url) => {
    const body = await expectRefused(() => inProduction('POST', base(), { url }), 'url');
    expect(body.error.message).toMatch(/^url: must not point to/);
  });

  it('the local run refuses private destinations too (only 127.0.0.1 and localhost are let through)', async () => {
    for (const url of ['https://10.0.0.1/cx', 'https://169.254.169.254/', 'https://[::1]/', 'https://printer.local/']) {
      await expectRefused(() => asAdmin('POST', base(), { url }), 'url');
    }
  });

  it('the local run allows http only to 127.0.0.1 and localhost', async () => {
    await expectRefused(() => asAdmin('POST', base(), { url: 'http://hooks.example/cx' }), 'url');
    await expectRefused(() => asAdmin('POST', base(), { url: 'http://10.0.0.1/cx' }), 'url');
    for (const url of ['http://127.0.0.1:9/cx', 'http://localhost:9/cx']) {
      const res = await asAdmin('POST', base(), { url });
      expect(res.status).toBe(201);
      await asAdmin('DELETE', `${base()}/${(await json<{ id: string }>(res)).id}`);
    }
  });

  it.each([
    [{ url: 'https://hooks.example/cx', events: ['response.deleted'] }, 'events.0'],
    [{ url: 'https://hooks.example/cx', events: [] }, 'events'],
    [{ url: 'https://hooks.example/cx', filter: { min_score: 7, max_score: 6 } }, 'filter.max_score'],
    [{ url: 'https://hooks.example/cx', filter: { min_score: 11 } }, 'filter.min_score'],
    [{ url: 'https://hooks.example/cx', filter: { kinds: ['eNPS'] } }, 'filter.kinds.0'],
    [{ url: 'https://hooks.example/cx', filter: { touchpoints: ['Check Out'] } }, 'filter.touchpoints.0'],
    [{ url: 'https://hooks.example/cx', filter: { channel: 'web' } }, 'filter.channel'],
    [{ url: 'https://hooks.example/cx', format: 'teams' }, 'format'],
    [{ url: 'https://hooks.example/cx', secret: 'whsec_mine' }, 'secret'],
    [{ url: 'ftp://hooks.example/cx' }, 'url'],
    [{ url: 'https://user:pass@hooks.example/cx' }, 'url'],
    [{ url: 'hooks.example/cx' }, 'url'],
    [{}, 'url'],
  ])('%j: 400 naming %s', async (body, path) => {
    await expectRefused(() => asAdmin('POST', base(), body), path);
  });

  it('a change that would leave an empty range, or changes nothing: 400', async () => {
    const { id } = await json<{ id: string }>(await asAdmin('POST', base(), { url: hookUrl() }));
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, { filter: { min_score: 9, max_score: 3 } }), 'filter.max_score');
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, { url: 'https://[::ffff:127.0.0.1]/' }), 'url');
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, { active: 'no' }), 'active');
    await expectRefused(() => asAdmin('PATCH', `${base()}/${id}`, {}), '');
    await expectRefused(() => call(`${base()}/${id}/deliveries?limit=0`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }), 'limit', 'invalid_query');
  });

  it(`more than ${MAX_WEBHOOKS_PER_SITE} webhooks for a site: 400 naming the site`, async () => {
    const own = await createSite([ORIGIN]);
    for (let i = 0; i < MAX_WEBHOOKS_PER_SITE; i++) expect((await asAdmin('POST', base(own.site), { url: hookUrl() })).status).toBe(201);
    const body = await expectRefused(() => asAdmin('POST', base(own.site), { url: hookUrl() }), 'site');
    expect(body.error.message).toContain(String(MAX_WEBHOOKS_PER_SITE));
  });
});

describe('unknown ids and access', () => {
  it('unknown sites, webhooks and deliveries: 404', async () => {
    const { id } = await json<{ id: string }>(await asAdmin('POST', base(), { url: hookUrl() }));
    const other = await createSite([ORIGIN]);
    const paths: [string, string][] = [
      ['GET', '/v1/admin/sites/no-such-site/webhooks'],
      ['GET', `${base()}/wh_0000000000000000`],
      ['GET', `${base()}/not-an-id`],
      ['PATCH', `${base()}/wh_0000000000000000`],
      ['DELETE', `${base()}/wh_0000000000000000`],
      ['GET', `${base()}/wh_0000000000000000/deliveries`],
      ['GET', `${base(other.site)}/${id}`], // another site's webhook
      ['POST', `${base()}/${id}/deliveries/msg_00000000000000000000000000000000/retry`],
      ['POST', `${base()}/${id}/deliveries/not-a-delivery/retry`],
    ];
    for (const [method, path] of paths) {
      const res = await asAdmin(method, path, method === 'PATCH' ? { active: false } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it('a pending delivery cannot be retried by hand: 409', async () => {
    const own = await createSite([ORIGIN]);
    const survey = await createSurvey(own.site, 'nps');
    const hook = await webhookToBox(own.site, {}, { then: 500 });
    expect((await postResponse({ site: own.site, survey, score: 5 }, { origin: ORIGIN })).status).toBe(201);
    const [pending] = await until(async () => {
      const list = await deliveriesOf(own.site, hook.id);
      expect(list[0]?.status).toBe('pending');
      return list;
    });
    expect((await asAdmin('POST', `${base(own.site)}/${hook.id}/deliveries/${pending!.id}/retry`)).status).toBe(409);
    // Stop its retries before the receiver closes.
    expect((await asAdmin('DELETE', `${base(own.site)}/${hook.id}`)).status).toBe(204);
  });

  it('everything needs the admin role or scope manage: none gets 401, a read key (a viewer) 403', async () => {
    const { id } = await json<{ id: string }>(await asAdmin('POST', base(), { url: hookUrl() }));
    const attempts: [string, string][] = [
      ['POST', base()],
      ['GET', base()],
      ['GET', `${base()}/${id}`],
      ['PATCH', `${base()}/${id}`],
      ['DELETE', `${base()}/${id}`],
      ['GET', `${base()}/${id}/deliveries`],
      ['POST', `${base()}/${id}/deliveries/msg_00000000000000000000000000000000/retry`],
    ];
    for (const [method, path] of attempts) {
      for (const headers of [{}, { authorization: `Bearer ${site.readKey}` }] as Record<string, string>[]) {
        const res = await call(path, { method, headers: { ...headers, 'content-type': 'application/json' }, body: method === 'POST' || method === 'PATCH' ? '{}' : undefined });
        expect(res.status, `${method} ${path}`).toBe(headers.authorization ? 403 : 401);
      }
    }
    expect((await asAdmin('GET', `${base()}/${id}`)).status).toBe(200);
  });
});
