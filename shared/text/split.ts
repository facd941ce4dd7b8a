/**
 * Splitting a comment into words on Unicode's word boundaries (UAX #29,
 * Intl.Segmenter), so that scripts without spaces split too and "don't" or
 * "3.5" stay one word. A break (punctuation, a symbol, an emoji) between
 * two words is reported, as it ends a two-word phrase.
 *
 * Intl.Segmenter makes an object per segment; for 50,000 comments that is
 * most of a themes answer's time. Most comments here are plain: Arabic-script
 * and ASCII letters, digits, spaces, the half-space and common punctuation,
 * with no mark that joins the letters or digits on its sides. In such text the
 * boundaries fall exactly around runs of letters, marks and digits, and a
 * scan of character codes finds them (a test holds it equal to Intl.Segmenter
 * on generated text). Any other comment goes to Intl.Segmenter.
 */

/** What is written: a word, or null for a break. */
export type Spelling = string | null;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
/** Between two words, what keeps them one phrase: spaces and half-spaces only. */
const SPACE_ONLY = /^[\s\u200C]*$/;

const PLAIN = /^[\p{Script=Arabic}A-Za-z0-9 \t\n\r\u00A0\u200C\u0640!?.,:;()"«»\-…\u060C\u061B\u061F\u{1F600}-\u{1F64F}\u{1F90C}-\u{1F9FF}]*$/u;
/** Format characters, separators that join digits (٫ ٬ ؍) and astral code points but the emoji above: each has its own rule, so Intl.Segmenter takes them. */
const SPECIAL = /[\u0600-\u0605\u060D\u061C\u066B\u066C\u06DD\u0890\u0891\u08E2\u{10000}-\u{1F5FF}\u{1F650}-\u{1F90B}\u{1FA00}-\u{10FFFF}]/u;
// Starts at the joining mark (rare), then looks behind it: a pattern starting at letters would try every letter.
const JOINED = /[.,:;\u060C\u061B](?<=[\p{L}\p{M}\p{N}\u200C].)[\p{M}\u200C]*[\p{L}\p{N}]/u;

/** Per UTF-16 code unit of plain text: 1 starts or continues a word (letter, digit), 2 only continues one (mark, half-space), 0 neither. */
const CLASS = new Uint8Array(0x10000);
for (const [from, to] of [[0x30, 0x7a], [0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfeff]] as const) {
  for (let code = from; code <= to; code++) {
    const c = String.fromCharCode(code);
    CLASS[code] = /[\p{L}\p{N}]/u.test(c) ? 1 : /\p{M}/u.test(c) ? 2 : 0;
  }
}
CLASS[0x200c] = 2;
const SPACE = 0x20;

/** Call `visit` with each word of the comment in order, and null for each break between words. */
export function eachSpelling(comment: string, visit: (spelling: Spelling) => void): void {
  if (PLAIN.test(comment) && !SPECIAL.test(comment) && !JOINED.test(comment)) eachPlainSpelling(comment, visit);
  else eachSegmentedSpelling(comment, visit);
}

function eachPlainSpelling(comment: string, visit: (spelling: Spelling) => void): void {
  let end = 0;
  const length = comment.length;
  for (let i = 0; i < length; ) {
    if (CLASS[comment.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && CLASS[comment.charCodeAt(i)] !== 0) i++;
    if (breaks(comment, end, start)) visit(null);
    visit(comment.slice(start, i));
    end = i;
  }
  if (breaks(comment, end, length)) visit(null);
}

/** Whether comment[from, to) holds anything but spaces and half-spaces (one space, the common case, checked first). */
function breaks(comment: string, from: number, to: number): boolean {
  if (to <= from || (to === from + 1 && comment.charCodeAt(from) === SPACE)) return false;
  return !SPACE_ONLY.test(comment.slice(from, to));
}

function eachSegmentedSpelling(comment: string, visit: (spelling: Spelling) => void): void {
  let broken = false;
  for (const { segment, isWordLike } of segmenter.segment(comment)) {
    if (isWordLike) {
      broken = false;
      visit(segment);
    } else if (!broken && !SPACE_ONLY.test(segment)) {
      // One break for a run of punctuation: between two words it is one break.
      broken = true;
      visit(null);
    }
  }
}

/** The words and breaks of a comment, in order. */
export function spellingsOf(comment: string): Spelling[] {
  const out: Spelling[] = [];
  eachSpelling(comment, (s) => out.push(s));
  return out;
}

/** As spellingsOf, by Intl.Segmenter whatever the text (for the test that compares). */
export function segmentedSpellingsOf(comment: string): Spelling[] {
  const out: Spelling[] = [];
  eachSegmentedSpelling(comment, (s) => out.push(s));
  return out;
}
