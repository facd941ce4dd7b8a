/**
 * `GET /preview/email/{site}/{survey}?locale=fa`: a survey's email block of
 * score buttons as a mail client shows it (a white body, no stylesheet of
 * ours), for the console to frame at a desktop's or a phone's width before
 * links are minted. A document of its own, under its own CSP: no script,
 * styles only inline (as the block's are), framed only by this origin (the
 * console, which sandboxes the frame). Its buttons lead nowhere.
 *
 * It shows only what the site's public config already does (an active
 * survey's question, kind and colour), so it needs no token; the client's
 * rate limit applies to each read. Mounted before the API's headers.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import * as v from 'valibot';
import { scaleScores } from '../../shared/kinds';
import { Locale, SiteKey, SurveyId } from '../../shared/schemas/common';
import type { AppEnv } from '../env';
import { getSurvey } from '../db/surveys';
import { ApiError, invalidField } from '../http/errors';
import { limitClient } from '../http/rate-limit';
import { emailBlock } from '../links/email';
import { Html, html } from '../links/html';
import { questionIn } from '../links/mint';
import { lookOf } from '../links/strings';

export const emailPreviewRoutes = new Hono<AppEnv>();

const PREVIEW = '/preview/email/:site/:survey';

emailPreviewRoutes.use(
  '/preview/*',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'self'"],
    },
    xFrameOptions: 'SAMEORIGIN',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
  }),
);

emailPreviewRoutes.get(PREVIEW, limitClient, async function emailPreview(c) {
  const { site, survey: id } = c.req.param();
  const locale = c.req.query('locale') ?? 'en';
  if (!v.is(Locale, locale)) throw invalidField('invalid_query', 'locale', 'must be a BCP 47 language tag such as en, fa or en-GB');
  const survey = v.is(SiteKey, site) && v.is(SurveyId, id) ? await getSurvey(c.env.DB, site, id) : null;
  // Links are minted for active surveys only: a paused one has no block to show.
  if (!survey?.active) throw new ApiError('unknown_survey', `no active survey ${id} on site ${site}`);
  const { locale: found, question } = questionIn(survey, locale);
  const look = lookOf(found);
  // The block is markup made by emailBlock's own escaping template.
  const block = emailBlock({ look, kind: survey.kind, question, scoreUrls: scaleScores(survey.kind).map(() => '#'), color: survey.color });
  const page = html`<!doctype html>
<html lang="${look.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${question}</title>
</head>
<body style="margin:16px;background:#ffffff;color:#1a1c1f;font-family:serif">
${new Html(block)}
</body>
</html>
`;
  return c.html(page.text, 200, { 'cache-control': 'no-store' });
});
