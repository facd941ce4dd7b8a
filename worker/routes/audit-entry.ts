/** Audit entries as routes write them: signed by the actor the guard found, naming fields, never values. */
import type { Context } from 'hono';
import type { AuditAction } from '../../shared/schemas/team';
import { auditActor } from '../team/actor';
import type { AuditRecord } from '../db/audit';
import type { AppEnv } from '../env';
import { actorOf } from '../http/guard';

export interface AuditAbout {
  site?: string | null;
  /** What was changed: a survey or webhook id, a key's prefix, an email. Never a secret. */
  target?: string | null;
  fields?: readonly string[];
}

/** The entry for a write this request is about to make, for the write's own batch. */
export function auditOf(c: Context<AppEnv>, action: AuditAction, about: AuditAbout = {}, now = Date.now()): AuditRecord {
  return { at: now, actor: auditActor(actorOf(c)), action, site: about.site ?? null, target: about.target ?? null, fields: about.fields ?? [] };
}

/** The fields of `patch` whose values differ from `before`'s (compared as JSON). */
export function changedFields(before: object, patch: object): string[] {
  const old = before as Record<string, unknown>;
  return Object.entries(patch)
    .filter(([field, value]) => JSON.stringify(value ?? null) !== JSON.stringify(old[field] ?? null))
    .map(([field]) => field);
}

/** The fields a request body named (a creation's entry lists what was set, not the defaults filled in). */
export function sentFields(body: unknown): string[] {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
}
