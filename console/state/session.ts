/**
 * Who is signed in. The token lives in sessionStorage (gone when the tab
 * closes), or also in localStorage when the person asked to be remembered on
 * this device (every tab of this browser, until sign-out); never in a URL.
 * It leaves the page only in the Authorization header (api/client.ts).
 */
import { computed, signal } from '@preact/signals';

export interface Session {
  token: string;
  /** A read key sees one site's analyst views; the admin token sees every site and the admin views. */
  role: 'reader' | 'admin';
  /** The read key's site (the key itself does not say which). */
  site?: string;
}

/** Why the console signed out on its own, shown on the sign-in form. */
export interface SignOutNotice {
  code: string;
  message: string;
}

const KEY = 'cx:console:session';

/** Read keys have a fixed shape (`cxr_` + 8 + `_` + 32); anything else is tried as the admin token. */
export const READ_KEY = /^cxr_[0-9a-z]{8}_[0-9a-z]{32}$/;

export function roleOf(token: string): Session['role'] {
  return READ_KEY.test(token) ? 'reader' : 'admin';
}

/** This tab's session, else the one remembered on this device. */
function stored(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY) ?? 'null') as Session | null;
    return value && typeof value.token == 'string' ? value : null;
  } catch {
    return null;
  }
}

export const session = signal<Session | null>(stored());
export const notice = signal<SignOutNotice | null>(null);
export const isAdmin = computed(() => session.value?.role == 'admin');

/** `remember`: keep the session for new tabs of this browser too, until sign-out. */
export function signIn(value: Session, remember = false): void {
  sessionStorage.setItem(KEY, JSON.stringify(value));
  if (remember) localStorage.setItem(KEY, JSON.stringify(value));
  else localStorage.removeItem(KEY);
  notice.value = null;
  session.value = value;
}

export function signOut(why: SignOutNotice | null = null): void {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
  notice.value = why;
  session.value = null;
}
