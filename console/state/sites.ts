/**
 * The sites the signed-in caller reaches (the site picker and the sites view
 * share one list), and the site this browser last looked at, so that signing
 * in opens it again rather than whichever site came first.
 */
import { effect, signal } from '@preact/signals';
import { listSites, type Site } from '../api/admin';
import { type ApiFailure, toFailure } from '../api/client';
import { session } from './session';

export const sites = signal<Site[] | null>(null);
export const sitesError = signal<ApiFailure | null>(null);

// Someone else signing in may reach other sites: their list is asked for afresh.
effect(() => {
  void session.value;
  sites.value = null;
});

export async function loadSites(): Promise<void> {
  try {
    sites.value = await listSites();
    sitesError.value = null;
  } catch (error) {
    sitesError.value = toFailure(error);
  }
}

const LAST = 'cx:console:site';

/** Remember the site on screen for this browser (not a secret: a site key is in every page's tag). */
export function rememberSite(site: string): void {
  try {
    localStorage.setItem(LAST, site);
  } catch {
    // storage blocked: the next sign-in opens the newest site
  }
}

/**
 * The site to open when the URL names none: the one this browser looked at
 * last, if it still exists; else the newest (the only one, when there is one:
 * a shop's own site rather than a demo made before it).
 */
export function siteToOpen(list: Site[]): string | undefined {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST);
  } catch {
    // storage blocked
  }
  return list.find((s) => s.site == last)?.site ?? list[list.length - 1]?.site;
}
