/** Sites and their read keys (admin API). */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { TOUCHPOINTS_PER_SITE } from '../limits';
import type { BuiltInLocale } from '../locale';
import { ROLES, SCOPES } from '../roles';
import { CaseSettings } from './case-settings';
import { SiteKey, Touchpoint, nonEmptyText, plainRecord } from './common';
import { CooldownDays } from './cooldown';

/**
 * A browser origin a site's widget runs on: scheme, host and optional port,
 * nothing else. Normalised to what browsers send in `Origin`.
 */
export const Origin = v.pipe(
  v.string('must be a string'),
  v.maxLength(300, 'must be at most 300 characters'),
  v.check(isOrigin, 'must be an origin such as https://shop.example (scheme, host, optional port; no path)'),
  v.transform((o) => new URL(o).origin),
);

function isOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return (url.protocol === 'https:' || url.protocol === 'http:') && bare && !value.includes('*');
}

/** `POST /v1/admin/sites` */
export const SiteCreate = v.strictObject({
  name: nonEmptyText(100),
  origins: v.pipe(v.array(Origin, 'must be a list of origins'), v.maxLength(50, 'must have at most 50 origins')),
});
export type SiteCreate = v.InferOutput<typeof SiteCreate>;

/** Touchpoints a journey may hold. */
export const JOURNEY_MAX = 50;

/** The customer journey: touchpoint slugs in the order customers meet them, each once. */
export const Journey = v.pipe(
  v.array(Touchpoint, 'must be a list of touchpoints'),
  v.maxLength(JOURNEY_MAX, `must have at most ${JOURNEY_MAX} touchpoints`),
  v.check((steps) => new Set(steps).size === steps.length, 'must name each touchpoint once'),
);

/**
 * Seconds after an answer when it counts as complete without its comment
 * (the `response.completed` webhook event; its comment completes it sooner).
 */
export const COMPLETE_AFTER_S = { min: 10, max: 3600, default: 120 } as const;

export const CompleteAfterS = v.pipe(
  v.number('must be a number of seconds'),
  v.integer('must be a whole number of seconds'),
  v.minValue(COMPLETE_AFTER_S.min, `must be between ${COMPLETE_AFTER_S.min} and ${COMPLETE_AFTER_S.max}`),
  v.maxValue(COMPLETE_AFTER_S.max, `must be between ${COMPLETE_AFTER_S.min} and ${COMPLETE_AFTER_S.max}`),
);

/** A touchpoint's name in a built-in locale, as the console shows it. */
export const TOUCHPOINT_LABEL_MAX = 40;
const Label = v.optional(nonEmptyText(TOUCHPOINT_LABEL_MAX));

/**
 * Touchpoints' names per built-in locale, `{ "checkout": { "en": "Checkout",
 * "fa": "پرداخت" } }`: where a locale has none, the slug is shown. Replaced
 * whole by a PATCH, as the journey is.
 */
export const TouchpointLabels = v.pipe(
  plainRecord(
    Touchpoint,
    v.pipe(
      v.strictObject({ en: Label, fa: Label, ar: Label } satisfies Record<BuiltInLocale, typeof Label>),
      v.check((labels) => Object.values(labels).some((label) => label !== undefined), 'must have a label in en, fa or ar'),
    ),
    'must be an object of touchpoint → labels',
  ),
  v.check((o) => Object.keys(o).length <= TOUCHPOINTS_PER_SITE, `must label at most ${TOUCHPOINTS_PER_SITE} touchpoints`),
);
export type TouchpointLabels = v.InferOutput<typeof TouchpointLabels>;

/** `PATCH /v1/admin/sites/{site}`: the name, the origins, the journey, `complete_after_s`, the cooldown, the touchpoints' labels or the `cases` settings. */
export const SitePatch = v.pipe(
  v.strictObject({
    name: v.optional(nonEmptyText(100)),
    origins: v.optional(SiteCreate.entries.origins),
    journey: v.optional(Journey),
    cooldown_days: v.optional(CooldownDays),
    complete_after_s: v.optional(CompleteAfterS),
    touchpoint_labels: v.optional(TouchpointLabels),
    /** Follow-up cases (docs/contract.md §13): whether low answers open one, the hours to first contact. */
    cases: v.optional(CaseSettings),
  }),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type SitePatch = v.InferOutput<typeof SitePatch>;

export const SiteCreated = v.object({
  site: SiteKey,
  /** Shown once; only its hash is stored. */
  read_key: v.string(),
  /** What `DELETE …/keys/{prefix}` takes to revoke this key. */
  prefix: v.string(),
});

export const KeyCreated = v.object({ read_key: v.string(), prefix: v.string() });

/**
 * `GET /v1/admin/sites/{site}/keys`: a site's read keys by their prefixes,
 * newest first, revoked ones too (with when). Only hashes are stored, so a
 * key itself is never listed.
 */
export const ReadKeyList = v.object({
  keys: v.array(
    v.object({
      prefix: v.string(),
      created_at: v.string(),
      revoked_at: v.nullable(v.string()),
    }),
  ),
});
export type ReadKeyList = v.InferOutput<typeof ReadKeyList>;
export type ReadKeyInfo = ReadKeyList['keys'][number];

export const Site = v.object({
  site: SiteKey,
  name: v.string(),
  origins: v.array(v.string()),
  journey: v.array(v.string()),
  cooldown_days: v.number(),
  complete_after_s: v.number(),
  touchpoint_labels: TouchpointLabels,
  cases: v.object({ auto: v.boolean(), sla_hours: v.number() }),
  created_at: v.string(),
});
export type Site = v.InferOutput<typeof Site>;

/**
 * `GET /v1/sites/{site}/meta` (read key): what an analyst's screens need to
 * offer their choices. Touchpoints and channels are those seen (answered or
 * shown) in the last 90 days, most used first.
 */
export const SiteMeta = v.object({
  site: SiteKey,
  name: v.string(),
  journey: v.array(v.string()),
  touchpoint_labels: TouchpointLabels,
  surveys: v.array(
    v.object({
      id: v.string(),
      kind: v.picklist(KINDS),
      name: v.nullable(v.string()),
      active: v.boolean(),
      /** The reasons it asks, by id with their labels per locale (breakdowns name them); none: an empty list. */
      reasons: v.array(v.object({ id: v.string(), label: v.record(v.string(), v.string()) })),
    }),
  ),
  touchpoints: v.array(v.string()),
  channels: v.array(v.string()),
});
export type SiteMeta = v.InferOutput<typeof SiteMeta>;

/**
 * `GET /v1/session`: who is asking. A read key (viewer of its site), the
 * admin token (an owner), a member signed in through Cloudflare Access, or an
 * API key with its scopes.
 */
export const SessionInfo = v.union([
  v.object({ role: v.literal('reader'), site: SiteKey }),
  v.object({ role: v.literal('admin') }),
  v.object({ role: v.literal('member'), email: v.string(), member_role: v.picklist(ROLES), sites: v.array(v.string()) }),
  v.object({ role: v.literal('api_key'), prefix: v.string(), scopes: v.array(v.picklist(SCOPES)), sites: v.array(v.string()) }),
]);
export type SessionInfo = v.InferOutput<typeof SessionInfo>;
