/**
 * Who may do what (docs/contract.md §12): the one table from role and scope
 * to abilities. The Worker's guard reads it for every route
 * (worker/permissions.ts names the ability each route needs) and the console
 * reads it to offer only what the signed-in person may do.
 */

/** A member's role: owners run the deployment, admins their sites, analysts read and work cases, viewers read. */
export const ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What an API key (`cxk_…`) may do: read (§4, §7, §14), write cases (§13), manage its sites (§5, §9, §10). */
export const SCOPES = ['read', 'cases', 'manage'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a route needs. `read`, `cases` and `manage` act on one site (or, for
 * a route without a site, on every site); `keys`, `members` and `audit` are
 * the team's own pages.
 */
export const ABILITIES = ['read', 'cases', 'manage', 'keys', 'members', 'audit'] as const;
export type Ability = (typeof ABILITIES)[number];

/** Abilities of each role. Admins see only their sites' keys and audit entries (the routes filter by site). */
export const ROLE_ABILITIES: Record<Role, readonly Ability[]> = {
  owner: ['read', 'cases', 'manage', 'keys', 'members', 'audit'],
  admin: ['read', 'cases', 'manage', 'keys', 'audit'],
  analyst: ['read', 'cases'],
  viewer: ['read'],
};

/** Abilities of each API key scope: no key manages members or keys, nor reads the audit log. */
export const SCOPE_ABILITIES: Record<Scope, readonly Ability[]> = {
  read: ['read'],
  cases: ['cases'],
  manage: ['manage'],
};

/** Every site, in a member's or a key's `sites`. */
export const ALL_SITES = '*';

/**
 * What a caller holds: a role (members, the admin token as owner, a read key
 * as viewer) or scopes (API keys), and the sites it reaches (`["*"]` for all).
 */
export interface Grant {
  role: Role | null;
  scopes: readonly Scope[];
  sites: readonly string[];
}

export function can(grant: Grant, ability: Ability): boolean {
  if (grant.role !== null) return ROLE_ABILITIES[grant.role].includes(ability);
  return grant.scopes.some((scope) => SCOPE_ABILITIES[scope].includes(ability));
}

/** Does the grant reach this site (or, for `*`, every site)? */
export function reaches(grant: Pick<Grant, 'sites'>, site: string): boolean {
  return grant.sites.includes(ALL_SITES) || (site !== ALL_SITES && grant.sites.includes(site));
}

/** Does the grant reach every one of these sites? */
export function reachesAll(grant: Pick<Grant, 'sites'>, sites: readonly string[]): boolean {
  return sites.every((site) => reaches(grant, site));
}

/** Who may do this, in words for a 403: "the owner or admin role, or an API key with scope manage". */
export function whoMay(ability: Ability): string {
  const roles = ROLES.filter((role) => ROLE_ABILITIES[role].includes(ability));
  const scopes = SCOPES.filter((scope) => SCOPE_ABILITIES[scope].includes(ability));
  const roleText = `the ${roles.join(' or ')} role`;
  return scopes.length > 0 ? `${roleText}, or an API key with scope ${scopes.join(' or ')}` : `${roleText} (no API key may)`;
}
