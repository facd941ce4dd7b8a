/** The live preview of the widget beside the editor (the widget's own UI module; see widget/ui/preview.tsx). */
import { h } from 'preact';
import type { SurveyForm } from '../../forms/survey-form';
import { t } from '../../i18n/strings';

export function SurveyPreview(_props: { form: SurveyForm }) {
  return (
    <aside class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
    </aside>
  );
}
