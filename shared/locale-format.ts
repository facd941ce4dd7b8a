/**
 * What Intl makes of a language tag: whether it can read it at all, and
 * numbers in the locale's own digits. Its own module so that what only
 * formats (the widget's card, link pages, Slack messages) is not carried by
 * what only needs the locale list.
 */
import { language } from './locale';

/** Can Intl read this tag? (Answers stored before tags were checked may hold one it cannot, such as `en-a`.) */
export function isReadableTag(tag: string): boolean {
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
}

/**
 * Digits in the locale's own script. Chromium's ICU gives plain `ar` Latin
 * digits, so bare `ar` asks for Arabic-Indic (٠–٩) explicitly; regional tags
 * such as `ar-MA` keep their own default.
 */
export function formatDigits(tag: string): (n: number) => string {
  const format = Intl.NumberFormat(tag.toLowerCase() == 'ar' ? 'ar-u-nu-arab' : tag);
  return (n) => format.format(n);
}

/** The locale's digits, never throwing: a tag that passed validation but that ICU refuses (`en-a`) falls back to its language, else English. */
export function digitsOf(tag: string): (n: number) => string {
  try {
    return formatDigits(tag);
  } catch {
    return formatDigits(/^[a-z]{2,3}$/.test(language(tag)) ? language(tag) : 'en');
  }
}
