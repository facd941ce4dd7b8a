/**
 * `POST /v1/admin/sites/{site}/surveys/{id}/links`: mint up to 1,000 signed
 * links for a survey at once, for an email, an SMS or a printed QR code.
 * No row per link: each token carries its site, survey, channel, recipient
 * fields and expiry; only how many links were minted is counted (response
 * rates). Mounted before the other admin routes.
 */
import { Hono } from 'hono';
import { LinkMint } from '../../shared/schemas/links';
import { isoUtc } from '../../shared/time';
import type { AppEnv } from '../env';
import { countLinkMints } from '../db/link-mints';
import { linkSigningKey, requireAdmin } from '../http/auth';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { parseWith } from '../http/validate';
import { mintLinks } from '../links/mint';
import { existingSite, existingSurvey } from './params';

export const linkAdminRoutes = new Hono<AppEnv>();

const MINT = '/v1/admin/sites/:site/surveys/:id/links';
const DAY_MS = 86_400_000;

/**
 * A thousand recipients do not fit the API's usual 8 KiB: each may carry a
 * user id of 128 characters, a touchpoint and a locale. 1 MiB holds a
 * thousand of the longest in UTF-8.
 */
export const MINT_MAX_BODY_BYTES = 1024 * 1024;

linkAdminRoutes.use(MINT, requireAdmin);

linkAdminRoutes.post(MINT, async function mintSurveyLinks(c) {
  const site = await existingSite(c);
  const survey = await existingSurvey(c, site);
  const body = parseWith(LinkMint, await readJson(c.req.raw, MINT_MAX_BODY_BYTES), 'invalid_body');
  // Links to a paused survey would only ever show "closed".
  if (!survey.active) throw new ApiError('conflict', 'this survey is paused: resume it before minting links');
  const key = linkSigningKey(c.env);
  // Whole seconds: the token keeps its expiry in seconds.
  const expiresAt = Math.floor((Date.now() + body.expires_days * DAY_MS) / 1000) * 1000;
  const links = await mintLinks({
    key,
    origin: new URL(c.req.url).origin,
    site,
    survey,
    channel: body.channel,
    expiresAt,
    recipients: body.recipients,
  });
  // Counted once the links exist, before they are handed out: the denominator of the channel's response rate.
  await countLinkMints(c.env.DB, { survey: survey.id, channel: body.channel, at: Date.now(), touchpoints: body.recipients.map((r) => r.touchpoint) }).run();
  return c.json({ expires_at: isoUtc(expiresAt), links }, 201);
});
