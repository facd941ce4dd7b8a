/**
 * The reasons asked after the score: whether, after which scores, one or
 * several, and the options: an id each (a slug that stays when labels
 * change; scores and exports name it) and a label per language, shown in the
 * language the texts above are being written in. Each refusal, the browser's
 * or the API's, is shown beside its own field.
 */
import { h } from 'preact';
import { REASON_WHEN, REASONS_MAX, REASONS_MIN } from '../../../../shared/schemas/reasons';
import { isRtl, LOCALE_NAMES } from '../../../../shared/locale';
import { FieldError } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { TableHead } from '../../../components/TableHead';
import { issueAt, type Issues } from '../../../forms/issues';
import type { ReasonOptionForm, ReasonsForm, SurveyForm } from '../../../forms/survey-form';
import { t } from '../../../i18n/strings';

const NAMES: Record<string, string> = LOCALE_NAMES;

interface Props {
  form: SurveyForm;
  update: (change: Partial<SurveyForm>) => void;
  issues: Issues | null;
  /** The language the labels are typed in: the one the texts' tabs show. */
  locale: string;
}

export function ReasonFields({ form, update, issues, locale }: Props) {
  const reasons = form.reasons;
  const set = (change: Partial<ReasonsForm>) => update({ reasons: { ...reasons, ...change } });
  const setOption = (index: number, change: Partial<ReasonOptionForm>) =>
    set({ options: reasons.options.map((option, i) => (i == index ? { ...option, ...change } : option)) });
  const dir = isRtl(locale) ? 'rtl' : 'ltr';
  const language = NAMES[locale] ?? locale;
  return (
    <fieldset>
      <legend>{t('reasons.title')}</legend>
      <p class="help">{t('reasons.help')}</p>
      <label class="check">
        <input type="checkbox" checked={reasons.ask} onChange={(e) => set({ ask: e.currentTarget.checked })} />
        {t('reasons.ask')}
      </label>
      {reasons.ask && (
        <div>
          <Field id="sv-reasons-when" label={t('reasons.when')} error={issueAt(issues, 'reasons.when')}>
            {(describedBy, invalid) => (
              <select id="sv-reasons-when" value={reasons.when} onChange={(e) => set({ when: e.currentTarget.value as ReasonsForm['when'] })} aria-describedby={describedBy} aria-invalid={invalid}>
                {REASON_WHEN.map((when) => (
                  <option value={when}>{t(`reasons.when.${when}`)}</option>
                ))}
              </select>
            )}
          </Field>
          <label class="check">
            <input type="checkbox" checked={reasons.multiple} onChange={(e) => set({ multiple: e.currentTarget.checked })} />
            {t('reasons.multiple')}
          </label>
          <Field
            id={`sv-reasons-question-${locale}`}
            label={t('reasons.question', { language })}
            error={issueAt(issues, `reasons.question.${locale}`) ?? issues?.['reasons.question']}
          >
            {(describedBy, invalid) => (
              <textarea
                id={`sv-reasons-question-${locale}`}
                rows={1}
                lang={locale}
                dir={dir}
                value={reasons.question[locale] ?? ''}
                onInput={(e) => set({ question: { ...reasons.question, [locale]: e.currentTarget.value } })}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <FieldError id="sv-reasons-options-error" message={issues?.['reasons.options']} />
          <table class="reasons">
            <TableHead columns={[t('reasons.id'), t('reasons.label', { language })]} actions />
            <tbody>
              {reasons.options.map((option, i) => {
                const idIssue = issueAt(issues, `reasons.options.${i}.id`);
                const labelIssue = issueAt(issues, `reasons.options.${i}.label.${locale}`) ?? issues?.[`reasons.options.${i}.label`];
                const n = String(i + 1);
                return (
                  <tr>
                    <td>
                      <input
                        id={`sv-reason-id-${i}`}
                        dir="ltr"
                        spellcheck={false}
                        value={option.id}
                        placeholder="price"
                        onInput={(e) => setOption(i, { id: e.currentTarget.value })}
                        aria-label={t('reasons.idOf', { n })}
                        aria-describedby={idIssue ? `sv-reason-id-${i}-error` : undefined}
                        aria-invalid={!!idIssue}
                      />
                      <FieldError id={`sv-reason-id-${i}-error`} message={idIssue} />
                    </td>
                    <td>
                      <input
                        id={`sv-reason-label-${i}-${locale}`}
                        lang={locale}
                        dir={dir}
                        value={option.label[locale] ?? ''}
                        onInput={(e) => setOption(i, { label: { ...option.label, [locale]: e.currentTarget.value } })}
                        aria-label={t('reasons.labelOf', { n, language })}
                        aria-describedby={labelIssue ? `sv-reason-label-${i}-error` : undefined}
                        aria-invalid={!!labelIssue}
                      />
                      <FieldError id={`sv-reason-label-${i}-error`} message={labelIssue} />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="icon"
                        disabled={reasons.options.length <= REASONS_MIN}
                        onClick={() => set({ options: reasons.options.filter((_, j) => j != i) })}
                        aria-label={t('reasons.remove', { n })}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="actions">
            <button type="button" class="secondary" disabled={reasons.options.length >= REASONS_MAX} onClick={() => set({ options: [...reasons.options, { id: '', label: {} }] })}>
              {t('reasons.add')}
            </button>
          </p>
        </div>
      )}
    </fieldset>
  );
}
