/**
 * Counting terms over comments, then choosing the themes (docs/contract.md
 * §14). Pure: the route reads the comments (db/themes.ts), newest first, and
 * hands them here a chunk at a time, so memory follows the distinct terms,
 * not the comments. Most terms are seen once; their counts live in typed
 * arrays indexed by a term number, and a term keeps a table of spellings
 * only once it has been seen spelled two ways.
 */
import { HISTOGRAM_SLOTS, isLowScore, type Kind } from '../../shared/kinds';
import { logOddsZ } from '../../shared/log-odds';
import { kindMetrics } from '../../shared/metrics';
import { Z95 } from '../../shared/stats';
import type { ThemeSide, ThemeTerm } from '../../shared/schemas/themes';
import { termsOf } from '../../shared/text/words';

/** A term must be in this many comments to be a theme. */
export const MIN_COUNT = 5;
const EXAMPLES = 3;

export interface ThemeComment {
  id: string;
  score: number;
  comment: string;
}

export class ThemeTally {
  readonly #kind: Kind;
  #comments = 0;
  #low = 0;
  readonly #number = new Map<string, number>();
  readonly #terms: string[] = [];
  /** Per term, HISTOGRAM_SLOTS counts of the scores of the comments holding it. */
  #histograms = new Uint32Array(1024 * HISTOGRAM_SLOTS);
  /** Per term, the comment numbers of its first EXAMPLES comments (the newest: comments come newest first). */
  #examples = new Int32Array(1024 * EXAMPLES);
  #count = new Uint32Array(1024);
  readonly #firstForm: string[] = [];
  readonly #forms: (Map<string, number> | undefined)[] = [];
  readonly #ids: string[] = [];
  /** Term occurrences (once per comment) in the low band and in the rest: the groups' totals. */
  #occurrences = { low: 0, rest: 0 };

  constructor(kind: Kind) {
    this.#kind = kind;
  }

  get comments(): number {
    return this.#comments;
  }

  /** Count one comment; comments must come newest first. */
  add({ id, score, comment }: ThemeComment): void {
    const ordinal = this.#ids.push(id) - 1;
    const low = isLowScore(this.#kind, score);
    this.#comments++;
    if (low) this.#low++;
    for (const [term, form] of termsOf(comment)) {
      const n = this.#numberOf(term, form);
      const seen = this.#count[n]!;
      if (seen < EXAMPLES) this.#examples[n * EXAMPLES + seen] = ordinal;
      this.#count[n] = seen + 1;
      this.#histograms[n * HISTOGRAM_SLOTS + score]!++;
      this.#noteForm(n, form, seen);
      if (low) this.#occurrences.low++;
      else this.#occurrences.rest++;
    }
  }

  #numberOf(term: string, form: string): number {
    const known = this.#number.get(term);
    if (known !== undefined) return known;
    const n = this.#terms.push(term) - 1;
    this.#number.set(term, n);
    this.#firstForm.push(form);
    this.#forms.push(undefined);
    if (n >= this.#count.length) this.#grow();
    return n;
  }

  #grow(): void {
    const grown = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const next = make(a.length * 2);
      next.set(a);
      return next;
    };
    this.#count = grown(this.#count, (n) => new Uint32Array(n));
    this.#histograms = grown(this.#histograms, (n) => new Uint32Array(n));
    this.#examples = grown(this.#examples, (n) => new Int32Array(n));
  }

  /** `seen`: comments counted for the term before this one, all spelled as the first form unless a table exists. */
  #noteForm(n: number, form: string, seen: number): void {
    let forms = this.#forms[n];
    if (!forms) {
      if (form === this.#firstForm[n]) return;
      forms = new Map([[this.#firstForm[n]!, seen]]);
      this.#forms[n] = forms;
    }
    forms.set(form, (forms.get(form) ?? 0) + 1);
  }

  /**
   * The themes of one side: terms in at least MIN_COUNT comments whose z is
   * beyond ±1.96 on that side, strongest first, at most `limit`.
   */
  themes(side: ThemeSide, limit: number): { comments: number; low: number; rest: number; terms: ThemeTerm[] } {
    const chosen: { n: number; z: number }[] = [];
    for (let n = 0; n < this.#terms.length; n++) {
      if (this.#count[n]! < MIN_COUNT) continue;
      const low = this.#lowOf(n);
      const z = logOddsZ({ low, rest: this.#count[n]! - low }, this.#occurrences);
      if (side === 'low' ? z >= Z95 : z <= -Z95) chosen.push({ n, z });
    }
    const sign = side === 'low' ? -1 : 1;
    // Ties by term, so that the answer never depends on the order comments came in.
    chosen.sort((a, b) => sign * (a.z - b.z) || (this.#terms[a.n]! < this.#terms[b.n]! ? -1 : 1));
    return {
      comments: this.#comments,
      low: this.#low,
      rest: this.#comments - this.#low,
      terms: chosen.slice(0, limit).map(({ n, z }) => this.#term(n, z)),
    };
  }

  #lowOf(n: number): number {
    let low = 0;
    for (let s = 0; s < HISTOGRAM_SLOTS; s++) if (isLowScore(this.#kind, s)) low += this.#histograms[n * HISTOGRAM_SLOTS + s]!;
    return low;
  }

  #term(n: number, z: number): ThemeTerm {
    const count = this.#count[n]!;
    const low = this.#lowOf(n);
    const forms = this.#forms[n];
    const spellings = forms
      ? [...forms].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([form]) => form)
      : [this.#firstForm[n]!];
    const examples = Array.from({ length: Math.min(count, EXAMPLES) }, (_, i) => this.#ids[this.#examples[n * EXAMPLES + i]!]!);
    return {
      term: this.#terms[n]!,
      forms: spellings,
      count,
      low,
      rest: count - low,
      z,
      score: kindMetrics(this.#kind, Array.from(this.#histograms.subarray(n * HISTOGRAM_SLOTS, (n + 1) * HISTOGRAM_SLOTS))),
      examples,
    };
  }
}
