/**
 * Folding for searching comments: the same text typed on a Persian or an
 * Arabic keyboard, or with and without the decorations of Arabic script,
 * must match. Applied to both the search and the stored comment (worker/db/
 * export.ts does the same in SQL, from the same table).
 */

/** [from, to] pairs applied in order; `to` '' removes the character. */
export const FOLDS: readonly (readonly [from: string, to: string])[] = [
  ['\u064A', '\u06CC'], // Arabic yeh → Persian yeh
  ['\u0649', '\u06CC'], // alef maksura → Persian yeh
  ['\u0643', '\u06A9'], // Arabic kaf → Persian keheh
  ['\u0640', ''], // tatweel (kashida), a stretch of the line
  ['\u200C', ''], // zero-width non-joiner
];

/**
 * The text as searched: ASCII letters in lower case (the database folds no
 * other case, and both sides must fold alike; Persian and Arabic have none),
 * the letter variants and decorations folded.
 */
export function foldForSearch(text: string): string {
  let folded = text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  for (const [from, to] of FOLDS) folded = folded.split(from).join(to);
  return folded;
}
