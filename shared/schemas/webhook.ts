/**
 * Webhooks (admin API): where matching answers are posted, which ones, in
 * which format; their deliveries; the body a receiver gets; and the message
 * the Worker's own queue carries between the answer and the delivery.
 */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { Touchpoint, limitParam } from './common';

export const WEBHOOK_EVENTS = ['response.created', 'response.commented'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** Each one is a query per answer (a trigger matches them in SQL), so a site keeps few. */
export const MAX_WEBHOOKS_PER_SITE = 20;

export const WebhookId = v.pipe(v.string('must be a string'), v.regex(/^wh_[0-9a-z]{16}$/, 'must be a webhook id (wh_…)'));
export const DeliveryId = v.pipe(v.string('must be a string'), v.regex(/^msg_[0-9a-f]{32}$/, 'must be a delivery id (msg_…)'));

/**
 * Syntax only: an absolute http(s) URL without credentials, at most 2048
 * characters. Whether its host may be reached (https only, no private,
 * loopback or link-local address) depends on where the Worker runs, so the
 * Worker checks that on top (worker/webhooks/destination.ts).
 */
export const WebhookUrl = v.pipe(
  v.string('must be a string'),
  v.maxLength(2048, 'must be at most 2048 characters'),
  v.check((u) => URL.canParse(u), 'must be an absolute URL such as https://hooks.example/cx'),
  // valibot runs every check of a pipe: the ones below must hold up on any text.
  v.check((u) => !URL.canParse(u) || ['https:', 'http:'].includes(new URL(u).protocol), 'must be an https URL'),
  v.check((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'must not carry a user name or password'),
  // The fragment never reaches the server; keep what will be requested.
  v.transform((u) => {
    const url = new URL(u);
    url.hash = '';
    return url.href;
  }),
);

const Events = v.pipe(
  v.array(v.picklist(WEBHOOK_EVENTS, 'must be response.created or response.commented'), 'must be a list of events'),
  v.minLength(1, 'must name at least one event'),
  v.transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e))),
);

const ScoreBound = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must be between 0 and 10'),
  v.maxValue(10, 'must be between 0 and 10'),
);

/** Which answers a webhook wants; every field is optional, an absent one matches everything. */
export const WebhookFilter = v.pipe(
  v.strictObject({
    kinds: v.optional(
      v.pipe(
        v.array(v.picklist(KINDS, 'must be nps, csat or ces'), 'must be a list of kinds'),
        v.minLength(1, 'must name at least one kind (leave it out for all)'),
        v.transform((kinds) => KINDS.filter((k) => kinds.includes(k))),
      ),
    ),
    min_score: v.optional(ScoreBound),
    max_score: v.optional(ScoreBound),
    touchpoints: v.optional(
      v.pipe(
        v.array(Touchpoint, 'must be a list of touchpoints'),
        v.minLength(1, 'must name at least one touchpoint (leave it out for all)'),
        v.maxLength(50, 'must have at most 50 touchpoints'),
        v.transform((list) => [...new Set(list)]),
      ),
    ),
  }),
  v.forward(
    v.check((f) => f.min_score === undefined || f.max_score === undefined || f.min_score <= f.max_score, 'must not be below min_score (the range would match nothing)'),
    ['max_score'],
  ),
);
export type WebhookFilter = v.InferOutput<typeof WebhookFilter>;

const Format = v.picklist(WEBHOOK_FORMATS, 'must be standard or slack');

/** `POST /v1/admin/sites/{site}/webhooks` */
export const WebhookCreate = v.strictObject({
  url: WebhookUrl,
  events: v.optional(Events, [...WEBHOOK_EVENTS]),
  filter: v.optional(WebhookFilter, {}),
  format: v.optional(Format, 'standard'),
});
export type WebhookCreate = v.InferOutput<typeof WebhookCreate>;

/** `PATCH /v1/admin/sites/{site}/webhooks/{id}`: any subset; `filter` replaces the whole filter. */
export const WebhookPatch = v.pipe(
  v.strictObject({
    url: v.optional(WebhookUrl),
    events: v.optional(Events),
    filter: v.optional(WebhookFilter),
    format: v.optional(Format),
    active: v.optional(v.boolean('must be true or false')),
  }),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type WebhookPatch = v.InferOutput<typeof WebhookPatch>;

/** The secret is shown here once; it is never returned again. */
export const WebhookCreated = v.object({ id: WebhookId, secret: v.string() });

/** A webhook as the admin API lists it: never its secret. */
export const WebhookRecord = v.object({
  id: WebhookId,
  url: v.string(),
  events: v.array(v.picklist(WEBHOOK_EVENTS)),
  filter: v.object({
    kinds: v.optional(v.array(v.picklist(KINDS))),
    min_score: v.optional(v.number()),
    max_score: v.optional(v.number()),
    touchpoints: v.optional(v.array(v.string())),
  }),
  format: Format,
  active: v.boolean(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type WebhookRecord = v.InferOutput<typeof WebhookRecord>;

export const WebhookList = v.object({ webhooks: v.array(WebhookRecord) });

export const DELIVERIES_MAX_LIMIT = 200;

/** `GET …/webhooks/{id}/deliveries` */
export const DeliveriesQuery = v.strictObject({
  limit: v.optional(limitParam(DELIVERIES_MAX_LIMIT), '50'),
});

export const Delivery = v.object({
  id: DeliveryId,
  event: v.picklist(WEBHOOK_EVENTS),
  response: v.string(),
  status: v.picklist(DELIVERY_STATUSES),
  attempts: v.number(),
  last_status: v.nullable(v.number()),
  last_error: v.nullable(v.string()),
  next_attempt_at: v.nullable(v.string()),
  delivered_at: v.nullable(v.string()),
  created_at: v.string(),
});
export type Delivery = v.InferOutput<typeof Delivery>;

export const DeliveryList = v.object({ deliveries: v.array(Delivery) });

/** The body of a `standard` delivery (Standard Webhooks: type, timestamp, data). */
export const WebhookPayload = v.object({
  type: v.picklist(WEBHOOK_EVENTS),
  /** When the event happened (the answer, or its comment), ISO 8601 UTC. */
  timestamp: v.string(),
  data: v.object({
    id: v.string(),
    site: v.string(),
    survey: v.string(),
    kind: v.picklist(KINDS),
    score: v.number(),
    band: v.picklist(['detractor', 'passive', 'promoter', 'low', 'high']),
    comment: v.nullable(v.string()),
    touchpoint: v.nullable(v.string()),
    locale: v.nullable(v.string()),
    channel: v.string(),
    page: v.nullable(v.string()),
    user: v.nullable(v.string()),
    country: v.nullable(v.string()),
    device: v.nullable(v.string()),
    created_at: v.string(),
    /** The reasons' option ids, once the visitor chose them (null before, or without). */
    reasons: v.nullable(v.array(v.string())),
  }),
});
export type WebhookPayload = v.InferOutput<typeof WebhookPayload>;

/** The body of a `slack` delivery (a Slack incoming webhook). */
export const SlackPayload = v.object({ text: v.string() });

/** What the Worker's webhook queue carries: only the delivery's id (D1 holds the rest). */
export const DeliveryMessage = v.strictObject({ delivery: DeliveryId });
export type DeliveryMessage = v.InferOutput<typeof DeliveryMessage>;
