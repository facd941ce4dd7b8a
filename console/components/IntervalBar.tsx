/**
 * A score and its 95% interval on the kind's whole scale (NPS −100…100,
 * CSAT 0…100 %, CES 1…7), so that wide and narrow intervals read at a
 * glance. Decoration only: the numbers are always written beside it.
 * Positions are set through the CSSOM (style properties), which the
 * console's CSP allows, not through style attributes in markup.
 */
import { h } from 'preact';
import type { Kind } from '../../shared/kinds';

const RANGE: Record<Kind, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] };

function at(kind: Kind, value: number): number {
  const [lo, hi] = RANGE[kind];
  return Math.min(100, Math.max(0, ((value - lo) / (hi - lo)) * 100));
}

export function IntervalBar({ kind, score, ci, weak }: { kind: Kind; score: number | null; ci: [number, number] | null; weak?: boolean }) {
  return (
    <div class={`ci-bar${weak ? ' weak' : ''}`} aria-hidden="true">
      {ci && <span class="ci-band" style={{ insetInlineStart: `${at(kind, ci[0])}%`, inlineSize: `${at(kind, ci[1]) - at(kind, ci[0])}%` }} />}
      {score !== null && <span class="ci-score" style={{ insetInlineStart: `${at(kind, score)}%` }} />}
    </div>
  );
}
