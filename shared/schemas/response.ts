/** Payloads the widget sends: an answer, its late comment, and exposure events. */
import * as v from 'valibot';
import { ANSWER_TEXT_BYTES, PAGE_BYTES } from '../limits';
import { Locale, Meta, SiteKey, SurveyId, Touchpoint, UserId, Uuid, jsonBytes, noControlLine, nonEmptyText, unicodeText } from './common';

export const COMMENT_MAX = 2000;

/** A page path; query string and fragment are dropped before storage (privacy). */
export const PagePath = v.pipe(
  v.string('must be a string'),
  unicodeText,
  noControlLine,
  v.check((path) => jsonBytes(path) <= PAGE_BYTES, `must be at most ${PAGE_BYTES} bytes`),
  v.startsWith('/', 'must be a path starting with /'),
  v.transform((path) => path.replace(/[?#][\s\S]*$/, '')),
);

/**
 * The score is checked against 0–10 here; the survey's kind narrows it
 * (CSAT 1–5, CES 1–7) once the server knows which survey it is.
 */
export const Score = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must be between 0 and 10'),
  v.maxValue(10, 'must be between 0 and 10'),
);

/**
 * `POST /v1/responses`. Each field has its limit, and the optional free text
 * together has one more (ANSWER_TEXT_BYTES), so that every valid answer fits
 * in a request body: a client is never refused for size (413) what the
 * field rules allow.
 */
export const ResponseBody = v.pipe(
  v.strictObject({
    id: Uuid,
    site: SiteKey,
    survey: SurveyId,
    score: Score,
    comment: v.optional(nonEmptyText(COMMENT_MAX)),
    touchpoint: v.optional(Touchpoint),
    locale: v.optional(Locale),
    page: v.optional(PagePath),
    user: v.optional(UserId),
    meta: v.optional(Meta),
  }),
  v.check(
    (r) => jsonBytes([r.comment, r.page, r.user, r.meta]) <= ANSWER_TEXT_BYTES,
    `comment, page, user and meta together must be at most ${ANSWER_TEXT_BYTES} bytes; send a long comment on its own`,
  ),
);
export type ResponseBody = v.InferOutput<typeof ResponseBody>;
export type ResponseInput = v.InferInput<typeof ResponseBody>;

/** `POST /v1/responses/{id}/comment` */
export const CommentBody = v.strictObject({
  site: SiteKey,
  comment: nonEmptyText(COMMENT_MAX),
});
export type CommentBody = v.InferOutput<typeof CommentBody>;

export const EVENT_TYPES = ['shown', 'dismissed'] as const;

/**
 * `POST /v1/events`. `locale` is an addition to the contract (optional) so
 * that response rates can be broken down by locale too; `user` (also
 * optional) lets a site with a cooldown count a survey shown to an
 * identified visitor on every device (docs/contract.md §15). It is not stored.
 */
export const EventBody = v.strictObject({
  site: SiteKey,
  survey: SurveyId,
  type: v.picklist(EVENT_TYPES, 'must be "shown" or "dismissed"'),
  touchpoint: v.optional(Touchpoint),
  locale: v.optional(Locale),
  user: v.optional(UserId),
});
export type EventBody = v.InferOutput<typeof EventBody>;
export type EventInput = v.InferInput<typeof EventBody>;

/** `201` / `200` answer to a posted response. */
export const ResponseStored = v.object({
  id: v.string(),
  duplicate: v.optional(v.literal(true)),
});
export type ResponseStored = v.InferOutput<typeof ResponseStored>;

export const CommentStored = v.object({ id: v.string() });
