/**
 * Building blocks shared by every payload schema. Messages are written for
 * the person reading a 400: they name the rule that was broken.
 */
import * as v from 'valibot';
import { SITE_KEY, SURVEY_ID } from '../id-patterns';
import { META_BYTES } from '../limits';
import { isReadableTag } from '../locale-format';

/** Opaque site key as pasted in `data-site` (also a path segment). */
export const SiteKey = v.pipe(v.string('must be a string'), v.regex(SITE_KEY.pattern, SITE_KEY.message));

/** Survey ids are made by the server; same alphabet as site keys. */
export const SurveyId = v.pipe(v.string('must be a string'), v.regex(SURVEY_ID.pattern, SURVEY_ID.message));

/** A client-made UUID (any version), the idempotency key of a response. */
export const Uuid = v.pipe(
  v.string('must be a string'),
  v.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a UUID'),
  v.toLowerCase(),
);

/** A touchpoint of the customer journey: a slug such as `checkout`. */
export const TOUCHPOINT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const Touchpoint = v.pipe(
  v.string('must be a string'),
  v.regex(TOUCHPOINT_PATTERN, 'must match ^[a-z0-9][a-z0-9_-]{0,63}$'),
);

/** A BCP 47 language tag, kept in its canonical case (`en-GB`, `fa`). */
export const Locale = v.pipe(
  v.string('must be a string'),
  v.maxLength(35, 'must be at most 35 characters'),
  v.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as en, fa or en-GB'),
  // Tags Intl refuses (`en-a`: a singleton without its extension) would make every
  // later formatting of the answer throw: refused here instead.
  v.check(isReadableTag, 'must be a BCP 47 language tag such as en, fa or en-GB'),
  v.transform((tag) => Intl.getCanonicalLocales(tag)[0] ?? tag),
);

/**
 * A lone UTF-16 surrogate (JSON can write one: "\ud800") is not Unicode text:
 * it has no UTF-8 form, and D1 stores bytes for it that read back as U+FFFD,
 * so what was stored would not be what was sent. Every free text refuses it.
 */
const LONE_SURROGATE = /\p{Cs}/u;
export const unicodeText = v.check((s: string) => !LONE_SURROGATE.test(s), 'must be valid Unicode text (no lone surrogates)');

/**
 * Control characters are not text: JSON writes each as six bytes (\u0001),
 * so they would also let a short text outgrow any byte budget. Free text
 * keeps tabs and line breaks; one-line values (ids, paths, keys) keep none.
 * Values refuse them; what a person typed drops them (`withoutControls`).
 */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f-\u009f]/;
export const noControlText = v.check((s: string) => !CONTROL_IN_TEXT.test(s), 'must not contain control characters');
/**
 * What a person typed (a comment, a name): invisible control characters a
 * paste brought along are dropped rather than the text refused, so a
 * visitor's words are not lost to a stray form feed.
 */
export const withoutControls = v.transform((s: string) => s.replace(new RegExp(CONTROL_IN_TEXT.source, 'g'), ''));
export const noControlLine = v.check((s: string) => !CONTROL_IN_LINE.test(s), 'must not contain control characters or line breaks');

/** Bytes of a value as UTF-8 JSON: what it weighs in a request body. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Length in Unicode code points, so an emoji counts as one character. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function text(max: number) {
  return v.pipe(
    v.string('must be a string'),
    unicodeText,
    noControlText,
    v.check((s) => codePoints(s) <= max, `must be at most ${max} characters`),
  );
}

export function nonEmptyText(max: number) {
  return v.pipe(
    v.string('must be a string'),
    unicodeText,
    withoutControls,
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.check((s) => codePoints(s) <= max, `must be at most ${max} characters`),
  );
}

/**
 * For documentation generators: the record each plain-object guard below
 * stands in front of (JSON Schema conversion stops at a custom check).
 */
export const RECORD_BEHIND_GUARD = new WeakMap<object, v.GenericSchema>();

/**
 * A JSON object of string keys. valibot's `record` also takes arrays (their
 * indexes become keys), which a client never means.
 */
export function plainRecord<K extends v.GenericSchema<string, string | number>, V extends v.GenericSchema>(key: K, value: V, message: string) {
  const guard = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), message);
  const record = v.record(key, value, message);
  RECORD_BEHIND_GUARD.set(guard, record);
  return v.pipe(guard, record);
}

/** Text per locale, e.g. `{ "en": "…", "fa": "…" }`; at least one locale. */
export const LocalizedText = v.pipe(
  plainRecord(Locale, nonEmptyText(500), 'must be an object of locale → text'),
  v.check((o) => Object.keys(o).length >= 1, 'must have text in at least one locale'),
  v.check((o) => Object.keys(o).length <= 50, 'must have at most 50 locales'),
);

/** Keys JSON may carry but that must never become object keys here. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Free-form context from the site: ≤ 20 keys, keys ≤ 40 chars, strings ≤ 200. */
export const Meta = v.pipe(
  plainRecord(
    v.pipe(
      v.string(),
      v.minLength(1, 'keys must not be empty'),
      unicodeText,
      noControlLine,
      v.check((k) => codePoints(k) <= 40, 'keys must be at most 40 characters'),
      v.check((k) => !FORBIDDEN_KEYS.has(k), 'this key is reserved'),
    ),
    v.union(
      [text(200), v.pipe(v.number(), v.finite()), v.boolean()],
      'values must be strings of at most 200 characters, numbers or booleans',
    ),
    'must be an object',
  ),
  v.check((o) => Object.keys(o).length <= 20, 'must have at most 20 keys'),
  v.check((o) => jsonBytes(o) <= META_BYTES, `must be at most ${META_BYTES} bytes as JSON`),
);

/** An opaque visitor id chosen by the site. */
export const UserId = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  unicodeText,
  noControlLine,
  v.check((s) => codePoints(s) <= 128, 'must be at most 128 characters'),
);

/** Date or date-time as an analyst types it; resolved against `tz` later. */
export const DateParam = v.pipe(
  v.string(),
  v.regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
    'must be an ISO date (2026-11-01) or date-time (2026-11-01T09:00:00Z)',
  ),
);

/** A `limit` query parameter: an integer from 1 to `max`, given as text. */
export function limitParam(max: number) {
  const message = `must be an integer between 1 and ${max}`;
  return v.pipe(v.string(), v.regex(/^\d{1,6}$/, message), v.transform(Number), v.minValue(1, message), v.maxValue(max, message));
}
