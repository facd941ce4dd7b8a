/**
 * One survey card as a pure view of its props: the score row, then the
 * follow-up, then thanks. The widget drives it (index.tsx); the console's
 * preview renders it at any step (preview.tsx).
 */
import { h } from 'preact';
import type { Kind } from '../../shared/kinds';
import { FollowUp } from './FollowUp';
import { ScoreRow } from './ScoreRow';
import type { Strings } from '../../shared/survey-strings';

export type Step = 'ask' | 'more' | 'thanks';

export interface SurveyProps {
  kind: Kind;
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
  digits: (n: number) => string;
  step: Step;
  question: string;
  /** The follow-up prompt, once a score is chosen. */
  prompt?: string;
  /** The question as announced: set a moment after the card appears, so screen readers read it. */
  announce?: string;
  onScore: (score: number) => void;
  onSend: () => void;
  onClose: () => void;
}

export function Survey(props: SurveyProps) {
  const { step, strings } = props;
  return (
    <section
      class="cx"
      lang={props.lang}
      dir={props.dir}
      aria-label={props.question}
      onKeyDown={(event) => event.key == 'Escape' && props.onClose()}
    >
      <button class="x" aria-label={strings.close} onClick={props.onClose}>
        ×
      </button>
      {step == 'ask' ? (
        <ScoreRow {...props} />
      ) : step == 'more' ? (
        <FollowUp {...props} />
      ) : (
        // Focusable, so that a keyboard user's focus is not dropped to the page.
        <p id="t" class="q" tabIndex={-1}>
          {strings.thanks}
        </p>
      )}
    </section>
  );
}
