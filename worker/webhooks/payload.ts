/**
 * The body of a delivery, built when it is sent from the answer as it is
 * then (so `response.commented` carries the comment): the Standard Webhooks
 * JSON of `standard` webhooks, or Slack's `{"text": …}` of `slack` ones.
 */
import { bandOf } from '../../shared/kinds';
import type { WebhookEvent, WebhookFormat, WebhookPayload } from '../../shared/schemas/webhook';
import { isoUtc } from '../../shared/time';
import type { DeliveryAnswer } from '../db/deliveries';
import { slackText } from './slack';

/** Unknown values are stored as '' and sent as null. */
const orNull = (value: string | null): string | null => (value === '' ? null : value);

export function standardPayload(event: WebhookEvent, eventAt: number, answer: DeliveryAnswer): WebhookPayload {
  return {
    type: event,
    timestamp: isoUtc(eventAt),
    data: {
      id: answer.id,
      site: answer.site,
      survey: answer.survey,
      kind: answer.kind,
      score: answer.score,
      band: bandOf(answer.kind, answer.score),
      comment: answer.comment,
      touchpoint: orNull(answer.touchpoint),
      locale: orNull(answer.locale),
      channel: answer.channel,
      page: answer.page,
      user: answer.user,
      country: orNull(answer.country),
      device: orNull(answer.device),
      created_at: isoUtc(answer.created_at),
    },
  };
}

/** Each format's body: a new format without its own is a compile error, never sent as another. */
const BODY: Record<WebhookFormat, (event: WebhookEvent, eventAt: number, answer: DeliveryAnswer) => unknown> = {
  standard: standardPayload,
  slack: (event, _eventAt, answer) => ({ text: slackText(event, answer) }),
};

/** The JSON text posted for one delivery. */
export function deliveryBody(format: WebhookFormat, event: WebhookEvent, eventAt: number, answer: DeliveryAnswer): string {
  return JSON.stringify(BODY[format](event, eventAt, answer));
}
