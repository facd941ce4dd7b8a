/** One survey on screen: the score row, then the follow-up, then thanks. */
import { h } from 'preact';
import type { Kind } from '../../shared/kinds';
import { FollowUp } from './FollowUp';
import { ScoreRow } from './ScoreRow';
import type { Strings } from './strings';

export interface SurveyProps {
  kind: Kind;
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: Strings;
  digits: (n: number) => string;
  step: 'ask' | 'more' | 'thanks';
  question: string;
  /** The follow-up prompt, once a score is chosen. */
  prompt?: string;
  /** The question as shown: set a moment after the card appears, so screen readers announce it. */
  announce?: string;
  onScore: (score: number) => void;
  onSend: () => void;
  onClose: () => void;
}

export function Survey(props: SurveyProps) {
  const { step } = props;
  return (
    <section
      class="cx"
      lang={props.lang}
      dir={props.dir}
      aria-label={props.question}
      onKeyDown={(event) => event.key == 'Escape' && props.onClose()}
    >
      <button class="x" aria-label={props.strings.close} onClick={props.onClose}>
        ×
      </button>
      {step == 'ask' ? (
        <ScoreRow {...props} />
      ) : step == 'more' ? (
        <FollowUp {...props} />
      ) : (
        // Focusable, so that a keyboard user's focus is not dropped to the page.
        <p id="t" class="q" tabIndex={-1}>
          {props.strings.thanks}
        </p>
      )}
    </section>
  );
}
