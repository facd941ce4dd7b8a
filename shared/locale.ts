/**
 * Facts about language tags that the widget and the Worker both need: the
 * language of a tag, whether it is written right to left, and digits in the
 * locale's own script. Pure functions, no tables beyond these.
 */

/** `fa-IR` → `fa` (pages write `en_US` too). */
export function language(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** Right-to-left languages, and tags written in Arabic or Hebrew script (`az-Arab`). */
export function isRtl(tag: string): boolean {
  return /^(ar|fa|he|ur|ps|ckb|sd|ug|yi|dv)\b|-(arab|hebr)\b/i.test(tag);
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
