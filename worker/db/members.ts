/** Members of the team: an email, a role and the sites it reaches (`["*"]` for all). */
import { ACTIVITY_NOTE_MS } from '../../shared/limits';
import { ALL_SITES, type Role } from '../../shared/roles';
import type { Member } from '../../shared/schemas/team';
import { isoUtc } from '../../shared/time';
import { auditStatement, type AuditRecord } from './audit';

interface MemberRow {
  email: string;
  role: Role;
  sites: string;
  created_at: number;
  last_seen_at: number | null;
}

const COLUMNS = 'email, role, sites, created_at, last_seen_at';

function toMember(row: MemberRow): Member {
  return {
    email: row.email,
    role: row.role,
    sites: JSON.parse(row.sites) as string[],
    created_at: isoUtc(row.created_at),
    last_seen_at: row.last_seen_at === null ? null : isoUtc(row.last_seen_at),
  };
}

/** A member as sign-in needs it: role, sites, and when it was last seen (Unix ms). */
export async function findMember(db: D1Database, email: string): Promise<{ role: Role; sites: string[]; lastSeenAt: number | null } | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM members WHERE email = ?`).bind(email).first<MemberRow>();
  return row ? { role: row.role, sites: JSON.parse(row.sites) as string[], lastSeenAt: row.last_seen_at } : null;
}

export async function getMember(db: D1Database, email: string): Promise<Member | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM members WHERE email = ?`).bind(email).first<MemberRow>();
  return row ? toMember(row) : null;
}

/** Every member, owners first, then by email. */
export async function listMembers(db: D1Database): Promise<Member[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM members ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'analyst' THEN 2 ELSE 3 END, email`)
    .all<MemberRow>();
  return results.map(toMember);
}

/** Members who reach `site` (every site's members included), by email. */
export async function membersWithAccess(db: D1Database, site: string): Promise<Member[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM members WHERE EXISTS (SELECT 1 FROM json_each(members.sites) WHERE value IN (?, ?)) ORDER BY email`)
    .bind(ALL_SITES, site)
    .all<MemberRow>();
  return results.map(toMember);
}

/**
 * SQL that holds when the member `?1` may stop being an owner: it is not
 * one, bootstrap owners exist (`?2`, OWNER_EMAILS), or another owner does.
 */
const ANOTHER_OWNER_REMAINS = `(?2 = 1 OR EXISTS (SELECT 1 FROM members AS other WHERE other.role = 'owner' AND other.email <> ?1))`;

export interface MemberChange {
  email: string;
  role: Role;
  sites: readonly string[];
  now: number;
  /** OWNER_EMAILS names someone: the deployment keeps an owner whatever happens here. */
  bootstrapOwners: boolean;
}

/**
 * Create or replace a member, with its audit entry, in one transaction.
 * Demoting the last owner (with no bootstrap owners) changes nothing.
 */
export async function putMember(db: D1Database, change: MemberChange, audit: AuditRecord): Promise<'stored' | 'last_owner'> {
  const [upserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO members (email, role, sites, created_at) VALUES (?1, ?3, ?4, ?5)
         ON CONFLICT (email) DO UPDATE SET role = excluded.role, sites = excluded.sites
          WHERE excluded.role = 'owner' OR members.role <> 'owner' OR ${ANOTHER_OWNER_REMAINS}`,
      )
      .bind(change.email, change.bootstrapOwners ? 1 : 0, change.role, JSON.stringify(change.sites), change.now),
    auditStatement(db, audit, { ifChanged: true }),
  ]);
  return upserted!.meta.changes > 0 ? 'stored' : 'last_owner';
}

/** Remove a member, with its audit entry; never the last owner while there are no bootstrap owners. */
export async function removeMember(
  db: D1Database,
  args: { email: string; bootstrapOwners: boolean },
  audit: AuditRecord,
): Promise<'removed' | 'not_found' | 'last_owner'> {
  const [deleted] = await db.batch([
    db
      .prepare(`DELETE FROM members WHERE email = ?1 AND (role <> 'owner' OR ${ANOTHER_OWNER_REMAINS})`)
      .bind(args.email, args.bootstrapOwners ? 1 : 0),
    auditStatement(db, audit, { ifChanged: true }),
  ]);
  if (deleted!.meta.changes > 0) return 'removed';
  return (await findMember(db, args.email)) ? 'last_owner' : 'not_found';
}

/** Note that a member signed in; writes nothing when it was noted less than ACTIVITY_NOTE_MS ago. */
export async function touchMember(db: D1Database, email: string, now: number): Promise<void> {
  await db
    .prepare('UPDATE members SET last_seen_at = ?1 WHERE email = ?2 AND (last_seen_at IS NULL OR last_seen_at <= ?1 - ?3)')
    .bind(now, email, ACTIVITY_NOTE_MS)
    .run();
}
