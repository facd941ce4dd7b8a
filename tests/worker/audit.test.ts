/** The audit log (docs/contract.md §12): one entry per successful admin write, in the write's own transaction. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schemas/team';
import { auditStatement } from '../../worker/db/audit';
import { insertSite } from '../../worker/db/sites';
import { runMaintenance } from '../../worker/maintenance';
import { asPerson, newTeam, request } from './access-helpers';
import { ADMIN_TOKEN, asAdmin, call, createSite, createSurvey, json, postResponse } from './helpers';
import { webhookToBox } from './webhook-helpers';

interface Page {
  entries: AuditEntry[];
  next_cursor: string | null;
}

const uniqueEmail = (who: string) => `${who}.${crypto.randomUUID().slice(0, 8)}@example.com`;

async function entryCount(): Promise<number> {
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM audit_log').first<{ n: number }>())!.n;
}

async function audit(query: Record<string, string> = {}): Promise<Page> {
  const res = await asAdmin('GET', `/v1/admin/audit?${new URLSearchParams(query)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return json<Page>(res);
}

describe('every admin write leaves one entry', () => {
  it('names the actor, the action, the site, the target and the changed fields, newest first', async () => {
    const start = await entryCount();
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { sample_pct: 25, active: true, question: { en: 'How was it (nps)?', fa: 'چطور بود؟' } });
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { journey: ['checkout'], name: 'Test shop' });
    const minted = await json<{ prefix: string }>(await asAdmin('POST', `/v1/admin/sites/${site.site}/keys`));
    await asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/${minted.prefix}`);
    const expected: [string, string | null, string[]][] = [
      ['read_key.revoked', minted.prefix, []],
      ['read_key.created', minted.prefix, []],
      // The name did not change: only the journey is named.
      ['site.updated', site.site, ['journey']],
      // Only what differs: the question and `active` were sent as they were.
      ['survey.updated', survey, ['sample_pct']],
      ['survey.created', survey, ['kind', 'question']],
      ['site.created', site.site, ['name', 'origins']],
    ];
    expect(await entryCount()).toBe(start + expected.length);
    const { entries } = await audit({ site: site.site });
    expect(entries.map((e) => [e.action, e.target, e.fields])).toEqual(expected);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ kind: 'admin_token' });
      expect(entry.site).toBe(site.site);
      expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    const ids = entries.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
  });

  it("names touchpoints' labels when they change, and not when the same labels are sent again; never the labels", async () => {
    const site = await createSite();
    const labels = { checkout: { en: 'Checkout', fa: 'پرداخت' } };
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: labels })).status).toBe(200);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { touchpoint_labels: labels, name: 'Labelled' })).status).toBe(200);
    const { entries } = await audit({ site: site.site, action: 'site.updated' });
    expect(entries.map((e) => e.fields)).toEqual([['name'], ['touchpoint_labels']]);
    expect(JSON.stringify(entries)).not.toContain('پرداخت');
  });

  it('names the cooldown when it changes, and not when the same days are sent again', async () => {
    const site = await createSite();
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: 14 })).status).toBe(200);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: 14, name: 'Cooled' })).status).toBe(200);
    expect((await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { cooldown_days: 0 })).status).toBe(200);
    const { entries } = await audit({ site: site.site, action: 'site.updated' });
    expect(entries.map((e) => e.fields)).toEqual([['cooldown_days'], ['name'], ['cooldown_days']]);
  });

  it("names a survey's reasons, thanks, touchpoint and style when they change, not when sent again; never their words", async () => {
    const site = await createSite();
    const reasons = { question: { en: 'Main reason?', fa: 'دلیل اصلی؟' }, options: [{ id: 'price', label: { en: 'Price', fa: 'قیمت' } }, { id: 'speed', label: { en: 'Speed', fa: 'سرعت' } }] };
    const extras = { reasons, thanks: { en: 'Thank you, truly', fa: 'سپاس فراوان' }, touchpoint: 'checkout', style: 'faces' };
    const survey = await createSurvey(site.site, 'csat', extras);
    const path = `/v1/admin/sites/${site.site}/surveys/${survey}`;
    expect((await asAdmin('PATCH', path, { ...extras, sample_pct: 50 })).status).toBe(200);
    const relabelled = { ...reasons, options: [reasons.options[0], { id: 'speed', label: { en: 'Delivery time', fa: 'زمان ارسال' } }] };
    expect((await asAdmin('PATCH', path, { reasons: relabelled, thanks: { en: 'Thanks!' }, touchpoint: null, style: 'numbers' })).status).toBe(200);
    // Refused (faces are for CSAT alone): nothing changes, nothing is logged.
    expect((await asAdmin('PATCH', path, { kind: 'nps', style: 'faces' })).status).toBe(400);
    const { entries } = await audit({ site: site.site, action: 'survey' });
    expect(entries.map((e) => [e.action, [...e.fields].sort()])).toEqual([
      ['survey.updated', ['reasons', 'style', 'thanks', 'touchpoint']],
      ['survey.updated', ['sample_pct']],
      ['survey.created', ['kind', 'question', 'reasons', 'style', 'thanks', 'touchpoint']],
    ]);
    const logged = JSON.stringify((await env.DB.prepare('SELECT * FROM audit_log WHERE site = ?').bind(site.site).all()).results);
    for (const words of ['Main reason', 'قیمت', 'Delivery time', 'سپاس', 'Thanks!', 'checkout']) expect(logged, words).not.toContain(words);
  });

  it('signs entries with the member (email) or the API key (prefix) that made the change', async () => {
    const team = await newTeam();
    const site = await createSite();
    const email = uniqueEmail('auditor');
    await asAdmin('PUT', `/v1/admin/members/${email}`, { role: 'admin', sites: [site.site] });
    expect((await asPerson(team, await team.token(email), 'PATCH', `/v1/admin/sites/${site.site}`, { name: 'By a member' })).status).toBe(200);
    const key = await json<{ key: string; prefix: string }>(await asAdmin('POST', '/v1/admin/api-keys', { name: 'ci', scopes: ['manage'], sites: [site.site] }));
    const byKey = await call(`/v1/admin/sites/${site.site}`, { method: 'PATCH', headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' }, body: '{"name":"By a key"}' });
    expect(byKey.status).toBe(200);
    const { entries } = await audit({ site: site.site, action: 'site.updated' });
    expect(entries.map((e) => e.actor)).toEqual([{ kind: 'api_key', key: key.prefix }, { kind: 'member', email }]);
    expect((await audit({ actor: email.toUpperCase() })).entries.map((e) => e.action)).toEqual(['site.updated']);
    expect((await audit({ actor: key.prefix })).entries.map((e) => e.action)).toEqual(['site.updated']);
  });

  it('covers webhooks, erasing, links, value slots, members and API keys, and never keeps a secret, a key, a comment or a user id', async () => {
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const comment = `a private comment ${crypto.randomUUID()}`;
    const user = `user-${crypto.randomUUID()}`;
    const answer = crypto.randomUUID();
    expect((await postResponse({ id: answer, site: site.site, survey, score: 3, comment, user })).status).toBe(201);
    const other = crypto.randomUUID();
    expect((await postResponse({ id: other, site: site.site, survey, score: 9, touchpoint: 'kiosk' })).status).toBe(201);
    const hook = await json<{ id: string; secret: string }>(await asAdmin('POST', `/v1/admin/sites/${site.site}/webhooks`, { url: 'https://hooks.example/cx' }));
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}/webhooks/${hook.id}`, { active: false, url: 'https://hooks.example/cx' });
    await asAdmin('DELETE', `/v1/admin/sites/${site.site}/webhooks/${hook.id}`);
    await asAdmin('POST', `/v1/admin/sites/${site.site}/surveys/${survey}/links`, { recipients: [{ user }] });
    expect(await json(await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/${user}`))).toEqual({ user, deleted: 1 });
    // An erase that finds no answer still stops that id's links: it is a write, and logged.
    expect(await json(await asAdmin('DELETE', `/v1/admin/sites/${site.site}/users/nobody`))).toEqual({ user: 'nobody', deleted: 0 });
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/${other}`)).status).toBe(204);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/touchpoint/kiosk`)).status).toBe(204);
    const email = uniqueEmail('newcomer');
    await asAdmin('PUT', `/v1/admin/members/${email}`, { role: 'viewer', sites: [site.site] });
    await asAdmin('PUT', `/v1/admin/members/${email}`, { role: 'analyst', sites: [site.site] });
    await asAdmin('DELETE', `/v1/admin/members/${email}`);
    const key = await json<{ id: string; key: string; prefix: string }>(await asAdmin('POST', '/v1/admin/api-keys', { name: 'one site', scopes: ['read'], sites: [site.site] }));
    await asAdmin('DELETE', `/v1/admin/api-keys/${key.id}`);

    const { entries } = await audit({ limit: '200' });
    const mine = entries.filter((e) => e.site === site.site || e.target === email);
    expect(mine.map((e) => [e.action, e.target, e.fields]).slice(0, 14)).toEqual([
      ['api_key.revoked', key.prefix, []],
      ['api_key.created', key.prefix, ['name', 'scopes', 'sites']],
      ['member.removed', email, []],
      ['member.updated', email, ['role']],
      ['member.added', email, ['role', 'sites']],
      ['value.freed', 'kiosk', ['touchpoint']],
      ['response.erased', other, []],
      ['user.erased', null, []],
      ['user.erased', null, []],
      ['links.minted', survey, ['recipients']],
      ['webhook.deleted', hook.id, []],
      ['webhook.updated', hook.id, ['active']],
      ['webhook.created', hook.id, ['url']],
      ['survey.created', survey, ['kind', 'question']],
    ]);
    // Member changes belong to no one site.
    expect(mine.filter((e) => e.action.startsWith('member.')).every((e) => e.site === null)).toBe(true);

    const everything = JSON.stringify((await env.DB.prepare('SELECT * FROM audit_log').all()).results);
    for (const secret of [site.readKey, site.readKey.slice(13), hook.secret, hook.secret.slice(6), key.key, key.key.slice(13), comment, user, ADMIN_TOKEN]) {
      expect(everything, secret).not.toContain(secret);
    }
  });
});

describe('a webhook test', () => {
  it('is logged with its webhook, beside the test delivery it queues', async () => {
    const site = await createSite();
    const hook = await webhookToBox(site.site);
    expect((await asAdmin('POST', `/v1/admin/sites/${site.site}/webhooks/${hook.id}/test`, { locale: 'fa' })).status).toBe(202);
    const { entries } = await audit({ site: site.site, action: 'webhook' });
    expect(entries.map((e) => [e.action, e.target, e.fields])).toEqual([
      ['webhook.tested', hook.id, ['locale']],
      ['webhook.created', hook.id, expect.arrayContaining(['url'])],
    ]);
  });
});

describe('nothing refused reaches the audit log', () => {
  it('bad bodies, unknown ids, roles that may not, the last owner, a revoked key', async () => {
    const team = await newTeam();
    const site = await createSite();
    const survey = await createSurvey(site.site, 'nps');
    const viewer = uniqueEmail('viewer');
    await asAdmin('PUT', `/v1/admin/members/${viewer}`, { role: 'viewer', sites: [site.site] });
    await env.DB.prepare("DELETE FROM members WHERE role = 'owner'").run();
    const owner = uniqueEmail('lastowner');
    await asAdmin('PUT', `/v1/admin/members/${owner}`, { role: 'owner' });
    const before = await entryCount();
    const refused: Promise<Response>[] = [
      asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { name: '' }),
      asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/${survey}`, { sample_pct: 101 }),
      asAdmin('PATCH', `/v1/admin/sites/${site.site}/surveys/sv_nope`, { active: false }),
      asAdmin('DELETE', `/v1/admin/sites/${site.site}/keys/cxr_00000000`),
      asAdmin('DELETE', `/v1/admin/sites/${site.site}/responses/${crypto.randomUUID()}`),
      asAdmin('DELETE', `/v1/admin/members/${owner}`),
      asAdmin('PUT', `/v1/admin/members/${owner}`, { role: 'viewer', sites: ['*'] }),
      asAdmin('DELETE', '/v1/admin/api-keys/ak_0000000000000000'),
      asAdmin('DELETE', `/v1/admin/sites/${site.site}/values/touchpoint/nowhere`),
      asAdmin('POST', `/v1/admin/sites/${site.site}/webhooks`, { url: 'https://10.0.0.1/' }),
      asPerson(team, await team.token(viewer), 'PATCH', `/v1/admin/sites/${site.site}`, { name: 'Viewer was here' }),
      call(`/v1/admin/sites/${site.site}`, { method: 'PATCH', headers: { authorization: `Bearer ${site.readKey}`, 'content-type': 'application/json' }, body: '{"name":"x"}' }),
    ];
    for (const res of await Promise.all(refused)) expect(res.status, await res.text()).toBeGreaterThanOrEqual(400);
    expect(await entryCount()).toBe(before);
  });

  it('a write that fails leaves no entry: the entry is in the same transaction', async () => {
    const site = await createSite();
    const before = await entryCount();
    const entry = { at: Date.now(), actor: { kind: 'admin_token' as const }, action: 'site.created' as const, site: site.site, target: site.site, fields: [] };
    // The same site key again: the batch fails on its first statement, and takes the entry with it.
    await expect(insertSite(env.DB, { key: site.site, name: 'Twice', origins: [], readKey: { prefix: 'cxr_twice000', hash: '0'.repeat(64) } }, Date.now(), entry)).rejects.toThrow();
    expect(await entryCount()).toBe(before);
    // The statement alone does write (so the count above could have moved).
    await auditStatement(env.DB, entry).run();
    expect(await entryCount()).toBe(before + 1);
  });
});

describe('GET /v1/admin/audit', () => {
  it('filters by site, actor and action (or a family of actions), and pages by cursor without gaps or repeats', async () => {
    const site = await createSite();
    for (let i = 0; i < 4; i++) await createSurvey(site.site, 'csat');
    await asAdmin('PATCH', `/v1/admin/sites/${site.site}`, { name: 'Paged' });
    const all = (await audit({ site: site.site })).entries;
    expect(all.map((e) => e.action)).toEqual(['site.updated', 'survey.created', 'survey.created', 'survey.created', 'survey.created', 'site.created']);
    expect((await audit({ site: site.site, action: 'survey' })).entries).toHaveLength(4);
    expect((await audit({ site: site.site, action: 'site.updated' })).entries).toHaveLength(1);
    expect((await audit({ site: site.site, actor: 'admin_token' })).entries).toHaveLength(6);
    expect((await audit({ site: site.site, actor: 'nobody@example.com' })).entries).toHaveLength(0);

    const paged: AuditEntry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await audit({ site: site.site, limit: '4', ...(cursor ? { cursor } : {}) });
      paged.push(...page.entries);
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(paged).toEqual(all);
  });

  it('refuses odd queries with 400 naming the parameter', async () => {
    for (const [query, field] of [[{ action: 'survey.burned' }, 'action'], [{ cursor: 'abc' }, 'cursor'], [{ limit: '0' }, 'limit'], [{ site: '../x' }, 'site'], [{ colour: 'red' }, 'colour']] as const) {
      const res = await asAdmin('GET', `/v1/admin/audit?${new URLSearchParams(query)}`);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(JSON.stringify(await res.json()), JSON.stringify(query)).toContain(field);
    }
  });

  it("shows an admin its own sites' entries only, never the team's; owners see everything", async () => {
    const team = await newTeam();
    const mine = await createSite();
    const theirs = await createSite();
    const admin = uniqueEmail('siteadmin');
    await asAdmin('PUT', `/v1/admin/members/${admin}`, { role: 'admin', sites: [mine.site] });
    const token = await team.token(admin);
    const page = await json<Page>(await asPerson(team, token, 'GET', '/v1/admin/audit?limit=200'));
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.site === mine.site)).toBe(true);
    expect((await asPerson(team, token, 'GET', `/v1/admin/audit?site=${theirs.site}`)).status).toBe(403);
    const owner = uniqueEmail('owner');
    await asAdmin('PUT', `/v1/admin/members/${owner}`, { role: 'owner' });
    const everything = await json<Page>(await asPerson(team, await team.token(owner), 'GET', '/v1/admin/audit?limit=200'));
    expect(everything.entries.some((e) => e.site === theirs.site)).toBe(true);
    expect(everything.entries.some((e) => e.action === 'member.added' && e.target === admin)).toBe(true);
  });
});

describe('retention', () => {
  it('the maintenance cron prunes entries older than AUDIT_RETENTION_DAYS (default 365)', async () => {
    const now = Date.now();
    const day = 86_400_000;
    const entry = (daysAgo: number, target: string) => ({ at: now - daysAgo * day, actor: { kind: 'admin_token' as const }, action: 'site.updated' as const, site: 'retention', target, fields: [] });
    for (const [daysAgo, target] of [[400, 'old'], [300, 'last-year'], [20, 'recent']] as const) await auditStatement(env.DB, entry(daysAgo, target)).run();
    const targets = async () => (await env.DB.prepare("SELECT target FROM audit_log WHERE site = 'retention' ORDER BY at").all<{ target: string }>()).results.map((r) => r.target);
    await runMaintenance(env, now);
    expect(await targets()).toEqual(['last-year', 'recent']);
    await runMaintenance({ ...env, AUDIT_RETENTION_DAYS: '30' }, now);
    expect(await targets()).toEqual(['recent']);
    // No endpoint edits or deletes an entry.
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST']) expect((await request(env, method, '/v1/admin/audit', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(404);
  });
});
