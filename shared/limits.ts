/**
 * Limits of the public write endpoints, known to both sides: what a request
 * may weigh, and how many distinct values a site's answers may spread over.
 */

/** Request bodies over this many bytes are refused with 413. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * The optional free text of one answer (comment, page, user, meta), as UTF-8
 * JSON, fits in this many bytes: with the fixed fields (ids, score,
 * touchpoint, locale: under 400 bytes) every valid answer fits in a body.
 */
export const ANSWER_TEXT_BYTES = 7 * 1024;

/** `meta` as UTF-8 JSON, and `page`, at most this many bytes each. */
export const META_BYTES = 2048;
export const PAGE_BYTES = 1024;

/**
 * Distinct touchpoints and locales a site's answers and events may bring. A
 * further new value is stored empty (the answer is kept), so junk values
 * cannot multiply rollup rows or flood `group_by`.
 */
export const TOUCHPOINTS_PER_SITE = 100;
export const LOCALES_PER_SITE = 50;

/** `groups` in a scores answer: at most this many keys, then one `null` for the rest. */
export const MAX_GROUP_KEYS = 100;

/** After a pause, answers still waiting in visitors' outboxes are accepted this long. */
export const PAUSE_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Answers each period needs before a z-test of NPS or CSAT says anything
 * (shared/compare.ts), and a journey step before the console calls it the
 * weakest: below it, a normal approximation does not hold.
 */
export const MIN_TEST_N = 10;

/**
 * A member's `last_seen_at` and an API key's `last_used_at` are written at
 * most once in this many milliseconds, however many requests they send.
 */
export const ACTIVITY_NOTE_MS = 60_000;
