/**
 * The reasons as chips (toggle buttons, `aria-pressed`) between the score and
 * the follow-up. One tap answers when the survey takes one reason; with
 * several, chips toggle and "Next" sends them. "Next" with none chosen skips.
 * Arrow keys move between chips in reading direction, as in a toolbar.
 */
import { Fragment, h } from './dom';
import type { SurveyProps } from './props';

/** Focus the chip `step` places away, round the ends; left and right follow the card's direction. */
function arrows(event: KeyboardEvent, rtl: boolean): void {
  const along = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  const step = along ? (rtl ? -along : along) : { ArrowDown: 1, ArrowUp: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  const chips = [...(event.currentTarget as HTMLElement).children] as HTMLElement[];
  chips[(chips.indexOf(event.target as HTMLElement) + step + chips.length) % chips.length]!.focus();
}

export function Reasons({ survey, chosen, onReason, onNext }: SurveyProps) {
  const reasons = survey.reasons!;
  const strings = survey.strings;
  return (
    <>
      <p id="h" class="q">
        {reasons.question}
      </p>
      <div class="c" role="group" aria-labelledby="h" onKeyDown={(event) => arrows(event, strings.dir == 'rtl')}>
        {reasons.options.map((option) => (
          <button aria-pressed={chosen.includes(option.id)} onClick={() => onReason(option.id)}>
            {option.label}
          </button>
        ))}
      </div>
      <button class="s" onClick={onNext}>
        {strings.next}
      </button>
    </>
  );
}
