/**
 * The survey editor's live preview: the widget's own components, stylesheet
 * and locale rules, rendered into an element at a chosen step and locale.
 * It posts nothing and touches no visitor state; the console calls it again
 * on every keystroke. A separate entry point, so that neither the loader nor
 * the UI chunk carry preview code, and the runtime has no preview mode.
 */
import { h, render } from 'preact';
import type { SurveyConfig } from '../types';
import { isRtl } from '../../shared/locale';
import { formatDigits } from '../../shared/locale-format';
import { stringsFor } from '../../shared/survey-strings';
import { followUpText, pickText } from '../../shared/survey-text';
import { css } from './styles';
import { Survey, type Step } from './Survey';

export type PreviewStep = Step;

export interface PreviewOptions {
  /** The survey as the widget would get it; texts may still be missing while it is typed. */
  survey: SurveyConfig;
  /** The locale to preview, as `data-locale` would ask for it. */
  locale: string;
  step: PreviewStep;
  /** The score whose follow-up the `more` step shows (low and high may differ). */
  score: number;
  /** A click in the preview: move to another step (the console keeps its controls in step). */
  onStep?: (step: PreviewStep, score: number) => void;
}

const sheets = new WeakMap<ShadowRoot, CSSStyleSheet>();

/** Render the survey card into `element`'s shadow root; call again to update. */
export function renderPreview(element: HTMLElement, options: PreviewOptions): void {
  const { survey, step, score } = options;
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  let sheet = sheets.get(root);
  if (!sheet) {
    sheets.set(root, (sheet = new CSSStyleSheet()));
    root.adoptedStyleSheets = [sheet];
  }
  sheet.replaceSync(css(survey.color, survey.position));
  // The same choice the widget makes: the asked locale's text, else its language's, else en, else any.
  const [locale, question] = pickText(survey.question, options.locale) ?? [options.locale, ''];
  const go = (next: PreviewStep, chosen = score) => options.onStep?.(next, chosen);
  render(
    <Survey
      kind={survey.kind}
      lang={locale}
      dir={isRtl(locale) ? 'rtl' : 'ltr'}
      strings={stringsFor(locale)}
      digits={formatDigits(locale)}
      step={step}
      question={question}
      announce={question}
      prompt={followUpText(survey, score, locale) ?? ''}
      onScore={(chosen) => go(followUpText(survey, chosen, locale) ? 'more' : 'thanks', chosen)}
      onSend={() => go('thanks')}
      onClose={() => go('ask')}
    />,
    root,
  );
}
