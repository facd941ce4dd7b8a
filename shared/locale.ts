/**
 * What the product knows about locales, for every program: the built-in
 * locales (the ones it writes its own strings in) and their names, a tag's
 * language and direction, and digits in the locale's own script. Pure
 * functions over tags; the tables of strings live beside their users
 * (survey-strings.ts, labels.ts, the console's i18n/, the link pages').
 */

/** The locales the survey card, the link pages, Slack messages and the console are written in. */
export const LOCALES = ['en', 'fa', 'ar'] as const;
export type BuiltInLocale = (typeof LOCALES)[number];

/** Each built-in locale named in itself, as a language list shows it. */
export const LOCALE_NAMES: Record<BuiltInLocale, string> = { en: 'English', fa: 'فارسی', ar: 'العربية' };

/** `fa-IR` → `fa` (pages write `en_US` too). */
export function language(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** Is this exactly a built-in locale (`fa`; `fa-IR` is not, its language is)? */
export function isBuiltInLocale(value: string): value is BuiltInLocale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The table of a tag's language among the built-in locales' tables, else English's. */
export function tableFor<T>(tables: Record<BuiltInLocale, T>, tag: string): T {
  return tables[language(tag) as BuiltInLocale] || tables.en;
}

/** Right-to-left languages, and tags written in Arabic or Hebrew script (`az-Arab`). */
export function isRtl(tag: string): boolean {
  return /^(ar|fa|he|ur|ps|ckb|sd|ug|yi|dv)\b|-(arab|hebr)\b/i.test(tag);
}

/** The writing direction of a tag, as HTML's `dir` takes it. */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  return isRtl(tag) ? 'rtl' : 'ltr';
}

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
