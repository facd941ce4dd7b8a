/**
 * Folding: the same text typed on a Persian or an Arabic keyboard, with or
 * without the decorations of Arabic script, in either set of native digits,
 * reads the same (docs/contract.md §4 `q`, §14). One table serves the
 * search (both the asked text and, in SQL, the stored comment: worker/db/
 * export.ts builds its replace() chain from it) and the comment themes.
 *
 * Every step maps one character to at most one character. So folding a text
 * folds each of its characters on its own, and a character of a folded text
 * came from one of a few known characters (`sourcesOf`): what lets the
 * database skip, cheaply, comments that cannot match.
 */

/** [from, to] pairs applied in order; `to` '' removes the character. */
export const LETTER_FOLDS: readonly (readonly [from: string, to: string])[] = [
  ['\u064A', '\u06CC'], // Arabic yeh → Persian yeh
  ['\u0649', '\u06CC'], // alef maksura → Persian yeh
  ['\u0643', '\u06A9'], // Arabic kaf → Persian keheh
  ['\u0640', ''], // tatweel (kashida), a stretch of the line
  ['\u200C', ''], // zero-width non-joiner (the Persian half-space)
  ['\u200E', ''], // left-to-right mark, invisible
  ['\u200F', ''], // right-to-left mark, invisible
  ['\u0623', '\u0627'], // alef with hamza above → alef
  ['\u0625', '\u0627'], // alef with hamza below → alef
  ['\u0622', '\u0627'], // alef with madda → alef
  ['\u0624', '\u0648'], // waw with hamza → waw
  ['\u0626', '\u06CC'], // yeh with hamza → Persian yeh
  ['\u0621', ''], // hamza on the line
  ['\u06C0', '\u0647'], // heh with yeh above (the ezafe ۀ) → heh
  // Arabic diacritics (harakat, tanwin, shadda, sukun, maddah, hamza above and
  // below as combining marks, and the rarer marks up to U+065F), and the
  // superscript alef: a reader sees the same word with or without them.
  ...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => [String.fromCharCode(0x064b + i), ''] as const),
  ['\u0670', ''],
  // Persian (U+06F0…) and Arabic-Indic (U+0660…) digits → ASCII.
  ...Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x06f0 + d), String(d)] as const),
  ...Array.from({ length: 10 }, (_, d) => [String.fromCharCode(0x0660 + d), String(d)] as const),
];

/**
 * What a search also ignores: spaces, so that a space and a half-space (and
 * no space at all: `میخواستم` finds `می‌خواستم`) match each other.
 */
export const SPACE_FOLDS: readonly (readonly [from: string, to: string])[] = [
  [' ', ''],
  ['\u00A0', ''], // no-break space
  ['\t', ''],
  ['\n', ''],
  ['\r', ''],
];

/** Every step of a search's fold, after ASCII lower case. */
export const SEARCH_FOLDS = [...LETTER_FOLDS, ...SPACE_FOLDS];

const FOLD_MAP: ReadonlyMap<string, string> = new Map(LETTER_FOLDS);
const SEARCH_MAP: ReadonlyMap<string, string> = new Map(SEARCH_FOLDS);
const FOLDED_CHARACTERS = new RegExp(`[A-Z${[...FOLD_MAP.keys()].join('')}]`, 'g');
const SEARCH_CHARACTERS = new RegExp(`[A-Z${[...SEARCH_MAP.keys()].join('')}]`, 'g');

/**
 * ASCII letters in lower case (the database lowers no other letters, and both
 * sides must fold alike; Persian and Arabic have no case), letter variants,
 * decorations and digits folded. Words keep their spaces.
 */
export function foldText(text: string): string {
  return text.replace(FOLDED_CHARACTERS, (c) => FOLD_MAP.get(c) ?? c.toLowerCase());
}

/** The text as searched: folded as foldText, and without spaces. */
export function foldForSearch(text: string): string {
  return text.replace(SEARCH_CHARACTERS, (c) => SEARCH_MAP.get(c) ?? c.toLowerCase());
}

/** A search needs this many characters once folded: one letter matches nearly everything. */
export const SEARCH_MIN_CHARACTERS = 2;

/** Whether a search says enough to look for (at least two characters besides what folding drops). */
export function isSearchable(text: string): boolean {
  return [...foldForSearch(text)].length >= SEARCH_MIN_CHARACTERS;
}

/**
 * The characters a character of a folded search text may have come from:
 * itself, its upper case, and every character the table folds into it.
 * A comment holds a search only if it holds one of these for each character.
 */
export function sourcesOf(folded: string): string[] {
  const sources = new Set([folded]);
  if (/^[a-z]$/.test(folded)) sources.add(folded.toUpperCase());
  for (const [from, to] of SEARCH_FOLDS) if (to === folded) sources.add(from);
  return [...sources];
}
