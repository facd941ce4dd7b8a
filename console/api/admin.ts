/** Admin endpoints (the admin token), typed with shared/'s schemas. */
import type { ReadKeyInfo, Site, SiteCreate, SitePatch } from '../../shared/schemas/site';
import type { SurveyCreate, SurveyPatch, SurveyRecord } from '../../shared/schemas/survey';
import { getJson } from './client';
import { segment } from './path';

export type { ReadKeyInfo, Site, SurveyRecord };

const at = (site: string) => `/v1/admin/sites/${segment('site', site)}`;

export async function listSites(signal?: AbortSignal): Promise<Site[]> {
  return (await getJson<{ sites: Site[] }>('/v1/admin/sites', { signal })).sites;
}

export function createSite(body: SiteCreate): Promise<{ site: string; read_key: string; prefix: string }> {
  return getJson('/v1/admin/sites', { method: 'POST', body });
}

export function getSite(site: string, signal?: AbortSignal): Promise<Site> {
  return getJson<Site>(at(site), { signal });
}

export function patchSite(site: string, body: SitePatch): Promise<Site> {
  return getJson<Site>(at(site), { method: 'PATCH', body });
}

export function createKey(site: string): Promise<{ read_key: string; prefix: string }> {
  return getJson(`${at(site)}/keys`, { method: 'POST' });
}

/** The site's keys by prefix, newest first, revoked ones too. */
export async function listKeys(site: string, signal?: AbortSignal): Promise<ReadKeyInfo[]> {
  return (await getJson<{ keys: ReadKeyInfo[] }>(`${at(site)}/keys`, { signal })).keys;
}

export function revokeKey(site: string, prefix: string): Promise<void> {
  return getJson(`${at(site)}/keys/${segment('prefix', prefix)}`, { method: 'DELETE' });
}

export function eraseUser(site: string, user: string): Promise<{ user: string; deleted: number }> {
  return getJson(`${at(site)}/users/${segment('user', user)}`, { method: 'DELETE' });
}

export async function listSurveys(site: string, signal?: AbortSignal): Promise<SurveyRecord[]> {
  return (await getJson<{ surveys: SurveyRecord[] }>(`${at(site)}/surveys`, { signal })).surveys;
}

export function getSurvey(site: string, id: string, signal?: AbortSignal): Promise<SurveyRecord> {
  return getJson<SurveyRecord>(`${at(site)}/surveys/${segment('survey', id)}`, { signal });
}

export function createSurvey(site: string, body: SurveyCreate): Promise<{ id: string }> {
  return getJson(`${at(site)}/surveys`, { method: 'POST', body });
}

export function patchSurvey(site: string, id: string, body: SurveyPatch): Promise<SurveyRecord> {
  return getJson<SurveyRecord>(`${at(site)}/surveys/${segment('survey', id)}`, { method: 'PATCH', body });
}
