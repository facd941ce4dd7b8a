/**
 * Link survey pages, `/r/{token}`: a signed link's question, answered from
 * an email, an SMS or a printed QR code, without the widget.
 *
 * - GET shows the page and never records anything: mail scanners open every
 *   link. `?score=N` highlights N, and the page's script presses it.
 * - POST records the answer with the token's user, touchpoint, locale and
 *   channel, once per token (the answer's id is derived from the token), then
 *   redirects to GET, so a reload never posts again. The follow-up comment
 *   follows the widget's rules: once, within 60 minutes.
 * - Every refusal is a readable page with its status: 404 for a forged or
 *   damaged token, 410 for an expired one or a closed survey, 400, 403, 409,
 *   413, 415, 429 and 503 as elsewhere.
 *
 * Mounted before the API's own security headers: these are documents, with
 * their own Content-Security-Policy.
 */
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import * as v from 'valibot';
import { SCALES } from '../../shared/kinds';
import { LinkAnswerForm, LinkCommentForm, LinkPageQuery } from '../../shared/schemas/links';
import { COMMENT_MAX } from '../../shared/schemas/response';
import type { SurveyRecord } from '../../shared/schemas/survey';
import { followUpText, requestedLocale } from '../../shared/survey-text';
import type { AppEnv } from '../env';
import { type LinkAnswer, findLinkAnswer } from '../db/links';
import { COMMENT_WINDOW_MS, addComment, insertResponse } from '../db/responses';
import { getSurvey } from '../db/surveys';
import { deviceOf } from '../device';
import { linkSigningKey } from '../http/auth';
import { ApiError } from '../http/errors';
import { logBug } from '../log';
import { readForm } from '../http/form';
import { limitClient, limitSite, limited, quotaClient } from '../http/rate-limit';
import { answersPerClientHour, country, waitUntilOf } from '../http/request';
import { sameOriginOnly } from '../http/same-origin';
import { PAGE_CSS, PAGE_JS } from '../links/assets';
import { queueNewDeliveries } from '../webhooks/handoff';
import { questionIn } from '../links/mint';
import { PAGE_CSS_PATH, PAGE_JS_PATH, answeredPage, messagePage, questionPage } from '../links/pages';
import { type Look, type PageOnlyStrings, lookOf, withNumber } from '../links/strings';
import { type LinkClaims, checkToken } from '../links/token';

export const linkPageRoutes = new Hono<AppEnv>();

/** Each request's look, once the token (then the survey) says which locale the page speaks: refusals use it too. */
const looks = new WeakMap<Request, Look>();

const PAGE = '/r/:token';
const COMMENT = '/r/:token/comment';

/** Messages a refusal page can show. */
type Refusal = { [K in keyof PageOnlyStrings]: PageOnlyStrings[K] extends readonly [string, string] ? K : never }[keyof PageOnlyStrings];

/** A refusal decided here: shown as a page with its status. */
class PageRefusal extends Error {
  constructor(
    readonly status: 404 | 409 | 410,
    readonly refusal: Refusal,
  ) {
    super(refusal);
  }
}

/** Refusals of the shared HTTP layer (rate limits, bodies, origin, configuration), as pages. */
const API_REFUSALS: Partial<Record<ApiError['code'], Refusal>> = {
  rate_limited: 'busy',
  payload_too_large: 'tooLarge',
  forbidden: 'forbidden',
  unavailable: 'unavailable',
};

linkPageRoutes.use(
  '/r/*',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // Same-origin form posts then carry a real Origin (under no-referrer they carry `null`),
    // and the token in the URL never leaves in a Referer.
    referrerPolicy: 'same-origin',
  }),
);

/**
 * The look of a refusal that came before the token was read (a rate limit
 * is checked first, to cost nothing): the token's locale if it is genuine
 * and still readable, else English.
 */
async function refusalLook(c: Context<AppEnv>): Promise<Look> {
  const known = looks.get(c.req.raw);
  if (known) return known;
  const token = c.req.param('token');
  if (token && c.env.LINK_SIGNING_KEY) {
    const check = await checkToken(c.env.LINK_SIGNING_KEY, token, Date.now());
    if (check.status !== 'invalid' && check.claims.locale) return lookOf(check.claims.locale);
  }
  return lookOf('en');
}

linkPageRoutes.onError(async function refusalPage(error, c) {
  const look = await refusalLook(c);
  if (error instanceof PageRefusal) return page(c, error.status, messagePage(look, look.strings[error.refusal]));
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return page(c, error.status, messagePage(look, look.strings[API_REFUSALS[error.code] ?? 'unreadable']));
  }
  logBug(c.req, error);
  return page(c, 500, messagePage(look, look.strings.unavailable));
});

function page(c: Context<AppEnv>, status: number, body: string): Response {
  return c.html(body, status as 200, { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
}

linkPageRoutes.get(PAGE_CSS_PATH, function pageCss(c) {
  return c.body(PAGE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' });
});

linkPageRoutes.get(PAGE_JS_PATH, function pageJs(c) {
  return c.body(PAGE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' });
});

interface OpenLink {
  token: string;
  claims: LinkClaims;
  answerId: string;
  survey: SurveyRecord;
  question: string;
  look: Look;
}

/** The token checked, its survey open, and the page's locale: or the refusal, as a page. */
async function openLink(c: Context<AppEnv>): Promise<OpenLink> {
  const token = c.req.param('token') ?? '';
  const check = await checkToken(linkSigningKey(c.env), token, Date.now());
  if (check.status === 'invalid') throw new PageRefusal(404, 'invalid');
  const { claims } = check;
  looks.set(c.req.raw, lookOf(claims.locale ?? 'en'));
  if (check.status === 'expired') throw new PageRefusal(410, 'expired');
  // Read at once, not through the public caches: a paused survey's links close the moment it is paused.
  const survey = await getSurvey(c.env.DB, claims.site, claims.survey);
  if (!survey?.active) throw new PageRefusal(410, 'closed');
  // The token's locale, else the browser's first; the page speaks the language its question is found in.
  const browser = c.req.header('accept-language')?.split(',', 1)[0]!.split(';', 1)[0]!.trim();
  const { locale, question } = questionIn(survey, requestedLocale(claims.locale, '', browser));
  const look = lookOf(locale);
  looks.set(c.req.raw, look);
  return { token, claims, answerId: check.answerId, survey, question, look };
}

/** A posted score (or `?score=N`) on the survey's scale, or null. */
function scoreOf(link: OpenLink, form: unknown): number | null {
  const parsed = v.safeParse(LinkAnswerForm, form);
  if (!parsed.success) return null;
  const { min, max } = SCALES[link.survey.kind];
  return parsed.output.score >= min && parsed.output.score <= max ? parsed.output.score : null;
}

function question(link: OpenLink, options: { chosen?: number; notice?: string } = {}): string {
  return questionPage({ look: link.look, kind: link.survey.kind, question: link.question, action: `/r/${link.token}`, ...options });
}

/** Redirect statuses the page's own posts end with: each only picks the message shown. */
const STATUS_MESSAGES = { recorded: 'received', done: 'received', already: 'already', commented: 'commented' } as const;

/** The page once the link has its answer: thanks, and the comment form while a comment can still be added. */
function answered(link: OpenLink, answer: LinkAnswer, status: string | undefined, options: { notice?: string; commentOpen?: boolean } = {}): string {
  const strings = link.look.strings;
  const message = strings[STATUS_MESSAGES[status as keyof typeof STATUS_MESSAGES] ?? 'already'];
  const open =
    (options.commentOpen ?? true) && !answer.commented && status !== 'done' && status !== 'commented' && Date.now() - answer.createdAt < COMMENT_WINDOW_MS;
  // No follow-up text in the survey: no follow-up question (as in the widget).
  const prompt = open ? followUpText(link.survey, answer.score, link.look.lang) : undefined;
  return answeredPage({
    look: link.look,
    message,
    notice: options.notice,
    comment: prompt ? { action: `/r/${link.token}/comment`, prompt } : undefined,
  });
}

// Reads cost the database too (the token's answer and survey): the client's budget applies.
linkPageRoutes.get(PAGE, limitClient, async function showLink(c) {
  const link = await openLink(c);
  const query = v.parse(LinkPageQuery, c.req.query());
  const answer = await findLinkAnswer(c.env.DB, link.claims.site, link.answerId);
  if (answer) return page(c, 200, answered(link, answer, query.status));
  if (query.score === undefined || query.score === '') return page(c, 200, question(link));
  const chosen = scoreOf(link, { score: query.score });
  if (chosen === null) return page(c, 400, question(link, { notice: link.look.strings.badScore }));
  return page(c, 200, question(link, { chosen }));
});

// Writes: the client's budget before any body is read, and only from the page itself.
linkPageRoutes.post(PAGE, limitClient, sameOriginOnly, async function recordAnswer(c) {
  const link = await openLink(c);
  const form = await readForm(c.req.raw);
  await limitSite(c, link.claims.site);
  const score = scoreOf(link, form);
  if (score === null) return page(c, 400, question(link, { notice: link.look.strings.badScore }));
  const { claims } = link;
  const outcome = await insertResponse(
    c.env.DB,
    {
      id: link.answerId,
      site: claims.site,
      survey: claims.survey,
      kind: link.survey.kind,
      score,
      channel: claims.channel,
      user: claims.user,
      touchpoint: claims.touchpoint,
      // The recipient's locale; without one, the locale the page spoke (as the widget stores).
      locale: claims.locale ?? link.look.lang,
      country: country(c),
      device: deviceOf(c.req.header('user-agent')),
      createdAt: Date.now(),
    },
    // One client answering many links of one survey is held to the widget's hourly quota too.
    { client: await quotaClient(c), limit: answersPerClientHour(c) },
  );
  if (outcome === 'conflict') throw new PageRefusal(409, 'unreadable');
  if (outcome === 'over_quota') throw limited('client for this survey');
  if (outcome === 'stored') await queueNewDeliveries(c.env, waitUntilOf(c), { site: claims.site, response: link.answerId, event: 'response.created' });
  return c.redirect(`/r/${link.token}?status=${outcome === 'stored' ? 'recorded' : 'already'}`, 303);
});

linkPageRoutes.post(COMMENT, limitClient, sameOriginOnly, async function recordComment(c) {
  const link = await openLink(c);
  const form = v.safeParse(LinkCommentForm, await readForm(c.req.raw));
  const answer = await findLinkAnswer(c.env.DB, link.claims.site, link.answerId);
  // A comment needs its answer first: back to the question.
  if (!answer) return c.redirect(`/r/${link.token}`, 303);
  if (!form.success) {
    const tooLong = form.issues.some((issue) => issue.type === 'check');
    const notice = tooLong ? withNumber(link.look, link.look.strings.commentTooLong, COMMENT_MAX) : link.look.strings.unreadable[1];
    return page(c, 400, answered(link, answer, 'recorded', { notice }));
  }
  if (form.output.comment === '') return c.redirect(`/r/${link.token}?status=done`, 303);
  await limitSite(c, link.claims.site);
  const outcome = await addComment(c.env.DB, { id: link.answerId, site: link.claims.site, comment: form.output.comment, now: Date.now() });
  if (outcome === 'not_found') return c.redirect(`/r/${link.token}`, 303);
  if (outcome === 'conflict') {
    const notice = withNumber(link.look, link.look.strings.commentClosed, COMMENT_WINDOW_MS / 60_000);
    return page(c, 409, answered(link, answer, 'already', { notice, commentOpen: false }));
  }
  await queueNewDeliveries(c.env, waitUntilOf(c), { site: link.claims.site, response: link.answerId, event: 'response.commented' });
  return c.redirect(`/r/${link.token}?status=commented`, 303);
});

// The comment form's address, opened as a page (a reload after a refused comment): the link's page.
linkPageRoutes.get(COMMENT, function commentPage(c) {
  return c.redirect(`/r/${c.req.param('token')}`, 303);
});
