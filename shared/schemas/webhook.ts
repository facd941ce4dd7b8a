/**
 * Webhooks (admin API): where matching answers are posted, which ones, in
 * which format; their deliveries and health; and the message the Worker's
 * own queue carries between the answer and the delivery. The bodies a
 * receiver gets are in webhook-payload.ts.
 */
import * as v from 'valibot';
import { DELIVERY_ID, WEBHOOK_ID } from '../id-patterns';
import { KINDS } from '../kinds';
import { Locale, Touchpoint, limitParam } from './common';

/** Events about one answer: its data is the answer as it is when the delivery is sent. */
export const ANSWER_EVENTS = ['response.created', 'response.commented', 'response.completed'] as const;
export type AnswerEvent = (typeof ANSWER_EVENTS)[number];

/** What a webhook may subscribe to (`events`): answers, their erasure, and changes of their follow-up cases (§13). */
export const WEBHOOK_EVENTS = [...ANSWER_EVENTS, 'response.erased', 'case.updated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** `events` when a webhook is created without them. */
export const DEFAULT_EVENTS: WebhookEvent[] = ['response.created', 'response.commented'];

/** Every event a delivery may carry: the subscribed ones, and the test an admin asks for. */
export const DELIVERY_EVENTS = [...WEBHOOK_EVENTS, 'webhook.test'] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

export const WEBHOOK_FORMATS = ['standard', 'slack', 'telegram'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** `failing`: the last HEALTH_WINDOW settled deliveries all failed. */
export const WEBHOOK_HEALTH = ['ok', 'failing'] as const;
export const HEALTH_WINDOW = 5;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** Each one is a query per answer (a trigger matches them in SQL), so a site keeps few. */
export const MAX_WEBHOOKS_PER_SITE = 20;

export const WebhookId = v.pipe(v.string('must be a string'), v.regex(WEBHOOK_ID.pattern, WEBHOOK_ID.message));
export const DeliveryId = v.pipe(v.string('must be a string'), v.regex(DELIVERY_ID.pattern, DELIVERY_ID.message));

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
  v.array(v.picklist(WEBHOOK_EVENTS, `must be one of ${WEBHOOK_EVENTS.join(', ')}`), 'must be a list of events'),
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

const Format = v.picklist(WEBHOOK_FORMATS, 'must be standard, slack or telegram');

/**
 * The chat a `telegram` webhook's bot posts to: a chat's number (groups and
 * channels are negative, `-1001234567890`) or a public channel's `@username`.
 * Given as a JSON number or string; kept as a string.
 */
export const TelegramChatId = v.pipe(
  v.union(
    [v.pipe(v.number(), v.safeInteger(), v.transform(String)), v.string()],
    'must be a chat id such as -1001234567890 or @shop_alerts',
  ),
  v.regex(/^(-?[1-9]\d{0,19}|@[A-Za-z][A-Za-z0-9_]{3,31})$/, 'must be a chat id such as -1001234567890 or @shop_alerts'),
);

const CHAT_ID_REQUIRED = 'is required for format telegram (the chat the bot posts to)';
const CHAT_ID_UNWANTED = 'is only for format telegram';

/**
 * Why a webhook of `format` with this chat id may not be kept (a message for
 * `telegram_chat_id`), or null: a `telegram` webhook needs its chat, and no
 * other format has one.
 */
export function chatIdRefusal(format: WebhookFormat, chatId: string | null | undefined): string | null {
  if (format === 'telegram') return chatId ? null : CHAT_ID_REQUIRED;
  return chatId ? CHAT_ID_UNWANTED : null;
}

/** `POST /v1/admin/sites/{site}/webhooks` */
export const WebhookCreate = v.pipe(
  v.strictObject({
    url: WebhookUrl,
    events: v.optional(Events, [...DEFAULT_EVENTS]),
    filter: v.optional(WebhookFilter, {}),
    format: v.optional(Format, 'standard'),
    telegram_chat_id: v.optional(TelegramChatId),
  }),
  v.forward(v.check((w) => w.format !== 'telegram' || w.telegram_chat_id !== undefined, CHAT_ID_REQUIRED), ['telegram_chat_id']),
  v.forward(v.check((w) => w.format === 'telegram' || w.telegram_chat_id === undefined, CHAT_ID_UNWANTED), ['telegram_chat_id']),
);
export type WebhookCreate = v.InferOutput<typeof WebhookCreate>;

/**
 * `PATCH /v1/admin/sites/{site}/webhooks/{id}`: any subset; `filter` replaces
 * the whole filter; `telegram_chat_id: null` clears it (a change away from
 * `telegram` does too). Whether the result keeps a chat id exactly when it is
 * a telegram webhook is checked against the stored one (chatIdRefusal).
 */
export const WebhookPatch = v.pipe(
  v.strictObject({
    url: v.optional(WebhookUrl),
    events: v.optional(Events),
    filter: v.optional(WebhookFilter),
    format: v.optional(Format),
    telegram_chat_id: v.optional(v.nullable(TelegramChatId)),
    active: v.optional(v.boolean('must be true or false')),
  }),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type WebhookPatch = v.InferOutput<typeof WebhookPatch>;

/**
 * `POST …/webhooks/{id}/test` (the body is optional): the language of the
 * test's chat message (en, fa or ar; others are written in English).
 */
export const WebhookTest = v.strictObject({
  locale: v.optional(Locale),
});

/** The secret is shown here once; it is never returned again. */
export const WebhookCreated = v.object({ id: WebhookId, secret: v.string() });

/**
 * Bot API tokens (`bot123456:AAH…` in Telegram's and Bale's URLs) with the
 * secret part masked: `bot123456:***`. The bot's number stays, so an admin
 * can tell bots apart. However the URL spells it (`BOT`, the colon as `%3A`,
 * a token character percent-encoded): a URL keeps escapes as typed, and the
 * Bot API reads its path decoded.
 */
export function maskBotTokens(text: string): string {
  return text.replace(/(bot\d+)(:|%3a)(?:[A-Za-z0-9_-]|%[0-9a-f]{2})+/gi, '$1$2***');
}

/**
 * A webhook as the admin API lists it: never its secret, and a bot token in
 * its URL masked (maskBotTokens). A PATCH that sends the masked URL back
 * unchanged keeps the stored one.
 */
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
  telegram_chat_id: v.nullable(v.string()),
  active: v.boolean(),
  /** `failing` when its last 5 settled deliveries all failed. */
  health: v.picklist(WEBHOOK_HEALTH),
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
  event: v.picklist(DELIVERY_EVENTS),
  /** The answer it is about; null for a `webhook.test`. */
  response: v.nullable(v.string()),
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

/** What the Worker's webhook queue carries: only the delivery's id (D1 holds the rest). */
export const DeliveryMessage = v.strictObject({ delivery: DeliveryId });
export type DeliveryMessage = v.InferOutput<typeof DeliveryMessage>;
