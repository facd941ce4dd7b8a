/** The current site's meta (name, journey, surveys, touchpoints seen), fetched once per site and shared by the views. */
import { fetchMeta } from '../api/analyst';
import type { SiteMeta } from '../../shared/schemas/site';
import { useResource } from './resource';

const cache = new Map<string, SiteMeta>();

export function useMeta(site: string) {
  const resource = useResource<SiteMeta>(site || null, async (signal) => {
    const known = cache.get(site);
    if (known) return known;
    const meta = await fetchMeta(site, signal);
    cache.set(site, meta);
    return meta;
  });
  return resource;
}

/** After an admin change (a survey created, the journey edited). */
export function forgetMeta(site: string): void {
  cache.delete(site);
}
