/**
 * Which of a survey's texts a visitor reads, and in which locale: pure
 * functions over tags, shared by the collector's config, the widget, its
 * preview in the console and the link pages, and tested without a browser.
 * The choice of one text among locales (`pickText`) is in pick-text.ts,
 * light enough for the console's first screen; re-exported here.
 */
import { type Kind, SCALES, isLowScore } from './kinds';
import { directionOf, language } from './locale';
import { pickText, requestedLocale, type Texts } from './pick-text';
import type { ReasonWhen } from './schemas/reasons';
import type { CardStrings, LocalSurvey, SurveyConfig } from './schemas/survey';
import { stringsFor } from './survey-strings';
import { waitsOf } from './waits';

export { pickText, requestedLocale, type Texts };

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
    // The survey's own thanks in the card's language, else the built-in one in it (never another language's).
    thanks: ownThanks(survey.thanks, locale) ?? built.thanks,
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

/** A survey's thank-you text in the language of `locale`, if it has one. */
function ownThanks(texts: Texts, locale: string): string | undefined {
  const picked = pickText(texts, locale);
  return picked && language(picked[0]) == language(locale) ? picked[1] : undefined;
}

/** The follow-up a localized survey asks after this score, if any. */
export function promptAfter(survey: Pick<LocalSurvey, 'kind' | 'follow_up_low' | 'follow_up_high'>, score: number): string | undefined {
  return isLowScore(survey.kind, score) ? survey.follow_up_low : survey.follow_up_high;
}
