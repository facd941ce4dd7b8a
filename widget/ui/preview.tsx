/**
 * The survey editor's live preview: the widget's own components, stylesheet
 * and locale rules, rendered into an element at a chosen step and locale.
 * It posts nothing and touches no visitor state; the console calls it again
 * on every keystroke. A separate entry point, so that neither the loader nor
 * the UI chunk carry preview code, and the runtime has no preview mode.
 */
import { h } from './dom';
import type { SurveyConfig } from '../../shared/schemas/survey';
import { formatDigits } from '../../shared/locale-format';
import { asksReasons, localize, promptAfter } from '../../shared/survey-text';
import { css } from './styles';
import type { Step } from './props';
import { Survey } from './Survey';

export type PreviewStep = Step;

export interface PreviewOptions {
  /** The survey as an admin defines it; texts may still be missing while it is typed. */
  survey: SurveyConfig;
  /** The locale to preview, as `data-locale` would ask for it. */
  locale: string;
  step: PreviewStep;
  /** The score whose reasons and follow-up the later steps show (low and high may differ). */
  score: number;
  /** Reasons chosen (a survey that takes several shows them pressed). */
  chosen?: string[];
  /** A click in the preview: move to another step (the console keeps its controls in step). */
  onStep?: (step: PreviewStep, score: number, chosen: string[]) => void;
}

const sheets = new WeakMap<ShadowRoot, CSSStyleSheet>();

/** Render the survey card into `element`'s shadow root; call again to update. */
export function renderPreview(element: HTMLElement, options: PreviewOptions): void {
  const { step, score, chosen = [] } = options;
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  let sheet = sheets.get(root);
  if (!sheet) {
    sheets.set(root, (sheet = new CSSStyleSheet()));
    root.adoptedStyleSheets = [sheet];
  }
  sheet.replaceSync(css(options.survey.color, options.survey.position));
  // What the collector sends a visitor who asks for this locale: the same texts, the same words.
  const survey = localize(options.survey, options.locale, 0);
  const go = (next: PreviewStep, chosenScore = score, picked = chosen) => options.onStep?.(next, chosenScore, picked);
  const after = (chosenScore: number) => (promptAfter(survey, chosenScore) ? 'more' : 'thanks');
  const toggle = (id: string) => (chosen.includes(id) ? chosen.filter((c) => c != id) : [...chosen, id]);
  root.replaceChildren(
    <Survey
      survey={survey}
      digits={formatDigits(survey.locale)}
      step={step}
      chosen={chosen}
      announce={survey.question}
      prompt={promptAfter(survey, score) ?? ''}
      onScore={(picked) => go(asksReasons(survey, picked) ? 'why' : after(picked), picked, [])}
      onReason={(id) => (survey.reasons?.multiple ? go('why', score, toggle(id)) : go(after(score), score, [id]))}
      onNext={() => go(after(score))}
      onSend={() => go('thanks')}
      onClose={() => go('ask', score, [])}
    />,
  );
}
