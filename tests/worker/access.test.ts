/**
 * Signing in through Cloudflare Access (docs/contract.md §12): assertions
 * signed by the test's own Access stand-in (node:crypto), verified by the
 * Worker against that team's JWKS on loopback. Each test has its own team,
 * so its own key cache and fetch count.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUD, asPerson, newTeam, request } from './access-helpers';
import { asAdmin, createSite, json } from './helpers';

type ErrorJson = { error: { code: string; message: string } };

async function addMember(email: string, role: string, sites?: string[]): Promise<void> {
  const res = await asAdmin('PUT', `/v1/admin/members/${encodeURIComponent(email)}`, sites ? { role, sites } : { role });
  expect(res.status, await res.clone().text()).toBe(200);
}

const uniqueEmail = (who: string) => `${who}.${crypto.randomUUID().slice(0, 8)}@example.com`;

async function refusal(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = await json<ErrorJson>(res);
  return { status: res.status, code: body.error.code, message: body.error.message };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a valid assertion', () => {
  it('signs in a member: GET /v1/session names the email (lowercased), role and sites', async () => {
    const team = await newTeam();
    const site = await createSite();
    const email = uniqueEmail('ana');
    await addMember(email, 'analyst', [site.site]);
    const res = await asPerson(team, await team.token(email.toUpperCase()), 'GET', '/v1/session');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ role: 'member', email, member_role: 'analyst', sites: [site.site] });
    // The member reads its site's scores.
    const scores = await asPerson(team, await team.token(email), 'GET', `/v1/sites/${site.site}/scores?kind=nps`);
    expect(scores.status).toBe(200);
  });

  it('accepts an audience list that holds ours, and a clock 59 s off either way', async () => {
    // The clock stands still, so the leeway's edge is exact.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const team = await newTeam();
    const email = uniqueEmail('clock');
    await addMember(email, 'viewer', ['*']);
    const now = Math.floor(Date.now() / 1000);
    for (const claims of [{ aud: ['another-app', AUD] }, { exp: now - 59 }, { nbf: now + 59 }, { aud: AUD }]) {
      const res = await asPerson(team, await team.token(email, claims), 'GET', '/v1/session');
      expect(res.status, JSON.stringify(claims)).toBe(200);
    }
  });

  it('a verified email that is no member is 403 not_a_member; OWNER_EMAILS are owners without being members', async () => {
    const stranger = uniqueEmail('stranger');
    const boss = uniqueEmail('boss');
    const team = await newTeam({ OWNER_EMAILS: ` ${boss.toUpperCase()} , other@example.com` });
    const refused = await refusal(await asPerson(team, await team.token(stranger), 'GET', '/v1/session'));
    expect(refused).toMatchObject({ status: 403, code: 'not_a_member' });
    expect(refused.message).toContain(stranger);
    const owner = await asPerson(team, await team.token(boss), 'GET', '/v1/session');
    expect(await json(owner)).toEqual({ role: 'member', email: boss, member_role: 'owner', sites: ['*'] });
  });

  it('a bearer token is judged alone: with an assertion beside it, the token decides', async () => {
    const team = await newTeam();
    const site = await createSite();
    const email = uniqueEmail('both');
    await addMember(email, 'owner');
    const assertion = await team.token(email);
    const withReadKey = await request(team.env, 'GET', '/v1/session', { headers: { authorization: `Bearer ${site.readKey}`, 'cf-access-jwt-assertion': assertion } });
    expect(await json(withReadKey)).toEqual({ role: 'reader', site: site.site });
    const withWrongToken = await request(team.env, 'GET', '/v1/session', { headers: { authorization: 'Bearer not-a-key', 'cf-access-jwt-assertion': assertion } });
    expect(withWrongToken.status).toBe(401);
  });
});

describe('assertions refused with 401 and the reason', () => {
  it('missing, garbage, or over 8 KiB (refused before it is parsed: no JWKS fetch)', async () => {
    const team = await newTeam();
    const email = uniqueEmail('bad');
    await addMember(email, 'viewer', ['*']);
    const missing = await refusal(await request(team.env, 'GET', '/v1/session'));
    expect(missing).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(missing.message).toContain('Cf-Access-Jwt-Assertion');
    const padded = await team.token(email, { padding: 'x'.repeat(9000) });
    const oversized = await refusal(await asPerson(team, padded, 'GET', '/v1/session'));
    expect(oversized).toMatchObject({ status: 401 });
    expect(oversized.message).toContain('8192 bytes');
    expect(await team.fetches()).toBe(0);
    for (const garbage of ['garbage', 'a.b.c', `${btoa('{"alg":"RS256"}')}..`, 'eyJhbGciOiJSUzI1NiJ9.eyJ9.x', `${'a'.repeat(4000)}.${'b'.repeat(4000)}.c`]) {
      const res = await refusal(await asPerson(team, garbage, 'GET', '/v1/session'));
      expect(res, garbage).toMatchObject({ status: 401, code: 'unauthorized' });
    }
  });

  it('forged (signed by another key under a published kid), alg none, HS256 keyed with the public key', async () => {
    const team = await newTeam();
    const email = uniqueEmail('forger');
    await addMember(email, 'owner');
    const stranger = await team.addKey(false);
    const cases: [string, string, string][] = [
      ['forged', await team.token(email, {}, { kid: stranger, header: { kid: team.kid } }), 'signature does not verify'],
      ['alg none', await team.token(email, {}, { mode: 'none' }), 'RS256'],
      ['HS256 with the public key', await team.token(email, {}, { mode: 'hs256-public-key' }), 'RS256'],
      ['RS256 header, HS256 body', await team.token(email, {}, { mode: 'hs256-public-key', header: { alg: 'RS256' } }), 'signature does not verify'],
    ];
    for (const [what, token, reason] of cases) {
      const res = await refusal(await asPerson(team, token, 'GET', '/v1/session'));
      expect(res, what).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(res.message, what).toContain(reason);
    }
    // The same person with a real assertion is in.
    expect((await asPerson(team, await team.token(email), 'GET', '/v1/session')).status).toBe(200);
  });

  it('expired, not yet valid, another audience, another issuer, no email', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const team = await newTeam();
    const email = uniqueEmail('claims');
    await addMember(email, 'owner');
    const now = Math.floor(Date.now() / 1000);
    const cases: [Record<string, unknown>, string][] = [
      [{ exp: now - 61 }, 'has expired'],
      [{ nbf: now + 61 }, 'not valid yet'],
      [{ aud: ['another-application'] }, 'another Access application'],
      [{ aud: `${AUD}x` }, 'another Access application'],
      [{ iss: 'https://evil.cloudflareaccess.com' }, 'another team domain'],
      [{ iss: undefined }, 'another team domain'],
      [{ exp: undefined }, 'exp'],
      [{ email: undefined, common_name: 'service-token' }, 'no email'],
    ];
    for (const [claims, reason] of cases) {
      const res = await refusal(await asPerson(team, await team.token(email, claims), 'GET', '/v1/session'));
      expect(res, JSON.stringify(claims)).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(res.message, JSON.stringify(claims)).toContain(reason);
    }
  });
});

describe('the JWKS cache', () => {
  it('fetches once, then refetches once for an unknown kid: 50 forged kids cost no more than one fetch a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const team = await newTeam();
    const email = uniqueEmail('storm');
    await addMember(email, 'viewer', ['*']);
    expect((await asPerson(team, await team.token(email), 'GET', '/v1/session')).status).toBe(200);
    expect(await team.fetches()).toBe(1);
    const forgedKid = async () => team.token(email, {}, { header: { kid: crypto.randomUUID() } });
    // Within a minute of the last fetch: unknown kids are refused without fetching.
    for (let i = 0; i < 50; i++) expect((await asPerson(team, await forgedKid(), 'GET', '/v1/session')).status).toBe(401);
    expect(await team.fetches()).toBe(1);
    // A minute on: the first unknown kid refetches once; the next 49 do not.
    vi.setSystemTime(Date.now() + 61_000);
    const results = await Promise.all(Array.from({ length: 50 }, async () => (await asPerson(team, await forgedKid(), 'GET', '/v1/session')).status));
    expect(new Set(results)).toEqual(new Set([401]));
    expect(await team.fetches()).toBe(2);
  });

  it('during a rotation both keys are accepted; a new kid is fetched once the cooldown has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const team = await newTeam();
    const email = uniqueEmail('rotation');
    await addMember(email, 'viewer', ['*']);
    expect((await asPerson(team, await team.token(email), 'GET', '/v1/session')).status).toBe(200);
    const next = await team.addKey();
    vi.setSystemTime(Date.now() + 61_000);
    const byNew = await asPerson(team, await team.token(email, {}, { kid: next }), 'GET', '/v1/session');
    expect(byNew.status).toBe(200);
    expect(await team.fetches()).toBe(2);
    const byOld = await asPerson(team, await team.token(email), 'GET', '/v1/session');
    expect(byOld.status).toBe(200);
    expect(await team.fetches()).toBe(2);
    // The old key leaves the set; after ten minutes the cache is refreshed and it no longer signs anyone in.
    await team.unpublish(team.kid);
    vi.setSystemTime(Date.now() + 10 * 60_000);
    expect((await asPerson(team, await team.token(email), 'GET', '/v1/session')).status).toBe(401);
    expect((await asPerson(team, await team.token(email, {}, { kid: next }), 'GET', '/v1/session')).status).toBe(200);
    expect(await team.fetches()).toBe(3);
  });

  it('certs that cannot be read are 503 (the deployment, not the client), and are not asked again for a few seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const team = await newTeam();
    const broken = { ...team.env, ACCESS_CERTS_URL: `${team.env.ACCESS_CERTS_URL}/missing` };
    const email = uniqueEmail('down');
    await addMember(email, 'viewer', ['*']);
    const token = await team.token(email);
    const first = await refusal(await request(broken, 'GET', '/v1/session', { headers: { 'cf-access-jwt-assertion': token } }));
    expect(first).toMatchObject({ status: 503, code: 'unavailable' });
    expect(first.message).toContain('HTTP 404');
    const second = await refusal(await request(broken, 'GET', '/v1/session', { headers: { 'cf-access-jwt-assertion': token } }));
    expect(second.message).toContain('failed moments ago');
    vi.setSystemTime(Date.now() + 6_000);
    expect((await refusal(await request(broken, 'GET', '/v1/session', { headers: { 'cf-access-jwt-assertion': token } }))).message).toContain('HTTP 404');
  });
});

describe('configuration', () => {
  it('ACCESS_AUD without a team domain, or a certs URL over http outside local development, is 503', async () => {
    const site = await createSite();
    const team = await newTeam();
    const noDomain = { ...team.env, ACCESS_TEAM_DOMAIN: undefined };
    expect((await refusal(await request(noDomain, 'GET', '/v1/session', { headers: { 'cf-access-jwt-assertion': 'x' } }))).message).toContain('ACCESS_TEAM_DOMAIN');
    const production = { ...team.env, ENVIRONMENT: 'production', ADMIN_TOKEN: 'x'.repeat(32) };
    expect((await refusal(await request(production, 'GET', '/v1/session', { headers: { 'cf-access-jwt-assertion': await team.token('a@example.com') } }))).message).toContain('https');
    // Keys still work whatever Access's settings.
    expect((await request(noDomain, 'GET', '/v1/session', { headers: { authorization: `Bearer ${site.readKey}` } })).status).toBe(200);
  });

  it('the team domain may be given without https:// or with a trailing slash', async () => {
    const team = await newTeam();
    const email = uniqueEmail('domain');
    await addMember(email, 'viewer', ['*']);
    for (const domain of [team.domain.replace('https://', ''), `${team.domain}/`]) {
      const res = await request({ ...team.env, ACCESS_TEAM_DOMAIN: domain }, 'GET', '/v1/session', { headers: { 'cf-access-jwt-assertion': await team.token(email) } });
      expect(res.status, domain).toBe(200);
    }
  });

  it('without ACCESS_AUD, ctx.access.getIdentity() signs the person in where the platform gives it', async () => {
    const email = uniqueEmail('platform');
    await addMember(email, 'analyst', ['*']);
    const { createExecutionContext } = await import('cloudflare:test');
    const withIdentity = (identity: unknown) => Object.assign(createExecutionContext(), { access: { aud: 'x', getIdentity: async () => identity } });
    const { app } = await import('../../worker/app');
    const signedIn = await app.request('/v1/session', {}, env, withIdentity({ email: email.toUpperCase(), name: 'Ana' }));
    expect(await json(signedIn)).toEqual({ role: 'member', email, member_role: 'analyst', sites: ['*'] });
    expect((await app.request('/v1/session', {}, env, withIdentity(undefined))).status).toBe(401);
    expect((await app.request('/v1/session', {}, env, withIdentity({ email: uniqueEmail('nobody') }))).status).toBe(403);
    // No platform identity and no ACCESS_AUD: a bearer token is needed, as before.
    expect((await app.request('/v1/session', {}, env, createExecutionContext())).status).toBe(401);
  });
});

describe('the CF_Authorization cookie', () => {
  it('signs a person in like the header (Access guarding only /app), and is held to the same checks', async () => {
    const team = await newTeam();
    const site = await createSite();
    const email = uniqueEmail('cookie');
    await addMember(email, 'admin', [site.site]);
    const cookie = { cookie: `theme=dark; CF_Authorization=${await team.token(email)}` };
    expect(await json(await request(team.env, 'GET', '/v1/session', { headers: cookie }))).toMatchObject({ role: 'member', email });
    const expired = { cookie: `CF_Authorization=${await team.token(email, { exp: Math.floor(Date.now() / 1000) - 600 })}` };
    expect((await request(team.env, 'GET', '/v1/session', { headers: expired })).status).toBe(401);
    // A page of another site can make the browser send the cookie: its writes are refused.
    const crossSite = await request(team.env, 'PATCH', `/v1/admin/sites/${site.site}`, { headers: { ...cookie, origin: 'https://evil.example' }, body: { name: 'Hijacked' } });
    expect(crossSite.status).toBe(403);
    const sameSite = await request(team.env, 'PATCH', `/v1/admin/sites/${site.site}`, { headers: { ...cookie, 'sec-fetch-site': 'same-origin' }, body: { name: 'Renamed' } });
    expect(sameSite.status).toBe(200);
  });
});

describe('members signed in through Access', () => {
  it('change things only from this origin: a cross-site write is 403, a same-origin one and a script without Origin go through', async () => {
    const team = await newTeam();
    const site = await createSite();
    const email = uniqueEmail('csrf');
    await addMember(email, 'admin', [site.site]);
    const token = await team.token(email);
    const path = `/v1/admin/sites/${site.site}`;
    const crossSite = await asPerson(team, token, 'PATCH', path, { name: 'Hijacked' }, { origin: 'https://evil.example' });
    expect(await refusal(crossSite)).toMatchObject({ status: 403, code: 'forbidden' });
    const fetchSite = await asPerson(team, token, 'PATCH', path, { name: 'Hijacked' }, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    expect((await asPerson(team, token, 'PATCH', path, { name: 'Renamed' }, { origin: 'http://localhost' })).status).toBe(200);
    expect((await asPerson(team, token, 'PATCH', path, { name: 'Renamed again' }, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await asPerson(team, token, 'PATCH', path, { name: 'By script' })).status).toBe(200);
    // Reads are not writes.
    expect((await asPerson(team, token, 'GET', path, undefined, { origin: 'https://evil.example' })).status).toBe(200);
  });

  it('are noted as seen at most once a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const team = await newTeam();
    const email = uniqueEmail('seen');
    await addMember(email, 'viewer', ['*']);
    const seen = async () => (await env.DB.prepare('SELECT last_seen_at FROM members WHERE email = ?').bind(email).first<{ last_seen_at: number | null }>())!.last_seen_at;
    expect(await seen()).toBeNull();
    const start = Date.now();
    await asPerson(team, await team.token(email), 'GET', '/v1/session');
    expect(await seen()).toBe(start);
    vi.setSystemTime(start + 30_000);
    for (let i = 0; i < 5; i++) await asPerson(team, await team.token(email), 'GET', '/v1/session');
    expect(await seen()).toBe(start);
    vi.setSystemTime(start + 61_000);
    await asPerson(team, await team.token(email), 'GET', '/v1/session');
    expect(await seen()).toBe(start + 61_000);
  });
});
