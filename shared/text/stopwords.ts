/**
 * Words too common to be a theme: the Persian, Arabic and English lists of
 * the `stopword` package, folded as comments are (its Arabic list spells
 * hamza and diacritics that comments often leave out). One set for all
 * three: a comment's language is not known, and a word of one list is
 * rarely a topic in the others.
 */
import { ara, eng, fas } from 'stopword';
import { foldText } from './fold';

export const STOP_WORDS: ReadonlySet<string> = new Set([...fas, ...ara, ...eng].map(foldText));
