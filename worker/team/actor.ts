/**
 * Who is asking: one value per request, resolved once by the guard
 * (routes/guards.ts) and read by routes through `actorOf(c)`. The same value
 * decides what the request may do (shared/roles.ts) and signs its audit entries.
 */
import type { Grant } from '../../shared/roles';
import type { AuditActor } from '../db/audit';

export interface Actor extends Grant {
  /**
   * `member`: a person signed in through Cloudflare Access (or named in
   * OWNER_EMAILS); `admin_token`: the deployment's token, an owner;
   * `api_key`: a `cxk_…` key with scopes; `read_key`: a `cxr_…` key, a viewer of its site.
   */
  kind: 'member' | 'admin_token' | 'api_key' | 'read_key';
  /** Members: the verified email, lowercased. */
  email?: string;
  /** Keys: the public prefix that names the key. */
  prefix?: string;
  /** API keys: the id that revokes the key. */
  keyId?: string;
  /**
   * Stored members and API keys: when last noted as seen or used (Unix ms,
   * null for never), so that the note is written at most every ACTIVITY_NOTE_MS.
   * Absent for everyone else (nothing to note).
   */
  lastActiveAt?: number | null;
}

/** OWNER_EMAILS: comma-separated emails that are owners whatever the members table says (the bootstrap). */
export function ownerEmails(env: { OWNER_EMAILS?: string }): string[] {
  return (env.OWNER_EMAILS ?? '')
    .split(',')
    .map((email) => email.trim().toLowerCase())
    .filter((email) => email.includes('@'));
}

/** The actor as its audit entries name it: an email, a key's prefix, or the admin token. */
export function auditActor(actor: Actor): AuditActor {
  if (actor.kind === 'member') return { kind: 'member', email: actor.email };
  if (actor.kind === 'api_key') return { kind: 'api_key', key: actor.prefix };
  // Read keys write nothing (viewers); anything else that writes is the admin token.
  return { kind: 'admin_token' };
}

/** Who made an API key (`created_by`): a member's email, or `admin_token` (no key may make keys). */
export function actorName(actor: Actor): string {
  return actor.email ?? 'admin_token';
}

/** The actor in words, for a 403's message. */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'member':
      return `${actor.email} (${actor.role})`;
    case 'admin_token':
      return 'the admin token';
    case 'api_key':
      return `API key ${actor.prefix} (scopes: ${actor.scopes.join(', ')})`;
    case 'read_key':
      return 'a read key';
  }
}
