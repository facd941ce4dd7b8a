/** Path parameters shared by analyst and admin routes. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { SiteKey } from '../../shared/schemas/common';
import type { AppEnv } from '../env';
import { getSite } from '../db/sites';
import { ApiError } from '../http/errors';

/** The `:site` of the path, known to exist, or 404 unknown_site. */
export async function existingSite(c: Context<AppEnv>): Promise<string> {
  const key = c.req.param('site') ?? '';
  if (!v.is(SiteKey, key) || !(await getSite(c.env.DB, key))) throw new ApiError('unknown_site', `no site ${key}`);
  return key;
}
