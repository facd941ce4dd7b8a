/**
 * The body of a delivery, built when it is sent (so an answer event carries
 * the answer as it is then, its comment included): the Standard Webhooks JSON
 * of `standard` webhooks, Slack's `{"text"}` of `slack` ones, or the Bot
 * API's `sendMessage` of `telegram` ones.
 */
import { bandOf } from '../../shared/kinds';
import type { WebhookFormat } from '../../shared/schemas/webhook';
import type { StandardPayload, WebhookPayload } from '../../shared/schemas/webhook-payload';
import { isoUtc } from '../../shared/time';
import type { DeliveryAnswer } from '../db/deliveries';
import { caseLink, deliveriesLink } from './console-link';
import { answerMessage, caseMessage, erasedMessage, testMessage, type ChatMessage } from './message';
import { slackText } from './slack';
import type { DeliverySubject } from './subject';
import { telegramPayload } from './telegram';

/** Unknown values are stored as '' and sent as null. */
const orNull = (value: string | null): string | null => (value === '' ? null : value);

export function answerData(answer: DeliveryAnswer): WebhookPayload['data'] {
  return {
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
    reasons: answer.reasons === null ? null : (JSON.parse(answer.reasons) as string[]),
  };
}

export function standardPayload(subject: DeliverySubject, eventAt: number): StandardPayload {
  const timestamp = isoUtc(eventAt);
  switch (subject.event) {
    case 'response.erased':
      return { type: subject.event, timestamp, data: { id: subject.erased.id, site: subject.erased.site, survey: subject.erased.survey } };
    case 'webhook.test':
      return { type: subject.event, timestamp, data: { site: subject.test.site, webhook: subject.test.webhook } };
    case 'case.updated': {
      const { id, status, previous_status, assignee, by } = subject.change;
      return { type: subject.event, timestamp, data: { id, site: subject.answer.site, status, previous_status, assignee, by } };
    }
    case 'response.created':
    case 'response.commented':
    case 'response.completed':
      return { type: subject.event, timestamp, data: answerData(subject.answer) };
  }
}

/** The message a chat shows; `consoleBase` (console-link.ts) or null for no link. */
export function chatMessage(subject: DeliverySubject, consoleBase: string | null): ChatMessage {
  switch (subject.event) {
    case 'response.erased':
      return erasedMessage(subject.erased);
    case 'webhook.test':
      return testMessage(subject.test, consoleBase && deliveriesLink(consoleBase, { site: subject.test.site, id: subject.test.webhook }));
    case 'case.updated':
      return caseMessage(subject.change, subject.answer, consoleBase && caseLink(consoleBase, subject.answer));
    case 'response.created':
    case 'response.commented':
    case 'response.completed':
      return answerMessage(subject.event, subject.answer, consoleBase && caseLink(consoleBase, subject.answer));
  }
}

export interface BodyTarget {
  format: WebhookFormat;
  telegramChatId: string | null;
  consoleBase: string | null;
}

/** Each format's body: a new format without its own is a compile error, never sent as another. */
const BODY: Record<WebhookFormat, (target: BodyTarget, subject: DeliverySubject, eventAt: number) => unknown> = {
  standard: (_target, subject, eventAt) => standardPayload(subject, eventAt),
  slack: (target, subject) => ({ text: slackText(chatMessage(subject, target.consoleBase)) }),
  telegram: (target, subject) => {
    if (!target.telegramChatId) throw new Error('a telegram webhook without its chat id');
    return telegramPayload(target.telegramChatId, chatMessage(subject, target.consoleBase));
  },
};

/** The JSON text posted for one delivery. */
export function deliveryBody(target: BodyTarget, subject: DeliverySubject, eventAt: number): string {
  return JSON.stringify(BODY[target.format](target, subject, eventAt));
}
