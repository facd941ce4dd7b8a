/**
 * Which of a survey's texts a visitor reads, and in which locale: pure
 * functions over tags, shared by the widget, its preview in the console and
 * the link pages, and tested without a browser.
 */
import { isLowScore } from './kinds';
import { language } from './locale';
import type { SurveyConfig } from './schemas/survey';

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
