/**
 * A site's value slots (`GET /v1/admin/sites/{site}/values`): the
 * touchpoints and locales it has used, each with where it came from and the
 * day it was last seen. A slot unseen for 30 days frees itself; an admin may
 * free one at once (`DELETE …/values/{field}/{value}`).
 */
import * as v from 'valibot';

/** Fields that take value slots, as they are named in a path. */
export const VALUE_FIELDS = ['touchpoint', 'locale'] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];
export const ValueFieldParam = v.picklist(VALUE_FIELDS, 'must be touchpoint or locale');

/** Where a slot's value came from, strongest first: a journey step, a minted link, answers, exposure events only. */
export const VALUE_SOURCES = ['journey', 'link', 'answers', 'events'] as const;
export type ValueSource = (typeof VALUE_SOURCES)[number];

export const ValueSlot = v.object({
  value: v.string(),
  source: v.picklist(VALUE_SOURCES),
  /** The start of the UTC day it was last seen (day resolution). */
  last_seen: v.string(),
});

/** `200` answer to `GET /v1/admin/sites/{site}/values`. */
export const SiteValues = v.object({
  touchpoints: v.array(ValueSlot),
  locales: v.array(ValueSlot),
});
export type SiteValues = v.InferOutput<typeof SiteValues>;
