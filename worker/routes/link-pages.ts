/**
 * Link survey pages, `/r/{token}`: a link's question, answered from an
 * email, an SMS or a printed QR code, without the widget.
 *
 * - GET shows the page and never records anything: mail scanners open every
 *   link, and some run its page. `?score=N` checks N beside the comment box
 *   and the send button; the page has no script, so only a person's press
 *   sends it.
 * - POST records the score and comment together, with the token's user,
 *   touchpoint, locale and channel, then redirects to GET, so a reload never
 *   posts again. A single-use link records one answer (its id is derived
 *   from the token) and is its own budget; a reusable one records an answer
 *   per send, within the client's hourly quota. An answer sent without a
 *   comment may get one later, once, within 60 minutes (the widget's rule).
 * - Every refusal is a readable page with its status, in the token's locale
 *   (or the browser's when the token cannot be read): 404 for a forged or
 *   damaged token, 410 for an expired one, a closed survey or an erased
 *   user, 400, 403, 409, 413, 415, 429 (saying when to come back) and 503.
 *
 * Mounted before the API's own security headers: these are documents, with
 * their own Content-Security-Policy.
 */
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import * as v from 'valibot';
import { SCALES, scaleScores } from '../../shared/kinds';
import { LinkAnswerForm, LinkCommentForm, LinkPageQuery } from '../../shared/schemas/links';
import { COMMENT_MAX } from '../../shared/schemas/response';
import type { SurveyRecord } from '../../shared/schemas/survey';
import { followUpText, pickText, requestedLocale } from '../../shared/survey-text';
import type { AppEnv } from '../env';
import { type LinkKeys, linkKeys, linkKeysIfSet } from '../config';
import { type LinkAnswer, readLink } from '../db/links';
import { COMMENT_WINDOW_MS, addComment, insertResponse, quotaHourEnd } from '../db/responses';
import { deviceOf } from '../device';
import { ApiError } from '../http/errors';
import { logBug } from '../log';
import { readForm } from '../http/form';
import { limitClient, limitSite, overQuota, quotaClient } from '../http/rate-limit';
import { answersPerClientHour, country, waitUntilOf } from '../http/request';
import { sameOriginOnly } from '../http/same-origin';
import { PAGE_CSS, themeCss } from '../links/assets';
import { questionIn } from '../links/mint';
import { type Brand, PAGE_CSS_PATH, THEME_PATH, answeredPage, messagePage, questionPage } from '../links/pages';
import { type Look, type PageOnlyStrings, acceptedLocales, browserLocale, lookOf, withNumber, withWhen } from '../links/strings';
import { suppressionHashes } from '../links/suppression';
import { type LinkClaims, checkToken } from '../links/token';
import { ON_ANSWER, ON_COMMENT, queueNewDeliveries } from '../webhooks/handoff';

export const linkPageRoutes = new Hono<AppEnv>();

/** Each request's look (and brand, once the survey is read), for refusals too. */
const looks = new WeakMap<Request, { look: Look; brand?: Brand }>();

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
    // No script: nothing on a link's page can send it.
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
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
 * The look of a refusal that came before the link was opened (a rate limit
 * is checked first, to cost nothing): the token's locale if it is genuine
 * and still readable, else the browser's.
 */
async function refusalLook(c: Context<AppEnv>): Promise<{ look: Look; brand?: Brand }> {
  const known = looks.get(c.req.raw);
  if (known) return known;
  const token = c.req.param('token');
  const keys = linkKeysIfSet(c.env);
  if (token && keys) {
    const check = await checkToken(keys, token, Date.now());
    if (check.status !== 'invalid' && check.claims.locale) return { look: lookOf(check.claims.locale) };
  }
  return { look: lookOf(browserLocale(c.req.header('accept-language'))) };
}

linkPageRoutes.onError(async function refusalPage(error, c) {
  const { look, brand } = await refusalLook(c);
  if (error instanceof PageRefusal) return page(c, error.status, messagePage(look, look.strings[error.refusal], brand));
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    const [title, text] = look.strings[API_REFUSALS[error.code] ?? 'unreadable'];
    // A 429 says when to come back: the Retry-After it carries.
    const retryAfter = Number(error.headers?.['retry-after']);
    const said = error.code === 'rate_limited' && retryAfter > 0 ? withWhen(look, text, retryAfter) : text;
    return page(c, error.status, messagePage(look, [title, said], brand));
  }
  logBug(c.req, error);
  return page(c, 500, messagePage(look, look.strings.unavailable, brand));
});

function page(c: Context<AppEnv>, status: number, body: string): Response {
  return c.html(body, status as 200, { 'cache-control': 'no-store', 'x-robots-tag': 'noindex, nofollow' });
}

linkPageRoutes.get(PAGE_CSS_PATH, function pageCss(c) {
  return c.body(PAGE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' });
});

linkPageRoutes.get(THEME_PATH, function theme(c) {
  const hex = /^([0-9a-f]{3}|[0-9a-f]{6})\.css$/.exec(c.req.param('color'))?.[1];
  if (!hex) throw new PageRefusal(404, 'invalid');
  return c.body(themeCss(hex), 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' });
});

interface OpenLink {
  token: string;
  claims: LinkClaims;
  /** The single-use link's answer id; null for a reusable link. */
  answerId: string | null;
  survey: SurveyRecord;
  question: string;
  look: Look;
  brand: Brand;
  /** The keyed hashes of the link's user (none without one), checked again by the insert. */
  userHashes: string[];
  /** The answer stored under `answerId`, if any. */
  answer: LinkAnswer | null;
}

/** The token checked, its survey open, its user not erased, and the page's locale: or the refusal, as a page. */
async function openLink(c: Context<AppEnv>): Promise<OpenLink> {
  const token = c.req.param('token') ?? '';
  const keys: LinkKeys = linkKeys(c.env);
  const check = await checkToken(keys, token, Date.now());
  if (check.status === 'invalid') throw new PageRefusal(404, 'invalid');
  const { claims } = check;
  const browser = c.req.header('accept-language');
  // Refusals speak the recipient's language (the token's, else the browser's).
  const refusals = lookOf(claims.locale ?? browserLocale(browser));
  looks.set(c.req.raw, { look: refusals });
  if (check.status === 'expired') throw new PageRefusal(410, 'expired');
  const userHashes = claims.user ? await suppressionHashes(keys, claims.site, claims.user) : [];
  // Read at once, not through the public caches: a paused survey's links close the moment it is paused.
  const records = await readLink(c.env.DB, { site: claims.site, survey: claims.survey, userHashes, answerId: check.answerId });
  if (!records) throw new PageRefusal(410, 'closed');
  const { survey } = records;
  const brand: Brand = { siteName: records.siteName, color: survey.color };
  looks.set(c.req.raw, { look: refusals, brand });
  if (!survey.active) throw new PageRefusal(410, 'closed');
  if (records.suppressed) throw new PageRefusal(410, 'withdrawn');
  // The token's locale, else the browser's first; the page speaks the language its question is found in.
  const { locale, question } = questionIn(survey, requestedLocale(claims.locale, '', acceptedLocales(browser)[0]));
  const look = lookOf(locale);
  looks.set(c.req.raw, { look, brand });
  return { token, claims, answerId: check.answerId, survey, question, look, brand, userHashes, answer: records.answer };
}

/** A score on the survey's scale, or null. */
function onScale(link: OpenLink, score: number): number | null {
  const { min, max } = SCALES[link.survey.kind];
  return score >= min && score <= max ? score : null;
}

function question(link: OpenLink, options: { chosen?: number; comment?: string; notice?: string } = {}): string {
  const { survey, look } = link;
  const scores = scaleScores(survey.kind);
  // The survey's follow-up for low and other scores (as the widget asks it); without one, an open invitation.
  const prompts = {
    low: followUpText(survey, scores[0]!, look.lang) ?? look.strings.comment,
    high: followUpText(survey, scores.at(-1)!, look.lang) ?? look.strings.comment,
    none: pickText(survey.follow_up, look.lang)?.[1] ?? look.strings.comment,
  };
  return questionPage({
    look,
    brand: link.brand,
    kind: survey.kind,
    question: link.question,
    action: `/r/${link.token}`,
    prompts,
    ...(link.claims.reusable ? { answerId: crypto.randomUUID() } : {}),
    ...options,
  });
}

/** Redirect statuses of the page's own posts: each only picks the message shown. */
const STATUS_MESSAGES = { recorded: 'received', done: 'received', already: 'already', commented: 'commented' } as const;
type Status = keyof typeof STATUS_MESSAGES;
const statusOf = (text: string | undefined): Status | undefined => (text !== undefined && Object.hasOwn(STATUS_MESSAGES, text) ? (text as Status) : undefined);

/**
 * The page once the link has its answer: thanks, and the follow-up comment
 * form when the answer has none yet, its window is open, and the visitor
 * did not just send the form that held a comment box (never asked twice).
 */
function answered(link: OpenLink, answer: LinkAnswer | null, status: Status | undefined, options: { notice?: string; form?: boolean } = {}): string {
  const strings = link.look.strings;
  const message = strings[STATUS_MESSAGES[status ?? 'already']];
  const open =
    answer !== null &&
    (options.form ?? (status === undefined || status === 'already')) &&
    !answer.commented &&
    Date.now() - answer.createdAt < COMMENT_WINDOW_MS;
  // No follow-up text in the survey: the general invitation.
  const prompt = open ? (followUpText(link.survey, answer.score, link.look.lang) ?? strings.comment) : undefined;
  return answeredPage({
    look: link.look,
    brand: link.brand,
    message,
    notice: options.notice,
    comment: prompt ? { action: `/r/${link.token}/comment`, prompt } : undefined,
  });
}

// Reads cost the database too (the link's survey and answer): the client's budget applies.
linkPageRoutes.get(PAGE, limitClient, async function showLink(c) {
  const link = await openLink(c);
  const query = v.parse(LinkPageQuery, c.req.query());
  const status = statusOf(query.status);
  // A reusable link's page after a send thanks; otherwise it asks again (the next person at the counter).
  if (link.claims.reusable && status !== undefined) return page(c, 200, answered(link, null, status));
  if (link.answer) return page(c, 200, answered(link, link.answer, status));
  if (query.score === undefined || query.score === '') return page(c, 200, question(link));
  const parsed = v.safeParse(LinkAnswerForm.entries.score, query.score);
  const chosen = parsed.success ? onScale(link, parsed.output) : null;
  if (chosen === null) return page(c, 400, question(link, { notice: link.look.strings.badScore }));
  return page(c, 200, question(link, { chosen }));
});

/** The refusal page of a form that does not parse: the question again, with what was typed, and why. */
function refusedForm(link: OpenLink, form: Record<string, string>, issues: v.BaseIssue<unknown>[]): string {
  const strings = link.look.strings;
  const score = v.safeParse(LinkAnswerForm.entries.score, form.score);
  const chosen = score.success ? (onScale(link, score.output) ?? undefined) : undefined;
  const comment = typeof form.comment === 'string' ? form.comment.slice(0, COMMENT_MAX * 2) : undefined;
  const at = (key: string) => issues.some((issue) => issue.path?.[0]?.key === key);
  const notice =
    chosen === undefined
      ? form.score === undefined || form.score === ''
        ? strings.noScore
        : strings.badScore
      : at('comment') && issues.some((issue) => issue.type === 'check')
        ? withNumber(link.look, strings.commentTooLong, COMMENT_MAX)
        : strings.unreadable[1];
  return question(link, { chosen, comment, notice });
}

// Writes: the client's budget before any body is read, and only from the page itself.
linkPageRoutes.post(PAGE, limitClient, sameOriginOnly, async function recordAnswer(c) {
  const link = await openLink(c);
  const form = await readForm(c.req.raw);
  await limitSite(c, link.claims.site);
  const parsed = v.safeParse(LinkAnswerForm, form);
  const score = parsed.success ? onScale(link, parsed.output.score) : null;
  if (!parsed.success || score === null) return page(c, 400, refusedForm(link, form, parsed.success ? [] : parsed.issues));
  const { claims } = link;
  const comment = parsed.output.comment || undefined;
  // A single-use link's one answer; a reusable link's answer of this showing of its page.
  const id = link.answerId ?? parsed.output.answer?.toLowerCase() ?? crypto.randomUUID();
  const now = Date.now();
  const outcome = await insertResponse(
    c.env.DB,
    {
      id,
      site: claims.site,
      survey: claims.survey,
      kind: link.survey.kind,
      score,
      comment,
      channel: claims.channel,
      user: claims.user,
      touchpoint: claims.touchpoint,
      // The recipient's locale; without one, the locale the page spoke (as the widget stores).
      locale: claims.locale ?? link.look.lang,
      country: country(c),
      device: deviceOf(c.req.header('user-agent')),
      createdAt: now,
    },
    {
      // A valid, unused single-use link is its own budget; a reusable one is held to the client's hourly quota.
      quota: claims.reusable ? { client: await quotaClient(c), limit: answersPerClientHour(c) } : null,
      suppressed: link.userHashes,
      touchpointNamed: claims.touchpoint !== undefined,
    },
  );
  if (outcome === 'conflict') throw new PageRefusal(409, 'unreadable');
  if (outcome === 'over_quota') throw overQuota(quotaHourEnd(now), Date.now());
  if (outcome === 'suppressed') throw new PageRefusal(410, 'withdrawn');
  if (outcome === 'stored') await queueNewDeliveries(c.env, waitUntilOf(c), { site: claims.site, responses: [id], events: ON_ANSWER });
  return c.redirect(`/r/${link.token}?status=${outcome === 'stored' ? 'recorded' : 'already'}`, 303);
});

linkPageRoutes.post(COMMENT, limitClient, sameOriginOnly, async function recordComment(c) {
  const link = await openLink(c);
  const form = v.safeParse(LinkCommentForm, await readForm(c.req.raw));
  // A comment needs its answer first (a reusable link sends it with the score): back to the question.
  if (!link.answerId || !link.answer) return c.redirect(`/r/${link.token}`, 303);
  const { answer } = link;
  if (!form.success) {
    const tooLong = form.issues.some((issue) => issue.type === 'check');
    const notice = tooLong ? withNumber(link.look, link.look.strings.commentTooLong, COMMENT_MAX) : link.look.strings.unreadable[1];
    return page(c, 400, answered(link, answer, 'recorded', { notice, form: true }));
  }
  if (form.output.comment === '') return c.redirect(`/r/${link.token}?status=done`, 303);
  await limitSite(c, link.claims.site);
  const outcome = await addComment(c.env.DB, { id: link.answerId, site: link.claims.site, comment: form.output.comment, now: Date.now() });
  if (outcome === 'not_found') return c.redirect(`/r/${link.token}`, 303);
  if (outcome === 'conflict') {
    const notice = withNumber(link.look, link.look.strings.commentClosed, COMMENT_WINDOW_MS / 60_000);
    return page(c, 409, answered(link, answer, 'already', { notice, form: false }));
  }
  await queueNewDeliveries(c.env, waitUntilOf(c), { site: link.claims.site, responses: [link.answerId], events: ON_COMMENT });
  return c.redirect(`/r/${link.token}?status=commented`, 303);
});

// The comment form's address, opened as a page (a reload after a refused comment): the link's page,
// once the token is known to be one (anything else, a CR or LF too, is never put into a Location).
linkPageRoutes.get(COMMENT, async function commentPage(c) {
  const token = c.req.param('token') ?? '';
  if ((await checkToken(linkKeys(c.env), token, Date.now())).status === 'invalid') throw new PageRefusal(404, 'invalid');
  return c.redirect(`/r/${token}`, 303);
});
