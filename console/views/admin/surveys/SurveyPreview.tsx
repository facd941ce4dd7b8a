/**
 * The live preview beside the editor: the real widget UI (widget/ui/preview.tsx,
 * the same components, stylesheet and locale rules the loader's UI chunk
 * uses), redrawn as the form changes, in en, fa or ar and at any step. It
 * posts nothing. Clicking in it moves between steps as a visitor would.
 */
import { Fragment, h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LOCALE_NAMES, LOCALES } from '../../../../shared/locale';
import { pickText } from '../../../../shared/survey-text';
import { renderPreview, type PreviewStep } from '../../../../widget/ui/preview';
import { previewConfig, type SurveyForm } from '../../../forms/survey-form';
import { t } from '../../../i18n/strings';

const STEPS: PreviewStep[] = ['ask', 'more', 'thanks'];

export function SurveyPreview({ form }: { form: SurveyForm }) {
  const host = useRef<HTMLDivElement>(null);
  const [locale, setLocale] = useState<string>('en');
  const [step, setStep] = useState<PreviewStep>('ask');
  // The follow-up shown is the one after this score: the scale's lowest, until a score is clicked.
  const [score, setScore] = useState(0);
  const survey = previewConfig(form);
  const shown = pickText(survey.question, locale);

  useEffect(() => {
    if (!host.current || !shown) return;
    renderPreview(host.current, {
      survey,
      locale,
      step,
      score,
      onStep: (next, chosen) => {
        setStep(next);
        setScore(chosen);
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
        {STEPS.map((s) => (
          <button type="button" class={`tab${s == step ? ' active' : ''}`} aria-pressed={s == step} onClick={() => setStep(s)}>
            {t(`preview.${s}`)}
          </button>
        ))}
      </div>
      {shown ? (
        <>
          {shown[0] != locale && <p class="help">{t('preview.fallback', { locale: shown[0] })}</p>}
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
