/**
 * `GET /v1/admin/audit` (docs/contract.md §12): the audit log, newest first,
 * a page at a time. Owners read every entry; admins the entries of their
 * sites. No endpoint edits or deletes an entry.
 */
import { Hono } from 'hono';
import { ALL_SITES, can, reaches } from '../../shared/roles';
import { AuditQuery } from '../../shared/schemas/team';
import { listAudit } from '../db/audit';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';
import { actorOf } from '../http/guard';
import { parseWith } from '../http/validate';

export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get('/v1/admin/audit', async function readAudit(c) {
  const query = parseWith(AuditQuery, c.req.query(), 'invalid_query');
  const actor = actorOf(c);
  if (query.site !== undefined && !reaches(actor, query.site)) throw new ApiError('forbidden', `site: you have no access to site ${query.site}`);
  const page = await listAudit(c.env.DB, {
    sites: reaches(actor, ALL_SITES) ? null : actor.sites,
    // Entries about members and multi-site keys are for those who manage members.
    teamEntries: can(actor, 'members'),
    site: query.site,
    actor: query.actor,
    action: query.action,
    before: query.cursor,
    limit: query.limit,
  });
  c.header('cache-control', 'private, no-store');
  return c.json({ entries: page.entries, next_cursor: page.next === null ? null : String(page.next) });
});
