/**
 * The scale as a row of native buttons, lowest first in the DOM. `dir` on the
 * card makes the row run in reading direction: 0 on the right in fa and ar.
 */
import { Fragment, h } from 'preact';
import { type Kind, SCALES, scaleScores } from '../../shared/kinds';
import type { Strings } from '../../shared/survey-strings';

export interface ScoreRowProps {
  kind: Kind;
  /** The card's fixed strings; the row reads what the ends of the scale mean. */
  strings: Strings;
  digits: (n: number) => string;
  /** The question, set a moment after the row appears so that screen readers announce it. */
  announce?: string;
  onScore: (score: number) => void;
}

export function ScoreRow({ kind, strings, digits, announce, onScore }: ScoreRowProps) {
  const { min, max } = SCALES[kind];
  const [low, high] = strings.ends[kind];
  return (
    <>
      {/* A polite live region, filled just after it appears: read out, focus left where it was. */}
      <p id="q" class="q" aria-live="polite">
        {announce}
      </p>
      <div class="row" role="group" aria-labelledby="q">
        {scaleScores(kind).map((score) => (
          // The name starts with the visible digit (WCAG 2.5.3); the ends also say what they mean.
          <button
            aria-label={digits(score) + (score == min ? ', ' + low : score == max ? ', ' + high : '')}
            onClick={() => onScore(score)}
          >
            {digits(score)}
          </button>
        ))}
      </div>
      {/* Hidden from screen readers: the end buttons' names already say it. */}
      <p class="ends" aria-hidden="true">
        <span>{low}</span>
        <span>{high}</span>
      </p>
    </>
  );
}
