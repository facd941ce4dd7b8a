/**
 * Who is signed in, and what they may do. A pasted token lives in
 * sessionStorage (gone when the tab closes), or also in localStorage when the
 * person asked to be remembered on this device (every tab of this browser,
 * until sign-out); never in a URL. It leaves the page only in the
 * Authorization header (api/client.ts). A person behind Cloudflare Access
 * needs no token: the browser's Access session signs every request, and the
 * console asks the API who that is. What each role or scope may do is
 * shared/roles.ts's table, the same one the Worker enforces.
 */
import { computed, signal } from '@preact/signals';
import { ALL_SITES, type Ability, can, type Grant } from '../../shared/roles';
import type { SessionInfo } from '../../shared/schemas/site';
import { ApiFailure, getJson } from '../api/client';

export interface Session {
  /** The pasted token; absent when Cloudflare Access signed this person in. */
  token?: string;
  /** Who the API says this is (`GET /v1/session`). */
  who: SessionInfo;
}

/** Why the console signed out on its own (or could not sign in through Access), shown on the sign-in form. */
export interface SignOutNotice {
  code: string;
  message: string;
}

const KEY = 'cx:console:session';

/** This tab's session, else the one remembered on this device. */
function stored(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY) ?? 'null') as Session | null;
    return value && typeof value.token == 'string' && typeof value.who?.role == 'string' ? value : null;
  } catch {
    return null;
  }
}

export const session = signal<Session | null>(stored());
export const notice = signal<SignOutNotice | null>(null);

/** What a session holds: the admin token is an owner, a read key a viewer of its site (as the Worker has it). */
export function grantOf(who: SessionInfo): Grant {
  switch (who.role) {
    case 'admin':
      return { role: 'owner', scopes: [], sites: [ALL_SITES] };
    case 'reader':
      return { role: 'viewer', scopes: [], sites: [who.site] };
    case 'member':
      return { role: who.member_role, scopes: [], sites: who.sites };
    case 'api_key':
      return { role: null, scopes: who.scopes, sites: who.sites };
  }
}

export const grant = computed<Grant | null>(() => (session.value ? grantOf(session.value.who) : null));

/** May the signed-in caller do this (on some site)? */
export function may(ability: Ability): boolean {
  return grant.value !== null && can(grant.value, ability);
}

/** Does the signed-in caller reach every site (and so may, say, create one)? */
export const reachesEverySite = computed(() => grant.value?.sites.includes(ALL_SITES) ?? false);

/** The one site the session is held to (a read key's, a member's or a key's only site), or null. */
export const onlySite = computed(() => {
  const sites = grant.value?.sites ?? [];
  return sites.length == 1 && sites[0] != ALL_SITES ? sites[0]! : null;
});

/**
 * `remember`: keep the session for new tabs of this browser too, until
 * sign-out. Only a pasted token is kept: an Access session is asked for again
 * on each load.
 */
export function signIn(value: Session, remember = false): void {
  if (value.token) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
    if (remember) localStorage.setItem(KEY, JSON.stringify(value));
    else localStorage.removeItem(KEY);
  }
  notice.value = null;
  session.value = value;
}

export function signOut(why: SignOutNotice | null = null): void {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
  notice.value = why;
  session.value = null;
}

/**
 * Behind Cloudflare Access the browser is already signed in: ask the API who
 * this is, without a token. Resolves to the session, or null when there is
 * no Access session (a token is needed); a person Access knows but the team
 * does not is told so on the sign-in form.
 */
export async function signInThroughAccess(): Promise<Session | null> {
  try {
    const who = await getJson<SessionInfo>('/v1/session');
    const value = { who };
    signIn(value);
    return value;
  } catch (error) {
    if (error instanceof ApiFailure && error.code == 'not_a_member') notice.value = { code: error.code, message: error.message };
    return null;
  }
}
