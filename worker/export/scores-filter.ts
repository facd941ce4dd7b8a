/**
 * The score filters of an export or feed (`band`, `min_score`, `max_score`)
 * as score ranges per kind, or the parameter that makes them contradict
 * (docs/contract.md §17): a band the kind does not have, or a band and a
 * score range, or a range and the kind's scale, that leave no score at all.
 */
import { type Band, KINDS, type Kind, SCALES, bands } from '../../shared/kinds';
import type { ScoreRange } from '../db/export';

export interface ScoreFilterQuery {
  band?: Band;
  min_score?: number;
  max_score?: number;
}

export type ScoreFilter = { ranges: ScoreRange[] | undefined } | { parameter: 'band' | 'min_score' | 'max_score'; reason: string };

const span = (r: { min: number; max: number }) => `${r.min}–${r.max}`;

/** The ranges that match, or why none can; `ranges` undefined when nothing filters on scores. */
export function scoreFilter(kind: Kind | undefined, q: ScoreFilterQuery): ScoreFilter {
  const { band, min_score: min, max_score: max } = q;
  if (band === undefined && min === undefined && max === undefined) return { ranges: undefined };
  if (band !== undefined && kind !== undefined && !bands(kind).some((b) => b.band === band)) {
    return { parameter: 'band', reason: `must be ${bands(kind).map((b) => b.band).join(', ')} for ${kind}` };
  }
  // Without a band or a kind, the bounds apply to every kind alike.
  if (band === undefined && kind === undefined) return { ranges: [{ min: min ?? 0, max: max ?? 10 }] };
  const kinds = kind !== undefined ? [kind] : KINDS.filter((k) => bands(k).some((b) => b.band === band));
  const ranges = kinds
    .map((k) => {
      const whole = band === undefined ? SCALES[k] : bands(k).find((b) => b.band === band)!;
      return { kind: k, min: Math.max(whole.min, min ?? whole.min), max: Math.min(whole.max, max ?? whole.max) };
    })
    .filter((r) => r.min <= r.max);
  if (ranges.length > 0) return { ranges };
  const asked = `min_score–max_score (${min ?? 0}–${max ?? 10})`;
  if (band !== undefined) {
    const of = kinds.map((k) => `${span(bands(k).find((b) => b.band === band)!)}${kinds.length > 1 ? ` in ${k}` : ''}`).join(', ');
    return { parameter: 'band', reason: `${band} is ${of}: no score of it is within ${asked}` };
  }
  const scale = SCALES[kind!];
  return min !== undefined && min > scale.max
    ? { parameter: 'min_score', reason: `${kind} scores are ${span(scale)}: none is at least ${min}` }
    : { parameter: 'max_score', reason: `${kind} scores are ${span(scale)}: none is at most ${max}` };
}
