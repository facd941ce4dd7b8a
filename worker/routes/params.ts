/** Path parameters of analyst and admin routes (the site and survey they name, known to exist), and site lists in bodies. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { SiteKey, SurveyId } from '../../shared/schemas/common';
import type { Site } from '../../shared/schemas/site';
import type { SurveyRecord } from '../../shared/schemas/survey';
import type { AppEnv } from '../env';
import { getSite, missingSites } from '../db/sites';
import { getSurvey } from '../db/surveys';
import { invalidField, unknownSite, unknownSurvey } from '../http/errors';
import { ALL_SITES } from '../../shared/roles';

/** The `:site` of the path, or 404 unknown_site. */
export async function pathSite(c: Context<AppEnv>): Promise<Site> {
  const key = c.req.param('site') ?? '';
  const site = v.is(SiteKey, key) ? await getSite(c.env.DB, key) : null;
  if (!site) throw unknownSite(key);
  return site;
}

/** The key of the `:site` of the path, known to exist, or 404 unknown_site. */
export async function existingSite(c: Context<AppEnv>): Promise<string> {
  return (await pathSite(c)).site;
}

/** The `:id` survey of the path on `site`, or 404 unknown_survey. */
export async function existingSurvey(c: Context<AppEnv>, site: string): Promise<SurveyRecord> {
  const id = c.req.param('id') ?? '';
  const survey = v.is(SurveyId, id) ? await getSurvey(c.env.DB, site, id) : null;
  if (!survey) throw unknownSurvey(site, id);
  return survey;
}

/** A body's `sites` (a member's or a key's): `["*"]`, or sites that exist; else 400 naming `sites`. */
export async function knownSites(c: Context<AppEnv>, sites: readonly string[]): Promise<string[]> {
  if (sites.includes(ALL_SITES)) return [ALL_SITES];
  const missing = await missingSites(c.env.DB, sites);
  if (missing.length > 0) throw invalidField('invalid_body', 'sites', `no site ${missing.join(', ')}`);
  return [...sites];
}
