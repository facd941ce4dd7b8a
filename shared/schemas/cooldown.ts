/**
 * The site's cooldown (docs/contract.md §15): after a visitor answers or is
 * shown any of the site's surveys, none is shown for `cooldown_days`. The
 * widget keeps it in the visitor's storage; for an identified visitor the
 * collector keeps it too, so a phone and a laptop ask once between them.
 */
import * as v from 'valibot';
import { SiteKey, UserId } from './common';

export const COOLDOWN_DAYS_MAX = 365;

export const CooldownDays = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, `must be between 0 and ${COOLDOWN_DAYS_MAX}`),
  v.maxValue(COOLDOWN_DAYS_MAX, `must be between 0 and ${COOLDOWN_DAYS_MAX}`),
);

/** `POST /v1/due`: may this identified visitor be asked now? */
export const DueBody = v.strictObject({ site: SiteKey, user: UserId });
export type DueBody = v.InferOutput<typeof DueBody>;

/** `{ "due": true }`, or `{ "due": false, "until": "…" }` with the end of the cooldown. */
export const DueAnswer = v.object({ due: v.boolean(), until: v.optional(v.string()) });
export type DueAnswer = v.InferOutput<typeof DueAnswer>;
