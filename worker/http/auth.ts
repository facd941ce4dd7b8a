/**
 * Who is asking (docs/contract.md §12). A bearer token, only from the
 * Authorization header (never a query string, which would end up in logs),
 * is judged alone: a read key, an API key, or the admin token, secrets
 * compared in constant time. Without one, a person signed in through
 * Cloudflare Access: the verified assertion when ACCESS_AUD is set, else
 * `ctx.access` where the platform gives it. Like Hono's
 * `bearerAuth({ verifyToken })`, this is given its lookups; it never reaches
 * into storage itself.
 */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { ALL_SITES, type Role, type Scope } from '../../shared/roles';
import type { Actor } from '../team/actor';
import { ownerEmails } from '../team/actor';
import type { AppEnv } from '../env';
import { adminToken } from '../config';
import { secretsEqual, sha256Hex } from '../crypto';
import { API_KEY_PATTERN, READ_KEY_PATTERN, apiKeyPrefix, readKeyPrefix } from '../ids';
import { ACCESS_COOKIE, ACCESS_HEADER, accessConfig, verifyAssertion } from './access';
import { ApiError } from './errors';

function bearer(c: Context<AppEnv>): string | null {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

const unauthorized = (message = 'send Authorization: Bearer <token>, or sign in through Cloudflare Access') =>
  new ApiError('unauthorized', message, undefined, { 'www-authenticate': 'Bearer' });

/** A live API key as stored: the SHA-256 of the key, what it may do, and when it was last used (Unix ms). */
export interface StoredApiKey {
  id: string;
  hash: string;
  scopes: Scope[];
  sites: string[];
  lastUsedAt: number | null;
}

/** A member as stored: role, sites, and when last seen (Unix ms). */
export interface StoredMember {
  role: Role;
  sites: string[];
  lastSeenAt: number | null;
}

/** What identification needs from storage: given by routes/guards.ts. */
export interface AuthLookups {
  /** A live read key by its prefix: its site and the SHA-256 of the key. */
  findReadKey(c: Context<AppEnv>, prefix: string): Promise<{ site: string; hash: string } | null>;
  findApiKey(c: Context<AppEnv>, prefix: string): Promise<StoredApiKey | null>;
  /** A member by verified email. */
  findMember(c: Context<AppEnv>, email: string): Promise<StoredMember | null>;
}

/** The execution context's Access identity, when the platform provides one. */
function platformAccess(c: Context<AppEnv>): CloudflareAccessContext | undefined {
  try {
    // Hono types its context without the Workers runtime's `access`.
    return (c.executionCtx as { access?: CloudflareAccessContext }).access;
  } catch {
    // A direct `app.request` without an execution context.
    return undefined;
  }
}

/** Can anyone sign in here at all? Without an admin token or Access, guarded routes answer 503, never "open". */
function signInConfigured(c: Context<AppEnv>): boolean {
  return Boolean(c.env.ADMIN_TOKEN) || Boolean(c.env.ACCESS_AUD?.trim()) || platformAccess(c) !== undefined;
}

async function fromBearer(c: Context<AppEnv>, token: string, lookups: AuthLookups): Promise<Actor> {
  if (READ_KEY_PATTERN.test(token)) {
    const prefix = readKeyPrefix(token);
    const key = await lookups.findReadKey(c, prefix);
    if (!key || !(await secretsEqual(key.hash, await sha256Hex(token)))) throw unauthorized('this read key is unknown or revoked');
    return { kind: 'read_key', role: 'viewer', scopes: [], sites: [key.site], prefix };
  }
  if (API_KEY_PATTERN.test(token)) {
    const prefix = apiKeyPrefix(token);
    const key = await lookups.findApiKey(c, prefix);
    if (!key || !(await secretsEqual(key.hash, await sha256Hex(token)))) throw unauthorized('this API key is unknown or revoked');
    return { kind: 'api_key', role: null, scopes: key.scopes, sites: key.sites, prefix, keyId: key.id, lastActiveAt: key.lastUsedAt };
  }
  if (!c.env.ADMIN_TOKEN && signInConfigured(c)) throw unauthorized('this token is not a key of this deployment');
  // Without any way to sign in, adminToken() answers 503: never "open".
  if (await secretsEqual(token, adminToken(c.env))) return { kind: 'admin_token', role: 'owner', scopes: [], sites: [ALL_SITES] };
  throw unauthorized('this token is not a key of this deployment');
}

/** The verified email of a person signed in through Access, or null when Access is not in front of this Worker. */
async function accessEmail(c: Context<AppEnv>): Promise<string | null> {
  const config = accessConfig(c.env);
  if (config) {
    const assertion = c.req.header(ACCESS_HEADER) ?? getCookie(c, ACCESS_COOKIE);
    if (!assertion) throw unauthorized('sign in through Cloudflare Access (no Cf-Access-Jwt-Assertion), or send Authorization: Bearer <token>');
    return verifyAssertion(assertion, config);
  }
  const access = platformAccess(c);
  if (!access) return null;
  const identity = await access.getIdentity();
  const email = identity?.email;
  if (typeof email !== 'string' || !email.includes('@')) throw unauthorized('Cloudflare Access gave no email for this request');
  return email.toLowerCase();
}

/** A verified email as an actor: OWNER_EMAILS are owners; anyone else must be a member (403 not_a_member). */
async function fromEmail(c: Context<AppEnv>, email: string, lookups: AuthLookups): Promise<Actor> {
  const member = await lookups.findMember(c, email);
  const lastActiveAt = member ? member.lastSeenAt : undefined;
  if (ownerEmails(c.env).includes(email)) return { kind: 'member', email, role: 'owner', scopes: [], sites: [ALL_SITES], lastActiveAt };
  if (!member) throw new ApiError('not_a_member', `${email} is signed in but is not a member of this team: ask an owner to add you`);
  return { kind: 'member', email, role: member.role, scopes: [], sites: member.sites, lastActiveAt };
}

/**
 * Who sends this request, or 401 (no or a wrong credential), 403
 * not_a_member, or 503 when nothing to sign in with is configured.
 */
export async function identify(c: Context<AppEnv>, lookups: AuthLookups): Promise<Actor> {
  const token = bearer(c);
  if (token) return fromBearer(c, token, lookups);
  const email = await accessEmail(c);
  if (email) return fromEmail(c, email, lookups);
  if (!signInConfigured(c)) throw new ApiError('unavailable', 'no way to sign in is configured: set the ADMIN_TOKEN secret or put the Worker behind Cloudflare Access');
  throw unauthorized();
}
