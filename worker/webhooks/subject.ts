/**
 * What a claimed delivery is about, read from its row: an answer (as it is
 * now), an erased answer (what its row kept), or a test; or why it cannot be
 * sent at all. Pure: the consumer (deliver.ts) records the refusal.
 */
import * as v from 'valibot';
import { CASE_STATUSES } from '../../shared/case-statuses';
import { ANSWER_EVENTS, type AnswerEvent } from '../../shared/schemas/webhook';
import type { ClaimedDelivery, DeliveryAnswer } from '../db/deliveries';

export type DeliverySubject =
  | { event: AnswerEvent; answer: DeliveryAnswer }
  | { event: 'response.erased'; erased: { id: string; site: string; survey: string; locale: string | null } }
  | { event: 'webhook.test'; test: { site: string; webhook: string; locale: string | null } }
  | { event: 'case.updated'; change: CaseChange; answer: DeliveryAnswer };

/** What the case trigger freezes of a change when it is made (migrations: 0016_cases.sql); never a note. */
const CaseChangeData = v.object({
  id: v.string(),
  status: v.picklist(CASE_STATUSES),
  previous_status: v.picklist(CASE_STATUSES),
  assignee: v.nullable(v.string()),
  by: v.nullable(v.string()),
});
export type CaseChange = v.InferOutput<typeof CaseChangeData>;

/** What the erasure trigger keeps of an erased answer (migrations), and what a test keeps of its request. */
const ErasedData = v.object({ survey: v.string(), locale: v.nullish(v.string()) });
const TestData = v.nullish(v.object({ locale: v.nullish(v.string()) }));

function parsed(text: string | null): unknown {
  try {
    return text === null ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isAnswerEvent = (event: string): event is AnswerEvent => (ANSWER_EVENTS as readonly string[]).includes(event);

/** The subject of a claimed delivery, or a refusal that says why it is not sent. */
export function subjectOf(claim: ClaimedDelivery): { subject: DeliverySubject } | { refused: string } {
  const { event } = claim;
  if (isAnswerEvent(event)) {
    if (!claim.answer) return { refused: 'not sent: the answer was erased before it could be delivered' };
    return { subject: { event, answer: claim.answer } };
  }
  if (event === 'response.erased') {
    const data = v.safeParse(ErasedData, parsed(claim.data));
    if (!claim.response || !data.success) return { refused: 'not sent: the erased answer was not recorded' };
    return { subject: { event, erased: { id: claim.response, site: claim.site, survey: data.output.survey, locale: data.output.locale || null } } };
  }
  if (event === 'webhook.test') {
    const data = v.safeParse(TestData, parsed(claim.data));
    const locale = data.success ? (data.output?.locale ?? null) : null;
    return { subject: { event, test: { site: claim.site, webhook: claim.webhook.id, locale } } };
  }
  if (event === 'case.updated') {
    const data = v.safeParse(CaseChangeData, parsed(claim.data));
    if (!data.success) return { refused: 'not sent: the case change was not recorded' };
    if (!claim.answer) return { refused: 'not sent: the answer was erased before it could be delivered' };
    return { subject: { event, change: data.output, answer: claim.answer } };
  }
  return { refused: `not sent: this version does not send ${event}` };
}
