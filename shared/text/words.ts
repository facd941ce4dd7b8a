/**
 * A comment's terms (docs/contract.md §14): its words (split.ts), folded
 * (fold.ts), lightly stemmed, stop words dropped; and its two-word phrases,
 * two such words with nothing but space between them.
 */
import { foldText } from './fold';
import { spellingsOf } from './split';
import { STOP_WORDS } from './stopwords';

/** Persian plural suffixes, longest first (the half-space before them is already folded away). */
const PERSIAN_PLURALS = ['هایی', 'های', 'ها'];
/** Arabic article and its prefixed forms, longest first (ك is already folded to ک). */
const ARABIC_ARTICLES = ['وال', 'بال', 'کال', 'فال', 'لل', 'ال'];
/** A stem keeps at least this many letters, so that short words are left whole. */
const MIN_STEM = 3;

const ARABIC_SCRIPT = /^\p{Script=Arabic}+$/u;
const LATIN_LOWER = /^[a-z]+$/;
/** Scripts whose one-character words are words (Chinese, Japanese, Korean). */
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const letters = (word: string) => [...word].length;

/**
 * The light stem of a folded word: Persian plural suffixes and the Arabic
 * article dropped, and the English plural s, each only when enough remains.
 */
export function stem(folded: string): string {
  if (ARABIC_SCRIPT.test(folded)) {
    let word = folded;
    const article = ARABIC_ARTICLES.find((a) => word.startsWith(a) && letters(word) - letters(a) >= MIN_STEM);
    if (article) word = word.slice(article.length);
    const plural = PERSIAN_PLURALS.find((p) => word.endsWith(p) && letters(word) - letters(p) >= MIN_STEM);
    if (plural) word = word.slice(0, -plural.length);
    return word;
  }
  if (LATIN_LOWER.test(folded) && folded.length >= 4 && folded.endsWith('s') && !folded.endsWith('ss')) return folded.slice(0, -1);
  return folded;
}

/** A word as read: its term (null for a stop word or a lone letter) and its spelling in the comment. */
export interface Word {
  term: string | null;
  form: string;
}

/** The term of one written word, or null when it is no theme. */
export function termOf(form: string): string | null {
  const folded = foldText(form);
  if (folded === '' || STOP_WORDS.has(folded)) return null;
  const term = stem(folded);
  if (STOP_WORDS.has(term)) return null;
  if (letters(term) < 2 && !IDEOGRAPHIC.test(term)) return null;
  return term;
}

/** The words of a comment in order, with their terms; null marks a break. */
export function wordsOf(comment: string): (Word | null)[] {
  return spellingsOf(comment).map((form) => (form === null ? null : { term: termOf(form), form }));
}

/**
 * Each term of a comment once, with the spelling it first has there: the
 * words, and the phrases of two neighbouring words that are both terms.
 */
export function termsOf(comment: string): Map<string, string> {
  const terms = new Map<string, string>();
  let previous: Word | null = null;
  for (const word of wordsOf(comment)) {
    if (word?.term) {
      if (!terms.has(word.term)) terms.set(word.term, word.form);
      if (previous?.term) {
        const phrase = `${previous.term} ${word.term}`;
        if (!terms.has(phrase)) terms.set(phrase, `${previous.form} ${word.form}`);
      }
    }
    previous = word;
  }
  return terms;
}

/** Whether a comment holds a term (a word or a two-word phrase) in any of its spellings. */
export function holdsTerm(comment: string, term: string): boolean {
  return termsOf(comment).has(term);
}

/** The normalised form of a term as someone typed it (the feed's `theme`): each word folded and stemmed. */
export function normaliseTerm(text: string): string | null {
  const words = wordsOf(text);
  if (words.length < 1 || words.length > 2 || words.some((w) => !w?.term)) return null;
  return words.map((w) => w!.term).join(' ');
}
