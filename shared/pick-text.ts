/**
 * Which of a set of texts a locale reads: pure functions over tags, shared
 * by the widget's config (survey-text.ts), its preview, the link pages and
 * the console (a reason's label in the console's language).
 */
import { language } from './locale';

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
