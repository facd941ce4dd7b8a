/** The sites the signed-in caller reaches (the site picker and the sites view share one list). */
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
