/**
 * One survey card as a pure view of its props: the score row, then the
 * reasons, then the follow-up, then thanks. The widget drives it
 * (index.tsx); the console's preview renders it at any step (preview.tsx).
 * The survey comes localized (shared/survey-text.ts `localize`): its texts
 * in the one locale the card speaks, and `strings` its fixed words.
 */
import { h } from './dom';
import { FollowUp } from './FollowUp';
import { Reasons } from './Reasons';
import type { SurveyProps } from './props';
import { ScoreRow } from './ScoreRow';

export function Survey(props: SurveyProps) {
  const { step, survey } = props;
  const strings = survey.strings;
  return (
    <section
      class="cx"
      lang={survey.locale}
      dir={strings.dir}
      aria-label={survey.question}
      onKeyDown={(event) => event.key == 'Escape' && props.onClose()}
    >
      <button class="x" aria-label={strings.close} onClick={props.onClose}>
        ×
      </button>
      {step == 'ask' ? (
        <ScoreRow {...props} />
      ) : step == 'why' ? (
        <Reasons {...props} />
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
