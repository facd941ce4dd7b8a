/**
 * What the product knows about locales, for every program: the built-in
 * locales (the ones it writes its own strings in) and their names, a tag's
 * language and its direction. Pure functions over tags; what Intl makes of a
 * tag (digits) is in locale-format.ts, and the tables of strings live beside
 * their users (survey-strings.ts, labels.ts, the console's i18n/, the link
 * pages').
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
