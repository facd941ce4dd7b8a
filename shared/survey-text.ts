/**
 * Which of a survey's texts a visitor reads, and in which locale: pure
 * functions over tags, shared by the widget, its preview in the console and
 * the link pages, and tested without a browser.
 */
import { type Kind, SCALES, isLowScore } from './kinds';
import { directionOf, language } from './locale';
import type { ReasonWhen } from './schemas/reasons';
import type { CardStrings, LocalSurvey, SurveyConfig } from './schemas/survey';
import { stringsFor } from './survey-strings';
import { waitsOf } from './waits';

/** A text per locale, as the config carries questions and follow-ups. */
export type Texts = Record<string, string> | undefined;

/** The locale asked for: `data-locale`, else the page's `lang`, else the browser's, else en. */
export function requestedLocale(tagLocale: string | undefined, pageLang: string, browser: string | undefined): string {
  return tagLocale || pageLang || browser || 'en';
}

/**
 * The text to show and the locale it is in: the exact locale, else one of
 * the same language, else en, else the first there is.
 */
export function pickText(texts: Texts, locale: string): [locale: string, text: string] | undefined {
  const keys = Object.keys(texts || {});
  const key =
    keys.find((k) => k.toLowerCase() == locale.toLowerCase()) ||
    keys.find((k) => language(k) == language(locale)) ||
    keys.find((k) => language(k) == 'en') ||
    keys[0];
  return key ? [key, texts![key]!] : undefined;
}

/** The follow-up prompt for a score: `follow_up_low` / `follow_up_high` first, then `follow_up`. */
export function followUpText(survey: SurveyConfig, score: number, locale: string): string | undefined {
  const specific = isLowScore(survey.kind, score) ? survey.follow_up_low : survey.follow_up_high;
  return (pickText(specific, locale) || pickText(survey.follow_up, locale))?.[1];
}

/** Are a survey's reasons asked after this score? `when`: every score, the low band, or the high band. */
export function asksReasons(survey: { kind: Kind; reasons?: { when: ReasonWhen } }, score: number): boolean {
  const when = survey.reasons?.when;
  return when == 'all' || (when == 'low' ? isLowScore(survey.kind, score) : when == 'high' && score >= SCALES[survey.kind].highMin);
}

/**
 * The survey as one visitor reads it (the config asked with `?locale=`): each
 * text the one `pickText` chooses in the question's locale, so that a card
 * speaks one language; the follow-ups resolved per band; the card's fixed
 * words in that locale, with the survey's own thanks; its waits with the
 * site's cooldown. The widget shows it as it is; the console's preview
 * renders the same.
 */
export function localize(survey: SurveyConfig, asked: string, cooldownDays: number): LocalSurvey {
  const locale = pickText(survey.question, asked)?.[0] ?? asked;
  const text = (texts: Texts) => pickText(texts, locale)?.[1];
  const built = stringsFor(locale);
  const [low, high] = built.ends[survey.kind];
  const strings: CardStrings = {
    dir: directionOf(locale),
    close: built.close,
    send: built.send,
    next: built.next,
    thanks: text(survey.thanks) ?? built.thanks,
    low,
    high,
  };
  if (survey.kind == 'csat' && survey.style == 'faces') strings.faces = built.faces;
  const { reasons } = survey;
  return {
    id: survey.id,
    kind: survey.kind,
    locale,
    question: text(survey.question) ?? '',
    follow_up_low: text(survey.follow_up_low) ?? text(survey.follow_up),
    follow_up_high: text(survey.follow_up_high) ?? text(survey.follow_up),
    reasons: reasons && {
      question: text(reasons.question) ?? '',
      options: reasons.options.map((option) => ({ id: option.id, label: text(option.label) ?? option.id })),
      multiple: reasons.multiple,
      when: reasons.when,
    },
    trigger: survey.trigger,
    sample_pct: survey.sample_pct,
    waits: waitsOf(survey.recontact_days, cooldownDays),
    cooldown_days: cooldownDays,
    position: survey.position,
    color: survey.color,
    strings,
  };
}

/** The follow-up a localized survey asks after this score, if any. */
export function promptAfter(survey: Pick<LocalSurvey, 'kind' | 'follow_up_low' | 'follow_up_high'>, score: number): string | undefined {
  return isLowScore(survey.kind, score) ? survey.follow_up_low : survey.follow_up_high;
}
