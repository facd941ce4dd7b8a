/**
 * The scale as a row of native buttons, lowest first in the DOM. `dir` on the
 * card makes the row run in reading direction: 0 on the right in fa and ar.
 * CSAT may be drawn as five faces (emoji: text, no images), each named for
 * screen readers by its digit and what it means.
 */
import { Fragment, h } from './dom';
import { SCALES, scaleScores } from '../../shared/kinds';
import type { SurveyProps } from './props';

const FACES = ['😞', '🙁', '😐', '🙂', '😄'];

export function ScoreRow({ survey, digits, announce, onScore }: SurveyProps) {
  const { min, max } = SCALES[survey.kind];
  const { low, high, faces } = survey.strings;
  return (
    <>
      {/* A polite live region, filled just after it appears: read out, focus left where it was. */}
      <p id="q" class="q" aria-live="polite">
        {announce}
      </p>
      <div class={faces ? 'r f' : max > 7 ? 'r w' : 'r'} role="group" aria-labelledby="q">
        {scaleScores(survey.kind).map((score) => (
          // The name starts with the visible digit (WCAG 2.5.3); the ends, and every face, also say what they mean.
          <button
            aria-label={
              digits(score) + (faces ? ', ' + faces[score - min] : score == min ? ', ' + low : score == max ? ', ' + high : '')
            }
            onClick={() => onScore(score)}
          >
            {faces ? FACES[score - min] : digits(score)}
          </button>
        ))}
      </div>
      {/* Hidden from screen readers: the end buttons' names already say it. */}
      <p class="e" aria-hidden="true">
        <span>{low}</span>
        <span>{high}</span>
      </p>
    </>
  );
}
