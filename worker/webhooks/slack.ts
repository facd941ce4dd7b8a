/**
 * A Slack message for an answer, in the answer's language: the score with
 * its band, the touchpoint and survey, then the comment as a quote.
 *
 * Direction: Slack lays every line out left to right, so a Persian or Arabic
 * line is wrapped in a right-to-left isolate (U+2067 … U+2069) and reads
 * right to left with its Latin and digit runs in place; every value from the
 * answer (comment, survey name, touchpoint) sits in a first-strong isolate
 * (U+2068 … U+2069), so an English comment in a Persian message, or the
 * reverse, keeps its own direction without reordering its neighbours.
 * Text from the answer is escaped for Slack's markup (`<!channel>` and links
 * stay plain text).
 */
import { bandOf, type Band } from '../../shared/kinds';
import { labelsFor } from '../../shared/labels';
import { isBuiltInLocale, isRtl, language } from '../../shared/locale';
import { formatDigits, isReadableTag } from '../../shared/locale-format';
import type { WebhookEvent } from '../../shared/schemas/webhook';
import type { DeliveryAnswer } from '../db/deliveries';

const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

const BAND_MARK: Record<Band, string> = { detractor: '🔴', low: '🔴', passive: '🟡', promoter: '🟢', high: '🟢' };

/** Slack's three control characters in text, escaped as its docs ask. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const isolate = (value: string) => FSI + escapeSlack(value) + PDI;

export function slackText(event: WebhookEvent, answer: DeliveryAnswer): string {
  // A language without a table (or a tag Intl cannot read) is written in English, digits and direction included.
  const locale = answer.locale && isBuiltInLocale(language(answer.locale)) && isReadableTag(answer.locale) ? answer.locale : 'en';
  const labels = labelsFor(locale);
  const digits = formatDigits(locale);
  const line = (text: string) => (isRtl(locale) ? RLI + text + PDI : text);
  const band = bandOf(answer.kind, answer.score);

  const headline = `${BAND_MARK[band]} ${labels.events[event]}: ${answer.kind.toUpperCase()} ${digits(answer.score)} · ${labels.bands[band]}`;
  const context = [
    answer.touchpoint ? `${labels.touchpoint}: ${isolate(answer.touchpoint)}` : null,
    `${labels.survey}: ${isolate(answer.survey_name ?? answer.survey)}`,
  ].filter((part) => part !== null);
  const lines = [line(headline), line(context.join(' · '))];
  // Each line of the comment quoted; the quote marker must open the line.
  if (answer.comment) lines.push(...answer.comment.split(/\r?\n/).map((text) => `> ${isolate(text)}`));
  return lines.join('\n');
}
