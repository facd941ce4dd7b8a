/**
 * The live preview beside the editor: the real widget card (widget/ui/preview.tsx,
 * the same components, stylesheet and locale rules the loader's UI chunk
 * uses), redrawn as the form changes, in en, fa or ar, at the survey's
 * position in a frame standing for the page, and at every step a visitor can
 * meet: the score, the reasons, each follow-up, the thanks. It posts nothing.
 * Clicking in it moves between steps as a visitor would.
 */
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isLowScore, SCALES } from '../../../../shared/kinds';
import { LOCALE_NAMES, LOCALES } from '../../../../shared/locale';
import { localize, promptAfter } from '../../../../shared/survey-text';
import { renderPreview, type PreviewStep } from '../../../../widget/ui/preview';
import { previewConfig, type SurveyForm } from '../../../forms/survey-form';
import { t } from '../../../i18n/strings';

/** A tab of the preview: a step, and for the follow-ups the band whose question it shows. */
type Tab = 'ask' | 'why' | 'low' | 'high' | 'thanks';

export function SurveyPreview({ form }: { form: SurveyForm }) {
  const host = useRef<HTMLDivElement>(null);
  const [locale, setLocale] = useState<string>('en');
  const [step, setStep] = useState<PreviewStep>('ask');
  // The reasons and follow-up shown are those after this score: the scale's lowest, until a score is clicked.
  const [score, setScore] = useState(SCALES[form.kind].min);
  const [chosen, setChosen] = useState<string[]>([]);
  const survey = previewConfig(form);
  const local = localize(survey, locale, 0);
  const { min, max } = SCALES[form.kind];
  // The steps this survey has: reasons if it asks them, each follow-up it has text for.
  const tabs: Tab[] = ['ask', ...(survey.reasons ? (['why'] as const) : []), ...(local.follow_up_low ? (['low'] as const) : []), ...(local.follow_up_high ? (['high'] as const) : []), 'thanks'];
  const current: Tab = step == 'more' ? (isLowScore(form.kind, score) ? 'low' : 'high') : step;
  const show = (tab: Tab) => {
    setChosen([]);
    if (tab == 'low' || tab == 'high') {
      setScore(tab == 'low' ? min : max);
      setStep('more');
    } else {
      // Reasons asked of high scores only are previewed after the highest.
      if (tab == 'why') setScore(survey.reasons?.when == 'high' ? max : min);
      setStep(tab);
    }
  };

  useEffect(() => {
    if (!host.current || !local.question) return;
    // A step the survey no longer has (its text was just cleared) shows the score instead.
    const shown = step == 'more' && !promptAfter(local, score) ? 'ask' : step == 'why' && !survey.reasons ? 'ask' : step;
    renderPreview(host.current, {
      survey,
      locale,
      step: shown,
      score,
      chosen,
      onStep: (next, picked, reasons) => {
        setStep(next);
        setScore(picked);
        setChosen(reasons);
      },
    });
  });

  return (
    <aside class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
      <div class="tabs" role="group" aria-label={t('preview.locale')}>
        {LOCALES.map((code) => (
          <button type="button" class={`tab${code == locale ? ' active' : ''}`} aria-pressed={code == locale} lang={code} onClick={() => setLocale(code)}>
            {LOCALE_NAMES[code]}
          </button>
        ))}
      </div>
      <div class="tabs" role="group" aria-label={t('preview.step')}>
        {tabs.map((tab) => (
          <button type="button" class={`tab${tab == current ? ' active' : ''}`} aria-pressed={tab == current} onClick={() => show(tab)}>
            {t(`preview.${tab}`)}
          </button>
        ))}
      </div>
      {local.question ? (
        <>
          {local.locale != locale && <p class="help">{t('preview.fallback', { locale: local.locale })}</p>}
          <div class="preview-frame">
            {/* The card's containing block (the host's own styles are the widget's, reset to initial). */}
            <div class="preview-page">
              <div class="preview-host" ref={host} data-testid="preview" />
            </div>
          </div>
        </>
      ) : (
        <p class="empty">{t('preview.noQuestion')}</p>
      )}
    </aside>
  );
}
