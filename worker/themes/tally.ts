/**
 * Counting terms over comments, then choosing the themes (docs/contract.md
 * §14). Pure: the route reads the comments (db/themes.ts), newest first, and
 * hands them here a chunk at a time.
 *
 * Built for 50,000 comments in a Worker's memory and time. A comment is kept
 * only as the numbers of its spellings (one Int32 a word), and each distinct
 * spelling is folded and stemmed once. Counting happens at the end: words in
 * one sweep; then two-word phrases, but only of words in at least MIN_COUNT
 * comments (a phrase is never in more comments than its words), first as
 * bare counts keyed by number, then in full for the phrases that reach
 * MIN_COUNT.
 */
import { HISTOGRAM_SLOTS, isLowScore, type Kind } from '../../shared/kinds';
import { logOddsZ, type TermCounts } from '../../shared/log-odds';
import { kindMetrics } from '../../shared/metrics';
import { Z95 } from '../../shared/stats';
import type { ThemeSide, ThemeTerm } from '../../shared/schemas/themes';
import { eachSpelling } from '../../shared/text/split';
import { termOf } from '../../shared/text/words';

/** A term must be in this many comments to be a theme. */
export const MIN_COUNT = 5;
const EXAMPLES = 3;
/** In a comment's spellings: a break (punctuation, a symbol) that ends a phrase. */
const BREAK = -1;

export interface ThemeComment {
  id: string;
  score: number;
  comment: string;
}

/** Counts of one term, filled comment by comment, newest first. */
class TermCount {
  count = 0;
  readonly histogram = new Array<number>(HISTOGRAM_SLOTS).fill(0);
  readonly examples: number[] = [];
  /** Spelling (a key of the caller's choosing) → comments in which the term was first spelled so. */
  readonly forms = new Map<number, number>();

  add(comment: number, score: number, form: number): void {
    this.count++;
    this.histogram[score]!++;
    if (this.examples.length < EXAMPLES) this.examples.push(comment);
    this.forms.set(form, (this.forms.get(form) ?? 0) + 1);
  }
}

/** Growable Int32 storage. */
class Int32List {
  data = new Int32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

export class ThemeTally {
  readonly #kind: Kind;
  /** Each distinct spelling once: its number, and the number of its word (BREAK when it is no term). */
  readonly #spellings = new Map<string, number>();
  readonly #spelling: string[] = [];
  readonly #wordOfSpelling = new Int32List();
  /** Each distinct term of one word once. */
  readonly #words = new Map<string, number>();
  readonly #word: string[] = [];
  /** Per comment: its id, its score, where its spellings start in #tokens. */
  readonly #ids: string[] = [];
  readonly #scores: number[] = [];
  readonly #starts = new Int32List();
  readonly #tokens = new Int32List();

  constructor(kind: Kind) {
    this.#kind = kind;
  }

  /** Read one comment; comments must come newest first. */
  add({ id, score, comment }: ThemeComment): void {
    this.#ids.push(id);
    this.#scores.push(score);
    this.#starts.push(this.#tokens.length);
    eachSpelling(comment, (form) => this.#tokens.push(form === null ? BREAK : this.#spellingOf(form)));
  }

  #spellingOf(form: string): number {
    let n = this.#spellings.get(form);
    if (n === undefined) {
      n = this.#spelling.push(form) - 1;
      this.#spellings.set(form, n);
      const term = termOf(form);
      let word = BREAK;
      if (term !== null) {
        word = this.#words.get(term) ?? this.#word.push(term) - 1;
        this.#words.set(term, word);
      }
      this.#wordOfSpelling.push(word);
    }
    return n;
  }

  /** Where comment c's spellings are in #tokens: [start, end). */
  #span(c: number): [number, number] {
    return [this.#starts.data[c]!, c + 1 < this.#starts.length ? this.#starts.data[c + 1]! : this.#tokens.length];
  }

  /** The word of the spelling at position i of #tokens (BREAK for a break or a stop word). */
  #wordAt(i: number): number {
    const spelling = this.#tokens.data[i]!;
    return spelling === BREAK ? BREAK : this.#wordOfSpelling.data[spelling]!;
  }

  /**
   * The themes of one side: terms in at least MIN_COUNT comments whose z is
   * beyond ±1.96 on that side, strongest first, at most `limit`.
   */
  themes(side: ThemeSide, limit: number): { comments: number; low: number; rest: number; terms: ThemeTerm[] } {
    const W = this.#word.length;
    const S = this.#spelling.length;
    const words = this.#word.map(() => new TermCount());
    /** The last comment a word was counted in: each word once per comment. */
    const counted = new Int32Array(W).fill(-1);
    const totals: TermCounts = { low: 0, rest: 0 };
    let low = 0;

    // Words, each once per comment with its first spelling there; and the groups' totals, phrases included.
    const pairs: number[] = [];
    for (let c = 0; c < this.#ids.length; c++) {
      const score = this.#scores[c]!;
      const [start, end] = this.#span(c);
      let terms = 0;
      pairs.length = 0;
      for (let i = start, previous = BREAK; i < end; i++) {
        const word = this.#wordAt(i);
        if (word !== BREAK) {
          if (counted[word] !== c) {
            counted[word] = c;
            words[word]!.add(c, score, this.#tokens.data[i]!);
            terms++;
          }
          if (previous !== BREAK && !pairs.includes(previous * W + word)) pairs.push(previous * W + word);
        }
        previous = word;
      }
      const band = isLowScore(this.#kind, score) ? 'low' : 'rest';
      if (band === 'low') low++;
      totals[band] += terms + pairs.length;
    }

    // Phrases whose two words are each in MIN_COUNT comments: bare counts first, then in full for those that reach it.
    const frequent = (word: number) => word !== BREAK && words[word]!.count >= MIN_COUNT;
    const phraseCounts = new Map<number, number>();
    this.#eachPhrase(frequent, W, S, (_c, pair) => phraseCounts.set(pair, (phraseCounts.get(pair) ?? 0) + 1));
    const phrases = new Map<number, TermCount>();
    for (const [pair, count] of phraseCounts) if (count >= MIN_COUNT) phrases.set(pair, new TermCount());
    phraseCounts.clear();
    this.#eachPhrase(frequent, W, S, (c, pair, form) => phrases.get(pair)?.add(c, this.#scores[c]!, form));

    const candidates: { term: string; counts: TermCount; form: (key: number) => string; z: number }[] = [];
    const consider = (term: () => string, counts: TermCount, form: (key: number) => string) => {
      if (counts.count < MIN_COUNT) return;
      const lowCount = this.#lowOf(counts);
      const z = logOddsZ({ low: lowCount, rest: counts.count - lowCount }, totals);
      if (side === 'low' ? z >= Z95 : z <= -Z95) candidates.push({ term: term(), counts, form, z });
    };
    const spelled = (key: number) => this.#spelling[key]!;
    words.forEach((counts, word) => consider(() => this.#word[word]!, counts, spelled));
    for (const [pair, counts] of phrases) {
      const term = () => `${this.#word[Math.floor(pair / W)]} ${this.#word[pair % W]}`;
      consider(term, counts, (key) => `${spelled(Math.floor(key / S))} ${spelled(key % S)}`);
    }
    const sign = side === 'low' ? -1 : 1;
    // Ties by term, so that the answer never depends on the order comments came in.
    candidates.sort((a, b) => sign * (a.z - b.z) || (a.term < b.term ? -1 : 1));
    return {
      comments: this.#ids.length,
      low,
      rest: this.#ids.length - low,
      terms: candidates.slice(0, limit).map((c) => this.#term(c.term, c.counts, c.form, c.z)),
    };
  }

  /**
   * Each phrase of each comment once (two neighbouring words, both
   * `frequent`), keyed by its words' numbers, with the key of its first
   * spelling in that comment.
   */
  #eachPhrase(frequent: (word: number) => boolean, W: number, S: number, visit: (c: number, pair: number, form: number) => void): void {
    const seen: number[] = [];
    for (let c = 0; c < this.#ids.length; c++) {
      const [start, end] = this.#span(c);
      seen.length = 0;
      for (let i = start + 1; i < end; i++) {
        const first = this.#wordAt(i - 1);
        const second = this.#wordAt(i);
        if (!frequent(first) || !frequent(second)) continue;
        const pair = first * W + second;
        if (seen.includes(pair)) continue;
        seen.push(pair);
        visit(c, pair, this.#tokens.data[i - 1]! * S + this.#tokens.data[i]!);
      }
    }
  }

  #lowOf(counts: TermCount): number {
    let low = 0;
    for (let s = 0; s < HISTOGRAM_SLOTS; s++) if (isLowScore(this.#kind, s)) low += counts.histogram[s]!;
    return low;
  }

  #term(term: string, counts: TermCount, form: (key: number) => string, z: number): ThemeTerm {
    const low = this.#lowOf(counts);
    const forms = [...counts.forms]
      .map(([key, n]) => [form(key), n] as const)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([spelling]) => spelling);
    return {
      term,
      forms,
      count: counts.count,
      low,
      rest: counts.count - low,
      z,
      score: kindMetrics(this.#kind, counts.histogram),
      examples: counts.examples.map((c) => this.#ids[c]!),
    };
  }
}
