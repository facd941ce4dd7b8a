/**
 * Members of the team (docs/contract.md §12): who may sign in through
 * Cloudflare Access, with which role, on which sites. Owners only (see
 * worker/permissions.ts). The deployment always keeps an owner: the last one
 * cannot be removed or demoted while OWNER_EMAILS names no one.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { Email, MemberPut } from '../../shared/schemas/team';
import { ownerEmails } from '../team/actor';
import { getMember, listMembers, putMember, removeMember } from '../db/members';
import type { AppEnv } from '../env';
import { readJson } from '../http/body';
import { ApiError, invalidField } from '../http/errors';
import { parseWith } from '../http/validate';
import { auditOf, changedFields } from './audit-entry';
import { knownSites } from './params';

export const memberRoutes = new Hono<AppEnv>();

const MEMBER = '/v1/admin/members/:email';

/** The `:email` of the path, lowercased, or 400 naming `email`. */
function memberEmail(c: Context<AppEnv>): string {
  const parsed = v.safeParse(Email, c.req.param('email') ?? '');
  if (!parsed.success) throw invalidField('invalid_query', 'email', parsed.issues[0].message);
  return parsed.output;
}

const lastOwner = () =>
  new ApiError('conflict', 'role: this is the last owner; make another member an owner first, or name owners in OWNER_EMAILS', [
    { path: 'role', message: 'the last owner must stay an owner' },
  ]);

memberRoutes.get('/v1/admin/members', async function listTeam(c) {
  c.header('cache-control', 'private, no-store');
  return c.json({ members: await listMembers(c.env.DB), owner_emails: ownerEmails(c.env) });
});

memberRoutes.put(MEMBER, async function putTeamMember(c) {
  const email = memberEmail(c);
  const body = parseWith(MemberPut, await readJson(c.req.raw), 'invalid_body');
  const sites = await knownSites(c, body.sites);
  const before = await getMember(c.env.DB, email);
  const audit = before
    ? auditOf(c, 'member.updated', { target: email, fields: changedFields(before, { role: body.role, sites }) })
    : auditOf(c, 'member.added', { target: email, fields: ['role', 'sites'] });
  const outcome = await putMember(c.env.DB, { email, role: body.role, sites, now: audit.at, bootstrapOwners: ownerEmails(c.env).length > 0 }, audit);
  if (outcome === 'last_owner') throw lastOwner();
  return c.json(await getMember(c.env.DB, email));
});

memberRoutes.delete(MEMBER, async function removeTeamMember(c) {
  const email = memberEmail(c);
  const audit = auditOf(c, 'member.removed', { target: email });
  const outcome = await removeMember(c.env.DB, { email, bootstrapOwners: ownerEmails(c.env).length > 0 }, audit);
  if (outcome === 'not_found') throw new ApiError('not_found', `no member ${email}`);
  if (outcome === 'last_owner') throw lastOwner();
  return c.body(null, 204);
});
