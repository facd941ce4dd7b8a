/** Members and API keys (docs/contract.md §12): their endpoints, their rules, and what the keys then open. */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { membersWithAccess } from '../../worker/db/members';
import { asPerson, newTeam, request } from './access-helpers';
import { asAdmin, call, createSite, json } from './helpers';

type ErrorJson = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
interface MemberJson {
  email: string;
  role: string;
  sites: string[];
  created_at: string;
  last_seen_at: string | null;
}
interface KeyCreated {
  id: string;
  key: string;
  prefix: string;
  name: string;
  scopes: string[];
  sites: string[];
  created_at: string;
}

const uniqueEmail = (who: string) => `${who}.${crypto.randomUUID().slice(0, 8)}@example.com`;
const memberPath = (email: string) => `/v1/admin/members/${encodeURIComponent(email)}`;

afterEach(() => {
  vi.useRealTimers();
});

/** Leave exactly these owners in the table (the last-owner rule counts all of them). */
async function onlyOwners(...emails: string[]): Promise<void> {
  await env.DB.prepare("DELETE FROM members WHERE role = 'owner'").run();
  for (const email of emails) expect((await asAdmin('PUT', memberPath(email), { role: 'owner' })).status).toBe(200);
}

describe('members', () => {
  it('PUT adds a member (email lowercased), GET lists it, PUT changes role and sites, DELETE removes it', async () => {
    const site = await createSite();
    const email = uniqueEmail('Nima');
    const added = await asAdmin('PUT', memberPath(email.toUpperCase()), { role: 'analyst', sites: [site.site] });
    expect(added.status).toBe(200);
    const member = await json<MemberJson>(added);
    expect(member).toMatchObject({ email: email.toLowerCase(), role: 'analyst', sites: [site.site], last_seen_at: null });
    expect(Date.parse(member.created_at)).toBeGreaterThan(Date.now() - 60_000);

    const list = await json<{ members: MemberJson[]; owner_emails: string[] }>(await asAdmin('GET', '/v1/admin/members'));
    expect(list.members.find((m) => m.email === email.toLowerCase())).toEqual(member);
    expect(list.owner_emails).toEqual([]);

    const changed = await json<MemberJson>(await asAdmin('PUT', memberPath(email), { role: 'viewer', sites: ['*'] }));
    expect(changed).toMatchObject({ role: 'viewer', sites: ['*'], created_at: member.created_at });
    expect((await asAdmin('DELETE', memberPath(email))).status).toBe(204);
    expect((await asAdmin('DELETE', memberPath(email))).status).toBe(404);
  });

  it('refuses unknown roles, unknown sites, an owner limited to some sites, and an email that is not one: 400 naming the field, nothing written', async () => {
    const site = await createSite();
    const email = uniqueEmail('bad');
    const cases: [string, unknown, string][] = [
      [email, { role: 'superuser', sites: ['*'] }, 'role'],
      [email, { role: 'analyst', sites: ['nosuchsite'] }, 'sites'],
      [email, { role: 'analyst', sites: [site.site, 'nosuchsite'] }, 'sites'],
      [email, { role: 'analyst', sites: ['*', site.site] }, 'sites'],
      [email, { role: 'analyst', sites: [] }, 'sites'],
      [email, { role: 'analyst' }, 'sites'],
      [email, { role: 'owner', sites: [site.site] }, 'sites'],
      [email, { role: 'viewer', sites: ['*'], admin: true }, 'admin'],
      ['not-an-email', { role: 'viewer', sites: ['*'] }, 'email'],
      ['a@b', { role: 'viewer', sites: ['*'] }, 'email'],
    ];
    for (const [who, body, field] of cases) {
      const res = await asAdmin('PUT', memberPath(who), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await json<ErrorJson>(res);
      expect(error.issues?.map((i) => i.path), JSON.stringify(body)).toContain(field);
    }
    expect((await asAdmin('GET', '/v1/admin/members')).ok).toBe(true);
    const row = await env.DB.prepare('SELECT 1 FROM members WHERE email = ?').bind(email).first();
    expect(row).toBeNull();
  });

  it('keeps the last owner: removing or demoting it is 409 naming role, unless OWNER_EMAILS names an owner', async () => {
    const boss = uniqueEmail('boss');
    await onlyOwners(boss);
    for (const [method, body] of [['DELETE', undefined], ['PUT', { role: 'admin', sites: ['*'] }]] as const) {
      const res = await asAdmin(method, memberPath(boss), body);
      expect(res.status, method).toBe(409);
      const { error } = await json<ErrorJson>(res);
      expect(error.code).toBe('conflict');
      expect(error.issues?.[0]?.path).toBe('role');
    }
    // A second owner: now either may go.
    const deputy = uniqueEmail('deputy');
    expect((await asAdmin('PUT', memberPath(deputy), { role: 'owner' })).status).toBe(200);
    expect((await asAdmin('PUT', memberPath(boss), { role: 'admin', sites: ['*'] })).status).toBe(200);
    expect((await asAdmin('DELETE', memberPath(deputy))).status).toBe(409);
    // With a bootstrap owner in OWNER_EMAILS, the deployment keeps an owner whatever the table says.
    const withBootstrap = { ...env, OWNER_EMAILS: 'founder@example.com' };
    const auth = { authorization: 'Bearer test-admin-token' };
    expect((await request(withBootstrap, 'DELETE', memberPath(deputy), { headers: auth })).status).toBe(204);
    const list = await json<{ owner_emails: string[] }>(await request(withBootstrap, 'GET', '/v1/admin/members', { headers: auth }));
    expect(list.owner_emails).toEqual(['founder@example.com']);
  });

  it('a removed member is refused at the next request (403 not_a_member); a demoted one has the new role at once', async () => {
    const team = await newTeam();
    const site = await createSite();
    const email = uniqueEmail('leaver');
    await asAdmin('PUT', memberPath(email), { role: 'admin', sites: [site.site] });
    const token = await team.token(email);
    expect((await asPerson(team, token, 'GET', `/v1/admin/sites/${site.site}/keys`)).status).toBe(200);
    await asAdmin('PUT', memberPath(email), { role: 'viewer', sites: [site.site] });
    const demoted = await asPerson(team, token, 'GET', `/v1/admin/sites/${site.site}/keys`);
    expect(demoted.status).toBe(403);
    expect((await json<ErrorJson>(demoted)).error.message).toContain('viewer');
    await asAdmin('DELETE', memberPath(email));
    const removed = await asPerson(team, token, 'GET', '/v1/session');
    expect(removed.status).toBe(403);
    expect((await json<ErrorJson>(removed)).error.code).toBe('not_a_member');
  });
});

describe('who reaches a site (for assigning work to people)', () => {
  it('is the members of that site and of every site, and no one else', async () => {
    const site = await createSite();
    const other = await createSite();
    const [mine, everywhere, elsewhere] = [uniqueEmail('mine'), uniqueEmail('everywhere'), uniqueEmail('elsewhere')];
    await asAdmin('PUT', memberPath(mine), { role: 'analyst', sites: [other.site, site.site] });
    await asAdmin('PUT', memberPath(everywhere), { role: 'viewer', sites: ['*'] });
    await asAdmin('PUT', memberPath(elsewhere), { role: 'admin', sites: [other.site] });
    const emails = (await membersWithAccess(env.DB, site.site)).map((m) => m.email);
    expect(emails).toContain(mine);
    expect(emails).toContain(everywhere);
    expect(emails).not.toContain(elsewhere);
    expect(emails).toEqual([...emails].sort());
  });
});

describe('API keys', () => {
  it('are shown once and stored hashed; read what their scope and sites allow, and nothing more', async () => {
    const site = await createSite();
    const other = await createSite();
    const res = await asAdmin('POST', '/v1/admin/api-keys', { name: 'nightly export', scopes: ['read'], sites: [site.site] });
    expect(res.status).toBe(201);
    const created = await json<KeyCreated>(res);
    expect(created).toMatchObject({ name: 'nightly export', scopes: ['read'], sites: [site.site] });
    expect(created.key).toMatch(/^cxk_[0-9a-z]{8}_[0-9a-z]{32}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.id).toMatch(/^ak_[0-9a-z]{16}$/);

    const stored = JSON.stringify(await env.DB.prepare('SELECT * FROM team_api_keys WHERE id = ?').bind(created.id).all());
    expect(stored).not.toContain(created.key.slice(13));
    const { keys } = await json<{ keys: Record<string, unknown>[] }>(await asAdmin('GET', '/v1/admin/api-keys'));
    const listed = keys.find((k) => k.id === created.id)!;
    expect(Object.keys(listed).sort()).toEqual(['created_at', 'created_by', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'scopes', 'sites']);
    expect(listed).toMatchObject({ created_by: 'admin_token', revoked_at: null, last_used_at: null });
    expect(JSON.stringify(keys)).not.toContain(created.key.slice(13));

    const bearer = { authorization: `Bearer ${created.key}` };
    expect((await call(`/v1/sites/${site.site}/scores?kind=nps`, { headers: bearer })).status).toBe(200);
    expect(await json(await call('/v1/session', { headers: bearer }))).toEqual({ role: 'api_key', prefix: created.prefix, scopes: ['read'], sites: [site.site] });
    const elsewhere = await call(`/v1/sites/${other.site}/scores?kind=nps`, { headers: bearer });
    expect(elsewhere.status).toBe(403);
    const manage = await call(`/v1/admin/sites/${site.site}`, { method: 'PATCH', headers: { ...bearer, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(manage.status).toBe(403);
    expect((await json<ErrorJson>(manage)).error.message).toContain('scope manage');
    const keysOfKeys = await call('/v1/admin/api-keys', { headers: bearer });
    expect(keysOfKeys.status).toBe(403);
    expect((await json<ErrorJson>(keysOfKeys)).error.message).toContain('no API key may');
  });

  it('with scope manage, administer their sites; revoked, the next request is 401', async () => {
    const site = await createSite();
    const created = await json<KeyCreated>(await asAdmin('POST', '/v1/admin/api-keys', { name: 'deploy', scopes: ['manage'], sites: [site.site] }));
    const headers = { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' };
    const renamed = await call(`/v1/admin/sites/${site.site}`, { method: 'PATCH', headers, body: '{"name":"Renamed by a script"}' });
    expect(renamed.status).toBe(200);
    // Manage is not read: scores need scope read.
    expect((await call(`/v1/sites/${site.site}/scores?kind=nps`, { headers })).status).toBe(403);
    expect((await asAdmin('DELETE', `/v1/admin/api-keys/${created.id}`)).status).toBe(204);
    expect((await call(`/v1/admin/sites/${site.site}`, { method: 'PATCH', headers, body: '{"name":"Again"}' })).status).toBe(401);
    expect((await asAdmin('DELETE', `/v1/admin/api-keys/${created.id}`)).status).toBe(404);
    const { keys } = await json<{ keys: { id: string; revoked_at: string | null }[] }>(await asAdmin('GET', '/v1/admin/api-keys'));
    expect(keys.find((k) => k.id === created.id)!.revoked_at).not.toBeNull();
  });

  it('refuse unknown scopes and sites, an empty name or list: 400 naming the field', async () => {
    const site = await createSite();
    const cases: [unknown, string][] = [
      [{ name: 'x', scopes: ['write'], sites: [site.site] }, 'scopes.0'],
      [{ name: 'x', scopes: [], sites: [site.site] }, 'scopes'],
      [{ name: 'x', scopes: ['read'], sites: ['nosuchsite'] }, 'sites'],
      [{ name: 'x', scopes: ['read'], sites: [] }, 'sites'],
      [{ name: ' ', scopes: ['read'], sites: ['*'] }, 'name'],
      [{ name: 'x', scopes: ['read'], sites: ['*'], key: 'cxk_mine' }, 'key'],
    ];
    for (const [body, field] of cases) {
      const res = await asAdmin('POST', '/v1/admin/api-keys', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<ErrorJson>(res)).error.issues?.map((i) => i.path), JSON.stringify(body)).toContain(field);
    }
  });

  it("admins manage the keys of their own sites only; owners every key", async () => {
    const team = await newTeam();
    const mine = await createSite();
    const theirs = await createSite();
    const admin = uniqueEmail('siteadmin');
    await asAdmin('PUT', memberPath(admin), { role: 'admin', sites: [mine.site] });
    const token = await team.token(admin);
    const own = await asPerson(team, token, 'POST', '/v1/admin/api-keys', { name: 'mine', scopes: ['read', 'manage'], sites: [mine.site] });
    expect(own.status).toBe(201);
    const ownKey = await json<KeyCreated>(own);
    for (const sites of [[theirs.site], [mine.site, theirs.site], ['*']]) {
      const res = await asPerson(team, token, 'POST', '/v1/admin/api-keys', { name: 'not mine', scopes: ['read'], sites });
      expect(res.status, JSON.stringify(sites)).toBe(403);
      expect((await json<ErrorJson>(res)).error.issues?.[0]?.path).toBe('sites');
    }
    const foreign = await json<KeyCreated>(await asAdmin('POST', '/v1/admin/api-keys', { name: 'owner made', scopes: ['read'], sites: [mine.site, theirs.site] }));
    const { keys } = await json<{ keys: { id: string; created_by: string }[] }>(await asPerson(team, token, 'GET', '/v1/admin/api-keys'));
    expect(keys.map((k) => k.id)).toContain(ownKey.id);
    expect(keys.map((k) => k.id)).not.toContain(foreign.id);
    expect(keys.find((k) => k.id === ownKey.id)!.created_by).toBe(admin);
    expect((await asPerson(team, token, 'DELETE', `/v1/admin/api-keys/${foreign.id}`)).status).toBe(404);
    expect((await asPerson(team, token, 'DELETE', `/v1/admin/api-keys/${ownKey.id}`)).status).toBe(204);
    const { keys: all } = await json<{ keys: { id: string }[] }>(await asAdmin('GET', '/v1/admin/api-keys'));
    expect(all.map((k) => k.id)).toEqual(expect.arrayContaining([ownKey.id, foreign.id]));
  });

  it('note their last use at most once a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const site = await createSite();
    const created = await json<KeyCreated>(await asAdmin('POST', '/v1/admin/api-keys', { name: 'busy', scopes: ['read'], sites: [site.site] }));
    const used = async () => (await env.DB.prepare('SELECT last_used_at FROM team_api_keys WHERE id = ?').bind(created.id).first<{ last_used_at: number | null }>())!.last_used_at;
    const headers = { authorization: `Bearer ${created.key}` };
    const start = Date.now();
    await request(env, 'GET', '/v1/session', { headers });
    expect(await used()).toBe(start);
    vi.setSystemTime(start + 59_000);
    for (let i = 0; i < 5; i++) await request(env, 'GET', '/v1/session', { headers });
    expect(await used()).toBe(start);
    vi.setSystemTime(start + 60_000);
    await request(env, 'GET', '/v1/session', { headers });
    expect(await used()).toBe(start + 60_000);
  });
});
