/** Every site, for the admin token (the site picker and the sites view share one list). */
import { signal } from '@preact/signals';
import { listSites, type Site } from '../api/admin';
import { type ApiFailure, toFailure } from '../api/client';

export const sites = signal<Site[] | null>(null);
export const sitesError = signal<ApiFailure | null>(null);

export async function loadSites(): Promise<void> {
  try {
    sites.value = await listSites();
    sitesError.value = null;
  } catch (error) {
    sitesError.value = toFailure(error);
  }
}
