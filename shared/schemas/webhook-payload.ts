/**
 * What a webhook's receiver gets: the Standard Webhooks body of `standard`
 * webhooks (one shape per kind of event), Slack's `{"text"}` and the Bot
 * API's `sendMessage` body of `telegram` ones.
 */
import * as v from 'valibot';
import { KINDS } from '../kinds';
import { CASE_STATUSES } from '../case-statuses';
import { ANSWER_EVENTS } from './webhook';

/** When the event happened (the answer, its comment, its completion, its erasure, the test), ISO 8601 UTC. */
const Timestamp = v.string();

/** An answer event (`response.created`, `response.commented`, `response.completed`): the answer as it is when sent. */
export const WebhookPayload = v.object({
  type: v.picklist(ANSWER_EVENTS),
  timestamp: Timestamp,
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

/** `response.erased`: which answer to forget; nothing else of it is left to send. */
export const ErasedPayload = v.object({
  type: v.literal('response.erased'),
  timestamp: Timestamp,
  data: v.object({ id: v.string(), site: v.string(), survey: v.string() }),
});
export type ErasedPayload = v.InferOutput<typeof ErasedPayload>;

/** `webhook.test`: sent when an admin asks, whatever the webhook subscribes to. */
export const TestPayload = v.object({
  type: v.literal('webhook.test'),
  timestamp: Timestamp,
  data: v.object({ site: v.string(), webhook: v.string() }),
});
export type TestPayload = v.InferOutput<typeof TestPayload>;

/** `case.updated` (docs/contract.md §13): a case's status or assignee changed; `by` names who. Never a note. */
export const CaseUpdatedPayload = v.object({
  type: v.literal('case.updated'),
  timestamp: Timestamp,
  data: v.object({
    id: v.string(),
    site: v.string(),
    status: v.picklist(CASE_STATUSES),
    previous_status: v.picklist(CASE_STATUSES),
    assignee: v.nullable(v.string()),
    by: v.nullable(v.string()),
  }),
});
export type CaseUpdatedPayload = v.InferOutput<typeof CaseUpdatedPayload>;

/** The body of a `standard` delivery. */
export const StandardPayload = v.variant('type', [WebhookPayload, ErasedPayload, TestPayload, CaseUpdatedPayload]);
export type StandardPayload = v.InferOutput<typeof StandardPayload>;

/** The body of a `slack` delivery (a Slack incoming webhook). */
export const SlackPayload = v.object({ text: v.string() });

/** The body of a `telegram` delivery: the Bot API's `sendMessage` (Telegram's, or a compatible one such as Bale's). */
export const TelegramPayload = v.object({ chat_id: v.string(), text: v.string(), parse_mode: v.literal('HTML') });
export type TelegramPayload = v.InferOutput<typeof TelegramPayload>;
