/**
 * The team (docs/contract.md §12): members and their roles, API keys with
 * scopes, and the audit log of every admin write.
 */
import * as v from 'valibot';
import { ALL_SITES, ROLES, SCOPES } from '../roles';
import { SiteKey, limitParam, nonEmptyText } from './common';

/** An email address as Cloudflare Access reports it; kept lowercased. */
export const Email = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'must be at most 254 characters'),
  v.email('must be an email address such as ana@example.com'),
);

/** A site list can name this many sites; more is `["*"]`'s job. */
export const MAX_GRANT_SITES = 100;

/** The sites a member or a key reaches: `["*"]` (every site, today's and later ones) or site keys. */
export const SiteGrant = v.pipe(
  v.array(v.union([v.literal(ALL_SITES), SiteKey], 'must be "*" or a site key'), 'must be a list of site keys, or ["*"] for every site'),
  v.minLength(1, 'must name at least one site, or "*" for every site'),
  v.maxLength(MAX_GRANT_SITES, `must name at most ${MAX_GRANT_SITES} sites (or "*" for every site)`),
  v.check((sites) => !sites.includes(ALL_SITES) || sites.length === 1, '"*" means every site and stands alone'),
  v.check((sites) => new Set(sites).size === sites.length, 'must name each site once'),
);

const Role = v.picklist(ROLES, `must be one of ${ROLES.join(', ')}`);

/**
 * `PUT /v1/admin/members/{email}`: an owner reaches every site (`sites` may
 * be left out); every other role names its sites.
 */
export const MemberPut = v.pipe(
  v.strictObject({ role: Role, sites: v.optional(SiteGrant) }),
  v.forward(
    v.check((m) => m.role !== 'owner' || m.sites === undefined || (m.sites.length === 1 && m.sites[0] === ALL_SITES), 'an owner reaches every site: leave sites out or send ["*"]'),
    ['sites'],
  ),
  v.forward(
    v.check((m) => m.role === 'owner' || m.sites !== undefined, 'is required for this role (["*"] for every site)'),
    ['sites'],
  ),
  v.transform((m) => ({ role: m.role, sites: m.sites ?? [ALL_SITES] })),
);
export type MemberPut = v.InferOutput<typeof MemberPut>;

export const Member = v.object({
  email: v.string(),
  role: Role,
  sites: v.array(v.string()),
  created_at: v.string(),
  last_seen_at: v.nullable(v.string()),
});
export type Member = v.InferOutput<typeof Member>;

/** `GET /v1/admin/members`; `owner_emails` are the deployment's bootstrap owners (OWNER_EMAILS), members or not. */
export const MemberList = v.object({ members: v.array(Member), owner_emails: v.array(v.string()) });
export type MemberList = v.InferOutput<typeof MemberList>;

const Scopes = v.pipe(
  v.array(v.picklist(SCOPES, `must be one of ${SCOPES.join(', ')}`), 'must be a list of scopes'),
  v.minLength(1, 'must name at least one scope'),
  v.transform((scopes) => SCOPES.filter((s) => scopes.includes(s))),
);

/** `POST /v1/admin/api-keys` */
export const ApiKeyCreate = v.strictObject({ name: nonEmptyText(100), scopes: Scopes, sites: SiteGrant });
export type ApiKeyCreate = v.InferOutput<typeof ApiKeyCreate>;

export const ApiKeyId = v.pipe(v.string('must be a string'), v.regex(/^ak_[0-9a-z]{16}$/, 'must be an API key id (ak_…)'));

const ApiKeyFields = {
  id: v.string(),
  prefix: v.string(),
  name: v.string(),
  scopes: v.array(v.picklist(SCOPES)),
  sites: v.array(v.string()),
  created_at: v.string(),
};

/** The key itself is shown here once; only its hash is stored. */
export const ApiKeyCreated = v.object({ ...ApiKeyFields, key: v.string() });
export type ApiKeyCreated = v.InferOutput<typeof ApiKeyCreated>;

export const ApiKeyInfo = v.object({
  ...ApiKeyFields,
  /** The member's email, or `admin_token`. */
  created_by: v.string(),
  last_used_at: v.nullable(v.string()),
  revoked_at: v.nullable(v.string()),
});
export type ApiKeyInfo = v.InferOutput<typeof ApiKeyInfo>;

export const ApiKeyList = v.object({ keys: v.array(ApiKeyInfo) });

/**
 * What the audit log records. A family (`survey`) in `?action=` matches all
 * of its actions.
 */
export const AUDIT_ACTIONS = [
  'site.created', 'site.updated',
  'survey.created', 'survey.updated',
  'read_key.created', 'read_key.revoked',
  'webhook.created', 'webhook.updated', 'webhook.deleted', 'webhook.tested', 'webhook.delivery_retried',
  'links.minted',
  'value.freed',
  'response.erased', 'user.erased',
  'case.opened', 'case.updated', 'case.noted',
  'member.added', 'member.updated', 'member.removed',
  'api_key.created', 'api_key.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_FAMILIES = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]!))];

export const AUDIT_ACTOR_KINDS = ['member', 'admin_token', 'api_key'] as const;

export const AuditEntry = v.object({
  id: v.string(),
  at: v.string(),
  actor: v.object({
    kind: v.picklist(AUDIT_ACTOR_KINDS),
    email: v.optional(v.string()),
    /** An API key's prefix, never the key. */
    key: v.optional(v.string()),
  }),
  action: v.picklist(AUDIT_ACTIONS),
  site: v.nullable(v.string()),
  target: v.nullable(v.string()),
  /** Names of the fields that changed, never their values. */
  fields: v.array(v.string()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;

export const AuditPage = v.object({ entries: v.array(AuditEntry), next_cursor: v.nullable(v.string()) });
export type AuditPage = v.InferOutput<typeof AuditPage>;

export const AUDIT_MAX_LIMIT = 200;

/** `GET /v1/admin/audit`: `actor` is an email, an API key's prefix, or `admin_token`. */
export const AuditQuery = v.strictObject({
  site: v.optional(SiteKey),
  actor: v.optional(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.minLength(1, 'must not be empty'), v.maxLength(254, 'must be at most 254 characters'))),
  action: v.optional(v.picklist([...AUDIT_ACTIONS, ...AUDIT_FAMILIES], 'must be an audit action such as survey.updated, or a family such as survey')),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, 'is not a cursor this API made'), v.transform(Number))),
  limit: v.optional(limitParam(AUDIT_MAX_LIMIT), '50'),
});
export type AuditQuery = v.InferOutput<typeof AuditQuery>;
