/**
 * Follow-up cases (docs/contract.md §13): the inbox, one case, its changes
 * (optimistic: `If-Match` names the version a change was made on), notes
 * and stats. Every write leaves an audit entry in its own transaction.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { caseFigures, caseGroups } from '../../shared/case-stats';
import { CaseId, CasePatch, CaseStatsQuery, CasesQuery, IfMatch, NoteCreate, type CaseStats } from '../../shared/schemas/case';
import { reaches, can } from '../../shared/roles';
import type { AppEnv } from '../env';
import { applyPatch } from '../cases/change';
import {
  type CaseKey, type CaseState, addNote, answerExists, caseSettings, caseTimelines, freshCaseDeliveries, getCase, getCaseState, listCases, openCase, updateCase,
} from '../db/cases';
import { findMember } from '../db/members';
import { readJson } from '../http/body';
import { ApiError, invalidField } from '../http/errors';
import { actorOf } from '../http/guard';
import { waitUntilOf } from '../http/request';
import { parseWith } from '../http/validate';
import { logFailure } from '../log';
import { type Actor, ownerEmails } from '../team/actor';
import { enqueueDeliveries } from '../webhooks/queue';
import { edgesOf } from './analyst';
import { auditOf } from './audit-entry';
import { pathSite } from './params';

export const caseRoutes = new Hono<AppEnv>();

const CASES = '/v1/sites/:site/cases';
const CASE = `${CASES}/:id`;

/** Who a case's history, notes and events name: an email, an API key's prefix, or `admin_token`. */
export function caseActor(actor: Actor): string {
  return actor.email ?? actor.prefix ?? 'admin_token';
}

const cursorOf = (key: CaseKey): string => `${key.at}_${key.id}`;

function keyOf(cursor: string | undefined): CaseKey | null {
  if (cursor === undefined) return null;
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(cursor);
  if (!match) throw invalidField('invalid_query', 'cursor', 'is not a cursor this API made');
  return { at: Number(match[1]), id: match[2]! };
}

/** The `:id` of the path: an answer's id, or 404 (a case of another site's answer is not there either). */
function pathCaseId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  const parsed = v.safeParse(CaseId, id);
  if (!parsed.success) throw notFound(id);
  return parsed.output;
}

const notFound = (id: string) => new ApiError('not_found', `no case or answer ${id} on this site`);

caseRoutes.get(CASES, async function inbox(c) {
  const { site } = await pathSite(c);
  const query = parseWith(CasesQuery, c.req.query(), 'invalid_query');
  const actor = actorOf(c);
  let assignee: string | null | undefined;
  if (query.assignee === 'me') {
    if (!actor.email) throw invalidField('invalid_query', 'assignee', 'me names a signed-in member; this credential is not one');
    assignee = actor.email;
  } else assignee = query.assignee === 'none' ? null : query.assignee;
  const page = await listCases(
    c.env.DB,
    { site, status: query.status, assignee, touchpoint: query.touchpoint, kind: query.kind },
    keyOf(query.cursor),
    query.limit,
  );
  c.header('x-rows-read', String(page.rowsRead));
  c.header('cache-control', 'private, no-store');
  return c.json({ cases: page.cases, next_cursor: page.next ? cursorOf(page.next) : null });
});

caseRoutes.get(`${CASES}/stats`, async function stats(c) {
  const { site } = await pathSite(c);
  const query = parseWith(CaseStatsQuery, c.req.query(), 'invalid_query');
  const edges = edgesOf({ from: query.from, to: query.to, tz: 'UTC' });
  const from = edges[0]!;
  const to = edges[edges.length - 1]!;
  const settings = (await caseSettings(c.env.DB, site))!;
  const { cases, rowsRead } = await caseTimelines(c.env.DB, site, from, to);
  const now = Date.now();
  const body: CaseStats = {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    sla_hours: settings.sla_hours,
    total: caseFigures(cases, settings.sla_hours, now),
    ...(query.group_by ? { groups: caseGroups(cases, query.group_by, settings.sla_hours, now) } : {}),
  };
  c.header('x-rows-read', String(rowsRead));
  c.header('cache-control', 'private, no-store');
  return c.json(body);
});

async function caseBody(c: Context<AppEnv>, site: string, id: string) {
  const found = await getCase(c.env.DB, site, id);
  if (!found) throw notFound(id);
  c.header('etag', `"${found.version}"`);
  c.header('cache-control', 'private, no-store');
  return found;
}

caseRoutes.get(CASE, async function oneCase(c) {
  const { site } = await pathSite(c);
  return c.json(await caseBody(c, site, pathCaseId(c)));
});

/** An assignee must be someone who may work this site's cases: a member (or bootstrap owner) who reaches it. */
async function checkAssignee(c: Context<AppEnv>, site: string, email: string): Promise<void> {
  if (ownerEmails(c.env).includes(email)) return;
  const member = await findMember(c.env.DB, email);
  const grant = member && { role: member.role, scopes: [], sites: member.sites };
  // One message whatever the reason, so that the check does not tell who is a member of other sites.
  if (!grant || !reaches(grant, site) || !can(grant, 'cases')) throw invalidField('invalid_body', 'assignee', `${email} is not a member who may work this site's cases`);
}

/** How often a change without If-Match is tried again on the newer version when another change came first. */
const MAX_ATTEMPTS = 50;

caseRoutes.patch(CASE, async function changeCase(c) {
  const { site } = await pathSite(c);
  const id = pathCaseId(c);
  const patch = parseWith(CasePatch, await readJson(c.req.raw), 'invalid_body');
  const ifMatch = c.req.header('if-match');
  const expected = ifMatch === undefined ? null : v.safeParse(IfMatch, ifMatch.trim());
  if (expected && !expected.success) throw new ApiError('invalid_body', 'If-Match: must be the case\'s version, such as "3"', [{ path: 'If-Match', message: 'must be the case\'s version, such as "3"' }]);
  if (patch.assignee) await checkAssignee(c, site, patch.assignee);
  const by = caseActor(actorOf(c));

  let state = await getCaseState(c.env.DB, site, id);
  if (!state) {
    if (!(await answerExists(c.env.DB, site, id))) throw notFound(id);
    // A version was expected, and there is none yet: refused before anything is written.
    if (expected?.success) throw new ApiError('precondition_failed', `the answer has no case yet, so no version ${expected.output}: send the change without If-Match to open one`);
    // An answer without a case: a status opens one; without one there is nothing to change.
    if (patch.status === undefined) throw invalidField('invalid_body', 'status', 'is required to open a case for this answer');
    const audit = auditOf(c, 'case.opened', { site, target: id, fields: ['status'] });
    await openCase(c.env.DB, site, id, by, audit.at, audit);
    state = await getCaseState(c.env.DB, site, id);
    if (!state) throw notFound(id);
  }

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current: CaseState = state;
    if (expected?.success && expected.output !== current.version) {
      throw new ApiError('precondition_failed', `the case is at version ${current.version}, not ${expected.output}: read it again and redo the change`, undefined, {
        etag: `"${current.version}"`,
      });
    }
    const { update, fields } = applyPatch(current, patch, Date.now());
    if (fields.length === 0) break;
    const audit = auditOf(c, 'case.updated', { site, target: id, fields });
    if (await updateCase(c.env.DB, { site, id, version: current.version, update, by, now: audit.at }, audit)) {
      await queueCaseDeliveries(c, id);
      break;
    }
    // Another change came first: an If-Match change is refused above; one without is made on the newer version.
    const newer = await getCaseState(c.env.DB, site, id);
    if (!newer) throw notFound(id);
    state = newer;
    if (attempt === MAX_ATTEMPTS - 1) throw new ApiError('conflict', 'the case is changing too often to apply this change; try again');
  }
  return c.json(await caseBody(c, site, id));
});

/** Queue the case.updated deliveries a change just wrote (the sweep sends any the queue misses). */
async function queueCaseDeliveries(c: Context<AppEnv>, id: string): Promise<void> {
  const work = (async () => {
    try {
      const fresh = await freshCaseDeliveries(c.env.DB, id);
      if (fresh.length > 0) await enqueueDeliveries(c.env.WEBHOOKS, fresh);
    } catch (error) {
      logFailure(`webhooks: case.updated of ${id} waits for the sweep`, error);
    }
  })();
  const waitUntil = waitUntilOf(c);
  if (waitUntil) waitUntil(work);
  else await work;
}

caseRoutes.post(`${CASE}/notes`, async function note(c) {
  const { site } = await pathSite(c);
  const caseId = pathCaseId(c);
  const body = parseWith(NoteCreate, await readJson(c.req.raw), 'invalid_body');
  const author = caseActor(actorOf(c));
  const noteId = `nt_${crypto.randomUUID().replaceAll('-', '')}`;
  const audit = auditOf(c, 'case.noted', { site, target: caseId, fields: ['text'] });
  if (!(await addNote(c.env.DB, { site, caseId, id: noteId, author, text: body.text, now: audit.at }, audit))) throw notFound(caseId);
  return c.json({ id: noteId, author, at: new Date(audit.at).toISOString(), text: body.text }, 201);
});
