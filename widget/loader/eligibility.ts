/**
 * Whether a survey may be asked on this page view: pure functions of the
 * survey, the page path, the clock and the visitor's stored state.
 */
import type { LocalSurvey } from '../../shared/schemas/survey';
import type { State } from '../types';

const DAY_MS = 864e5;

/**
 * Does `path` match `glob`, where `*` matches any run of characters and
 * everything else is literal? Two pointers, going back only to the last star:
 * at most |glob| × |path| steps, however the stars are placed. (A regular
 * expression with one `.*` per star backtracks through every way of placing
 * the stars: with five of them and a 201-character path, seconds of a
 * visitor's page frozen.)
 */
export function globMatches(glob: string, path: string): boolean {
  let g = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  // Trailing stars match the empty rest of the path, hence the loop's second condition.
  while (p < path.length || glob[g] == '*') {
    if (glob[g] == '*') {
      star = g++;
      resume = p;
    } else if (glob[g] == path[p]) {
      g++;
      p++;
    } else if (star < 0) return false;
    else {
      // Let the last star take one more character, and try the rest again.
      g = star + 1;
      p = ++resume;
    }
  }
  return g == glob.length;
}

/** No globs: every path. */
export function pathMatches(globs: readonly string[] | null | undefined, path: string): boolean {
  return !globs?.length || globs.some((glob) => globMatches(glob, path));
}

/**
 * A visitor's stable place in [0, 100) for one survey: FNV-1a of visitor and
 * survey id, so each survey samples its own, independent share of visitors.
 */
export function sampleBucket(visitor: string, survey: string): number {
  const text = visitor + ':' + survey;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % 10000) / 100;
}

/**
 * Have the survey's waits (shared/waits.ts: days after an answer, after a
 * showing without one) passed since this visitor's last answer (`a`) and
 * last showing (`d`)? Both are the site's, whichever survey it was; `d` also
 * moves to when the collector says an identified visitor was asked elsewhere.
 */
export function waitOver(state: State, waits: readonly [number, number], now: number): boolean {
  return now - (state.a || 0) >= waits[0] * DAY_MS && now - (state.d || 0) >= waits[1] * DAY_MS;
}

/**
 * May this survey arm its trigger on this page view? Not if it runs only
 * through `cx('show', …)`, nor off its paths, outside its sample, or too
 * soon after this visitor's last answer or dismissal.
 */
export function due(survey: Pick<LocalSurvey, 'id' | 'trigger' | 'sample_pct' | 'waits'>, state: State, path: string, now: number): boolean {
  return (
    survey.trigger.on != 'manual' &&
    pathMatches(survey.trigger.paths, path) &&
    sampleBucket(state.v || '', survey.id) < survey.sample_pct &&
    waitOver(state, survey.waits, now)
  );
}
