/**
 * Follow-up cases (docs/contract.md §13) over the real app and D1: opened
 * by a low answer's own insert, changed with If-Match, noted, listed,
 * refused when wrong (and nothing written), erased with their answer.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS, isLowScore, scaleScores } from '../../shared/kinds';
import { asPerson, newTeam, type TestTeam } from './access-helpers';
import { ADMIN_TOKEN, asAdmin, call, createSite, createSurvey, json, postResponse, type TestSite } from './helpers';

type ErrorJson = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
interface CaseJson {
  id: string;
  status: string;
  assignee: string | null;
  tags: string[];
  opened_at: string;
  first_contact_at: string | null;
  closed_at: string | null;
  version: number;
  notes: number | { id: string; author: string; at: string; text: string }[];
  history?: { version: number; at: string; actor: string | null; status?: string; assignee?: string | null; tags?: string[] }[];
  response: { id: string; score: number; kind: string; comment: string | null; user: string | null };
  other_answers?: { id: string }[];
}

const casePath = (site: string, id: string) => `/v1/sites/${site}/cases/${id}`;

function asAdminWith(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return call(path, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function answer(site: string, survey: string, score: number, extra: Record<string, unknown> = {}): Promise<string> {
  const id = crypto.randomUUID();
  const res = await postResponse({ id, site, survey, score, ...extra });
  if (res.status !== 201) throw new Error(`answer: ${res.status} ${await res.text()}`);
  return id;
}

async function getCase(site: string, id: string): Promise<CaseJson> {
  const res = await asAdmin('GET', casePath(site, id));
  expect(res.status).toBe(200);
  return json<CaseJson>(res);
}

async function auditCount(site: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE site = ? AND action LIKE 'case.%'").bind(site).first<{ n: number }>();
  return row!.n;
}

let site: TestSite;
let nps: string;

beforeAll(async () => {
  site = await createSite();
  nps = await createSurvey(site.site, 'nps');
});

describe('a low answer opens its case by itself', () => {
  it('in its kind\'s low band (NPS 0–6, CSAT 1–3, CES 1–4), and no other', async () => {
    const own = await createSite();
    for (const kind of KINDS) {
      const survey = await createSurvey(own.site, kind);
      for (const score of scaleScores(kind)) {
        const id = await answer(own.site, survey, score);
        const stored = await env.DB.prepare('SELECT status, version FROM cases WHERE id = ?').bind(id).first();
        expect(stored !== null, `${kind} ${score}`).toBe(isLowScore(kind, score));
        if (stored) expect(stored).toEqual({ status: 'open', version: 1 });
      }
    }
  });

  it('not when the site sets cases.auto false; sla_hours is kept; the site shows both', async () => {
    const own = await createSite();
    const survey = await createSurvey(own.site, 'nps');
    const patched = await asAdmin('PATCH', `/v1/admin/sites/${own.site}`, { cases: { auto: false, sla_hours: 24 } });
    expect(patched.status).toBe(200);
    expect((await json<{ cases: unknown }>(patched)).cases).toEqual({ auto: false, sla_hours: 24 });
    const id = await answer(own.site, survey, 0);
    expect(await env.DB.prepare('SELECT 1 FROM cases WHERE id = ?').bind(id).first()).toBeNull();
    for (const cases of [{ auto: 'no' }, { sla_hours: 0 }, { sla_hours: 1.5 }, {}, { other: 1 }]) {
      const bad = await asAdmin('PATCH', `/v1/admin/sites/${own.site}`, { cases });
      expect(bad.status, JSON.stringify(cases)).toBe(400);
      expect((await json<ErrorJson>(bad)).error.issues![0]!.path).toMatch(/^cases/);
    }
  });

  it('the case starts open at version 1, its history one row by no one, its answer beside it', async () => {
    const id = await answer(site.site, nps, 2, { comment: 'نشد که بشه', user: 'u_7' });
    const found = await getCase(site.site, id);
    expect(found).toMatchObject({ id, status: 'open', assignee: null, tags: [], version: 1, first_contact_at: null, closed_at: null, notes: [] });
    expect(found.history).toEqual([{ version: 1, at: found.opened_at, actor: null, status: 'open' }]);
    expect(found.response).toMatchObject({ id, score: 2, comment: 'نشد که بشه', user: 'u_7' });
  });
});

describe('PATCH a case', () => {
  it('changes status, assignee and tags; first contact and close times follow; version +1 per change, each in the history', async () => {
    const id = await answer(site.site, nps, 1);
    const contacted = await asAdmin('PATCH', casePath(site.site, id), { status: 'contacted', tags: ['refund', 'call-back', 'refund'] });
    expect(contacted.status).toBe(200);
    expect(contacted.headers.get('etag')).toBe('"2"');
    const c1 = await json<CaseJson>(contacted);
    expect(c1).toMatchObject({ status: 'contacted', tags: ['refund', 'call-back'], version: 2, closed_at: null });
    expect(c1.first_contact_at).not.toBeNull();

    const resolved = await json<CaseJson>(await asAdmin('PATCH', casePath(site.site, id), { status: 'resolved' }));
    expect(resolved).toMatchObject({ version: 3, first_contact_at: c1.first_contact_at });
    expect(resolved.closed_at).not.toBeNull();
    // Opened again: no longer closed; its first contact stays.
    const reopened = await json<CaseJson>(await asAdmin('PATCH', casePath(site.site, id), { status: 'open' }));
    expect(reopened).toMatchObject({ version: 4, closed_at: null, first_contact_at: c1.first_contact_at });
    // A change that changes nothing is no change.
    expect(await json<CaseJson>(await asAdmin('PATCH', casePath(site.site, id), { status: 'open' }))).toMatchObject({ version: 4 });

    const history = (await getCase(site.site, id)).history!;
    expect(history.map((h) => [h.version, h.actor, h.status ?? null])).toEqual([
      [1, null, 'open'],
      [2, 'admin_token', 'contacted'],
      [3, 'admin_token', 'resolved'],
      [4, 'admin_token', 'open'],
    ]);
    expect(history[1]!.tags).toEqual(['refund', 'call-back']);
    const entries = await env.DB.prepare("SELECT action, target, fields FROM audit_log WHERE site = ? AND target = ? ORDER BY id").bind(site.site, id).all();
    expect(entries.results).toEqual([
      { action: 'case.updated', target: id, fields: '["status","tags"]' },
      { action: 'case.updated', target: id, fields: '["status"]' },
      { action: 'case.updated', target: id, fields: '["status"]' },
    ]);
  });

  it('If-Match: the current version is accepted; a stale one is 412 with the current version, and nothing is written', async () => {
    const id = await answer(site.site, nps, 3);
    expect((await asAdminWith('PATCH', casePath(site.site, id), { status: 'contacted' }, { 'if-match': '"1"' })).status).toBe(200);
    const before = await auditCount(site.site);
    const stale = await asAdminWith('PATCH', casePath(site.site, id), { status: 'no_action' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect((await json<ErrorJson>(stale)).error.code).toBe('precondition_failed');
    const after = await getCase(site.site, id);
    expect(after).toMatchObject({ status: 'contacted', version: 2 });
    expect(after.history).toHaveLength(2);
    expect(await auditCount(site.site)).toBe(before);
    const bad = await asAdminWith('PATCH', casePath(site.site, id), { status: 'resolved' }, { 'if-match': 'yesterday' });
    expect(bad.status).toBe(400);
    expect((await json<ErrorJson>(bad)).error.issues![0]!.path).toBe('If-Match');
  });

  it('opens a case for any answer when given a status; without one, 400 naming status', async () => {
    const id = await answer(site.site, nps, 10);
    const without = await asAdmin('PATCH', casePath(site.site, id), { tags: ['praise'] });
    expect(without.status).toBe(400);
    expect((await json<ErrorJson>(without)).error.issues![0]!.path).toBe('status');
    expect(await env.DB.prepare('SELECT 1 FROM cases WHERE id = ?').bind(id).first()).toBeNull();
    // A version expected of an answer without a case: 412, and no case opened, nothing logged.
    const before = await auditCount(site.site);
    const expected = await asAdminWith('PATCH', casePath(site.site, id), { status: 'contacted' }, { 'if-match': '"7"' });
    expect(expected.status).toBe(412);
    expect((await json<ErrorJson>(expected)).error.code).toBe('precondition_failed');
    expect(await env.DB.prepare('SELECT 1 FROM cases WHERE id = ?').bind(id).first()).toBeNull();
    expect(await auditCount(site.site)).toBe(before);
    const opened = await json<CaseJson>(await asAdmin('PATCH', casePath(site.site, id), { status: 'contacted', tags: ['praise'] }));
    expect(opened).toMatchObject({ status: 'contacted', tags: ['praise'], version: 2 });
    expect(opened.history!.map((h) => [h.version, h.actor, h.status])).toEqual([
      [1, 'admin_token', 'open'],
      [2, 'admin_token', 'contacted'],
    ]);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const id = await answer(site.site, nps, 0);
    const before = await auditCount(site.site);
    const cases: [unknown, string][] = [
      [{ status: 'closed' }, 'status'],
      [{ tags: ['Not a slug'] }, 'tags.0'],
      [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
      [{ assignee: 'stranger@example.com' }, 'assignee'],
      [{ assignee: 'not an email' }, 'assignee'],
      [{ priority: 'high' }, 'priority'],
      [{}, ''],
    ];
    for (const [body, path] of cases) {
      const res = await asAdmin('PATCH', casePath(site.site, id), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<ErrorJson>(res)).error.issues![0]!.path, JSON.stringify(body)).toBe(path);
    }
    const notes: [unknown, string][] = [
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: 'bell\u0007' }, 'text'],
      [{ text: '   ' }, 'text'],
      [{}, 'text'],
    ];
    for (const [body, path] of notes) {
      const res = await asAdmin('POST', `${casePath(site.site, id)}/notes`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<ErrorJson>(res)).error.issues![0]!.path).toBe(path);
    }
    const after = await getCase(site.site, id);
    expect(after).toMatchObject({ version: 1, status: 'open', tags: [], assignee: null, notes: [] });
    expect(await auditCount(site.site)).toBe(before);
  });

  it("another site's answer is 404, for every case route, and is left alone", async () => {
    const other = await createSite();
    const survey = await createSurvey(other.site, 'nps');
    const id = await answer(other.site, survey, 0);
    expect((await asAdmin('GET', casePath(site.site, id))).status).toBe(404);
    expect((await asAdmin('PATCH', casePath(site.site, id), { status: 'resolved' })).status).toBe(404);
    expect((await asAdmin('POST', `${casePath(site.site, id)}/notes`, { text: 'hi' })).status).toBe(404);
    expect((await asAdmin('GET', casePath(site.site, 'not-an-id'))).status).toBe(404);
    expect(await getCase(other.site, id)).toMatchObject({ version: 1, status: 'open', notes: [] });
  });
});

describe('notes', () => {
  it('are added by whoever is signed in, counted in the inbox, logged without their text', async () => {
    const id = await answer(site.site, nps, 4, { user: 'u_notes' });
    const added = await asAdmin('POST', `${casePath(site.site, id)}/notes`, { text: 'Called back,\nwill refund.' });
    expect(added.status).toBe(201);
    const note = await json<{ id: string; author: string; text: string }>(added);
    expect(note).toMatchObject({ author: 'admin_token', text: 'Called back,\nwill refund.' });
    expect((await getCase(site.site, id)).notes).toEqual([expect.objectContaining({ id: note.id, text: 'Called back,\nwill refund.' })]);
    const list = await json<{ cases: CaseJson[] }>(await asAdmin('GET', `/v1/sites/${site.site}/cases?limit=200`));
    expect(list.cases.find((c) => c.id === id)!.notes).toBe(1);
    const entry = await env.DB.prepare("SELECT action, fields FROM audit_log WHERE target = ? AND action = 'case.noted'").bind(id).first();
    expect(entry).toEqual({ action: 'case.noted', fields: '["text"]' });
    expect(JSON.stringify(await env.DB.prepare('SELECT * FROM audit_log WHERE target = ?').bind(id).all())).not.toContain('refund');
  });
});

describe('the inbox', () => {
  it('filters by status, assignee (me, none, an email), touchpoint and kind, newest first, in cursor pages without gaps or repeats', async () => {
    const team: TestTeam = await newTeam();
    const own = await createSite();
    const npsSurvey = await createSurvey(own.site, 'nps');
    const csat = await createSurvey(own.site, 'csat');
    const mina = `mina.${crypto.randomUUID().slice(0, 6)}@example.com`;
    expect((await asAdmin('PUT', `/v1/admin/members/${mina}`, { role: 'analyst', sites: [own.site] })).status).toBe(200);
    const token = await team.token(mina);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await answer(own.site, i % 2 === 0 ? npsSurvey : csat, 1, { touchpoint: i < 3 ? 'checkout' : 'delivery' }));
      // Distinct opening times, so that newest first is known.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const mine = [ids[1]!, ids[4]!];
    for (const id of mine) expect((await asPerson(team, token, 'PATCH', casePath(own.site, id), { assignee: mina })).status).toBe(200);
    expect((await asAdmin('PATCH', casePath(own.site, ids[6]!), { status: 'contacted' })).status).toBe(200);

    const list = async (query: Record<string, string>, who: 'admin' | 'mina' = 'admin') => {
      const path = `/v1/sites/${own.site}/cases?${new URLSearchParams(query)}`;
      const res = who === 'admin' ? await asAdmin('GET', path) : await asPerson(team, token, 'GET', path);
      expect(res.status, `${path}: ${res.status}`).toBe(200);
      return json<{ cases: CaseJson[]; next_cursor: string | null }>(res);
    };
    const newestFirst = [...ids].reverse();
    expect((await list({})).cases.map((c) => c.id)).toEqual(newestFirst);
    expect((await list({ assignee: 'me' }, 'mina')).cases.map((c) => c.id)).toEqual([ids[4], ids[1]]);
    expect((await list({ assignee: mina })).cases.map((c) => c.id)).toEqual([ids[4], ids[1]]);
    expect((await list({ assignee: 'none' })).cases.map((c) => c.id)).toEqual(newestFirst.filter((id) => !mine.includes(id)));
    expect((await list({ status: 'contacted' })).cases.map((c) => c.id)).toEqual([ids[6]]);
    expect((await list({ status: 'open', touchpoint: 'checkout' })).cases.map((c) => c.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list({ kind: 'csat' })).cases.map((c) => c.id)).toEqual([ids[5], ids[3], ids[1]]);
    expect((await list({ kind: 'csat', assignee: 'none' })).cases.map((c) => c.id)).toEqual([ids[5], ids[3]]);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { cases: CaseJson[]; next_cursor: string | null } = await list({ limit: '3', ...(cursor ? { cursor } : {}) });
      expect(page.cases.length).toBeLessThanOrEqual(3);
      paged.push(...page.cases.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(paged).toEqual(newestFirst);

    // `me` names a person: the admin token is not one.
    expect((await asAdmin('GET', `/v1/sites/${own.site}/cases?assignee=me`)).status).toBe(400);
    for (const query of ['status=closed', 'assignee=someone', 'kind=stars', 'touchpoint=Not%20a%20slug', 'limit=0', 'cursor=x', 'cursor=12_nope', 'page=2']) {
      const res = await asAdmin('GET', `/v1/sites/${own.site}/cases?${query}`);
      expect(res.status, query).toBe(400);
      expect((await json<ErrorJson>(res)).error.issues![0]!.path).toBe(query.split('=')[0]);
    }
  });

  it('assigns only members who may work the site\'s cases', async () => {
    const own = await createSite();
    const other = await createSite();
    const survey = await createSurvey(own.site, 'nps');
    const id = await answer(own.site, survey, 0);
    const elsewhere = `ali.${crypto.randomUUID().slice(0, 6)}@example.com`;
    const viewer = `vida.${crypto.randomUUID().slice(0, 6)}@example.com`;
    const admin = `ana.${crypto.randomUUID().slice(0, 6)}@example.com`;
    await asAdmin('PUT', `/v1/admin/members/${elsewhere}`, { role: 'analyst', sites: [other.site] });
    await asAdmin('PUT', `/v1/admin/members/${viewer}`, { role: 'viewer', sites: [own.site] });
    await asAdmin('PUT', `/v1/admin/members/${admin}`, { role: 'admin', sites: ['*'] });
    const stranger = `sam.${crypto.randomUUID().slice(0, 6)}@example.com`;
    const messages = new Set<string>();
    for (const assignee of [elsewhere, viewer, stranger]) {
      const res = await asAdmin('PATCH', casePath(own.site, id), { assignee });
      expect(res.status, assignee).toBe(400);
      const issue = (await json<ErrorJson>(res)).error.issues![0]!;
      expect(issue.path).toBe('assignee');
      messages.add(issue.message.replace(assignee, 'EMAIL'));
    }
    // One answer whether the person is on another site's team, a viewer here, or no member at all:
    // the check does not tell who belongs to other sites.
    expect(messages.size).toBe(1);
    expect(await json<CaseJson>(await asAdmin('PATCH', casePath(own.site, id), { assignee: admin.toUpperCase() }))).toMatchObject({ assignee: admin, version: 2 });
    expect(await json<CaseJson>(await asAdmin('PATCH', casePath(own.site, id), { assignee: null }))).toMatchObject({ assignee: null, version: 3 });
    expect((await getCase(own.site, id)).history!.slice(1).map((h) => h.assignee)).toEqual([admin, null]);
  });
});

describe('the customer\'s other answers', () => {
  it('come with the case (same user, same site), newest first', async () => {
    const own = await createSite();
    const survey = await createSurvey(own.site, 'nps');
    const first = await answer(own.site, survey, 9, { user: 'u_same' });
    await new Promise((resolve) => setTimeout(resolve, 3));
    await answer(own.site, survey, 9, { user: 'u_else' });
    const low = await answer(own.site, survey, 0, { user: 'u_same' });
    expect((await getCase(own.site, low)).other_answers!.map((a) => a.id)).toEqual([first]);
  });
});

describe('erasing', () => {
  it('an answer erases its case, notes and history; a user, all of theirs', async () => {
    const own = await createSite();
    const survey = await createSurvey(own.site, 'nps');
    const one = await answer(own.site, survey, 0, { user: 'u_gone' });
    const two = await answer(own.site, survey, 1, { user: 'u_gone' });
    const kept = await answer(own.site, survey, 1, { user: 'u_kept' });
    for (const id of [one, two, kept]) {
      await asAdmin('POST', `${casePath(own.site, id)}/notes`, { text: 'personal details' });
      await asAdmin('PATCH', casePath(own.site, id), { status: 'contacted' });
    }
    const left = async (id: string) =>
      env.DB.prepare(
        `SELECT (SELECT COUNT(*) FROM cases WHERE id = ?1) + (SELECT COUNT(*) FROM case_notes WHERE case_id = ?1) + (SELECT COUNT(*) FROM case_history WHERE case_id = ?1) AS n`,
      )
        .bind(id)
        .first<{ n: number }>()
        .then((r) => r!.n);
    expect(await left(one)).toBe(4);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${own.site}/responses/${one}`)).status).toBe(204);
    expect(await left(one)).toBe(0);
    expect((await asAdmin('DELETE', `/v1/admin/sites/${own.site}/users/u_gone`)).status).toBeLessThan(300);
    expect(await left(two)).toBe(0);
    expect(await left(kept)).toBe(4);
    expect((await asAdmin('GET', casePath(own.site, one))).status).toBe(404);
  });
});
