/**
 * What a chat message about a delivery says, before any chat's markup: a
 * headline, lines of facts (who, where, which survey), the comment, and a
 * link to the answer in the console; in the answer's language (English,
 * Persian or Arabic, digits included; any other language in English).
 * slack.ts and telegram.ts write it in their markup, escaping it each their
 * own way, so both say the same thing.
 */
import { bandOf, type Band } from '../../shared/kinds';
import { labelsFor, type Labels } from '../../shared/labels';
import { isBuiltInLocale, isRtl, language } from '../../shared/locale';
import { formatDigits, isReadableTag } from '../../shared/locale-format';
import type { AnswerEvent } from '../../shared/schemas/webhook';
import type { DeliveryAnswer } from '../db/deliveries';
import type { CaseChange } from './subject';

/** A labelled value; the value may come from a visitor, so renderers isolate and escape it. */
export interface Fact {
  label: string;
  value: string;
}

export interface ChatMessage {
  /** Lines are laid out right to left (a Persian or Arabic message). */
  rtl: boolean;
  /** Written by the Worker (labels, digits, ids): no visitor's text. */
  headline: string;
  /** Lines of facts, each line's facts side by side. */
  facts: Fact[][];
  /** The visitor's comment, one entry per line (whatever separated them). */
  comment: string[] | null;
  link: { label: string; url: string } | null;
}

const BAND_MARK: Record<Band, string> = { detractor: '🔴', low: '🔴', passive: '🟡', promoter: '🟢', high: '🟢' };

/**
 * Every way a comment's lines may be separated: CRLF, CR, LF, the Unicode
 * line and paragraph separators, and (should one get through) NEL, VT, FF.
 * A chat must see each as a new line, or a quote marker would cover only the first.
 */
export const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/;
/** Embeddings, overrides and isolates: a stray one in a visitor's text could break the message's own isolates. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** A visitor's text for a chat: no direction controls of its own. */
const plain = (text: string) => text.replace(BIDI_CONTROLS, '');
/** Lines as the visitor separated them (split first: a control between CR and LF must not join them into one break). */
const linesOf = (text: string) => text.split(LINE_BREAK).map(plain);
/** A one-line value: line breaks become spaces. */
const oneLine = (text: string) => linesOf(text).join(' ');

/**
 * The tag to write in: the answer's, when there is a table for its language
 * and Intl can read it (answers stored before tags were checked may hold one
 * it cannot); else English.
 */
export function messageLocale(tag: string | null | undefined): string {
  return tag && isBuiltInLocale(language(tag)) && isReadableTag(tag) ? tag : 'en';
}

interface Voice {
  labels: Labels;
  digits: (n: number) => string;
  rtl: boolean;
}

function voiceOf(tag: string | null | undefined): Voice {
  const locale = messageLocale(tag);
  return { labels: labelsFor(locale), digits: formatDigits(locale), rtl: isRtl(locale) };
}

const link = (voice: Voice, url: string | null) => (url ? { label: voice.labels.open, url } : null);

/** Who answered and where: the customer, touchpoint and page, those the answer has. */
function whoFacts(answer: DeliveryAnswer, labels: Labels): Fact[] {
  const who: Fact[] = [];
  if (answer.user) who.push({ label: labels.customer, value: oneLine(answer.user) });
  if (answer.touchpoint) who.push({ label: labels.touchpoint, value: answer.touchpoint });
  if (answer.page) who.push({ label: labels.page, value: oneLine(answer.page) });
  return who;
}

/** An answer event: score and band, the customer, touchpoint and page, the survey, the comment, the link. */
export function answerMessage(event: AnswerEvent, answer: DeliveryAnswer, consoleLink: string | null): ChatMessage {
  const voice = voiceOf(answer.locale);
  const { labels } = voice;
  const band = bandOf(answer.kind, answer.score);
  const who = whoFacts(answer, labels);
  return {
    rtl: voice.rtl,
    headline: `${BAND_MARK[band]} ${labels.events[event]}: ${answer.kind.toUpperCase()} ${voice.digits(answer.score)} · ${labels.bands[band]}`,
    facts: [who, [{ label: labels.survey, value: oneLine(answer.survey_name ?? answer.survey) }]].filter((line) => line.length > 0),
    comment: answer.comment ? linesOf(answer.comment) : null,
    link: link(voice, consoleLink),
  };
}

/**
 * `case.updated`: the case's status (and the one before), its assignee and
 * who changed it, with the answer's score and customer; never a note.
 */
export function caseMessage(change: CaseChange, answer: DeliveryAnswer, consoleLink: string | null): ChatMessage {
  const voice = voiceOf(answer.locale);
  const { labels } = voice;
  const band = bandOf(answer.kind, answer.score);
  const status = change.status === change.previous_status ? labels.statuses[change.status] : `${labels.statuses[change.previous_status]} → ${labels.statuses[change.status]}`;
  const who = whoFacts(answer, labels);
  const owner: Fact[] = [{ label: labels.assignee, value: change.assignee ?? labels.unassigned }];
  if (change.by) owner.push({ label: labels.by, value: change.by });
  return {
    rtl: voice.rtl,
    headline: `${BAND_MARK[band]} ${labels.events['case.updated']}: ${status} · ${answer.kind.toUpperCase()} ${voice.digits(answer.score)}`,
    facts: [who, owner].filter((line) => line.length > 0),
    comment: null,
    link: link(voice, consoleLink),
  };
}

/** `response.erased`: which answer is gone (nothing else of it is left), in the language it was given in. */
export function erasedMessage(erased: { id: string; survey: string; locale: string | null }): ChatMessage {
  const voice = voiceOf(erased.locale);
  return {
    rtl: voice.rtl,
    headline: `🗑️ ${voice.labels.events['response.erased']}`,
    facts: [[{ label: voice.labels.erasedAnswer, value: erased.id }, { label: voice.labels.survey, value: erased.survey }]],
    comment: null,
    link: null,
  };
}

/** `webhook.test`: this channel is reached, in the language the admin asked in. */
export function testMessage(test: { webhook: string; locale: string | null }, consoleLink: string | null): ChatMessage {
  const voice = voiceOf(test.locale);
  return {
    rtl: voice.rtl,
    headline: `✅ ${voice.labels.events['webhook.test']}`,
    facts: [[{ label: voice.labels.testLine, value: test.webhook }]],
    comment: null,
    link: link(voice, consoleLink),
  };
}
