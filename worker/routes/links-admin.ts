/**
 * `POST /v1/admin/sites/{site}/surveys/{id}/links`: mint up to 1,000 links
 * for a survey at once, for an email, an SMS or a printed QR code. No row
 * per link: each (encrypted) token carries its site, survey, channel,
 * recipient fields and expiry; only how many links were minted is counted
 * (response rates). The touchpoints the links carry take their value slots
 * at once, as the journey's do. Mounted before the other admin routes.
 */
import { Hono } from 'hono';
import { LinkMint } from '../../shared/schemas/links';
import { isoUtc } from '../../shared/time';
import type { AppEnv } from '../env';
import { linkKeys } from '../config';
import { batchAudited } from '../db/audit';
import { countLinkMints } from '../db/link-mints';
import { registerValues } from '../db/values';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { parseWith } from '../http/validate';
import { mintLinks } from '../links/mint';
import { auditOf, sentFields } from './audit-entry';
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

linkAdminRoutes.post(MINT, async function mintSurveyLinks(c) {
  const site = await existingSite(c);
  const survey = await existingSurvey(c, site);
  const sent = await readJson(c.req.raw, MINT_MAX_BODY_BYTES);
  const body = parseWith(LinkMint, sent, 'invalid_body');
  // Links to a paused survey would only ever show "closed".
  if (!survey.active) throw new ApiError('conflict', 'this survey is paused: resume it before minting links');
  const { current } = linkKeys(c.env);
  const now = Date.now();
  // Whole seconds: the token keeps its expiry in seconds.
  const expiresAt = Math.floor((now + body.expires_days * DAY_MS) / 1000) * 1000;
  const links = await mintLinks({
    secret: current,
    origin: new URL(c.req.url).origin,
    site,
    survey,
    channel: body.channel,
    expiresAt,
    recipients: body.recipients,
    reusable: body.reusable,
  });
  // Counted once the links exist, before they are handed out: the denominator of the channel's response rate.
  // The touchpoints they carry and the audit entry (never a token or a recipient) in the same transaction.
  await batchAudited(
    c.env.DB,
    [
      countLinkMints(c.env.DB, { survey: survey.id, channel: body.channel, at: now, touchpoints: body.recipients.map((r) => r.touchpoint) }),
      ...linkTouchpoints(c.env.DB, site, body.recipients, now),
    ],
    auditOf(c, 'links.minted', { site, target: survey.id, fields: sentFields(sent) }, now),
  );
  return c.json({ expires_at: isoUtc(expiresAt), links }, 201);
});

/** The touchpoints minted links carry are the admin's, like the journey's: never capped out. */
function linkTouchpoints(db: D1Database, site: string, recipients: { touchpoint?: string }[], now: number): D1PreparedStatement[] {
  const touchpoints = recipients.flatMap((r) => (r.touchpoint ? [r.touchpoint] : []));
  return touchpoints.length > 0 ? [registerValues(db, site, 'touchpoint', touchpoints, 'link', now)] : [];
}
