/**
 * The survey's words per locale: question, follow-ups and thanks, in en / fa
 * / ar tabs (right-to-left inputs for fa and ar), plus any other locale the
 * survey already has. A tab whose texts the rules refused (the reasons'
 * labels included) is marked. The editor keeps the chosen tab, so that the
 * reasons' labels are typed in the same language.
 */
import { h } from 'preact';
import { isRtl, LOCALE_NAMES, LOCALES } from '../../../../shared/locale';
import { Field } from '../../../components/Field';
import { FieldError } from '../../../components/ErrorNote';
import { issueAt, type Issues } from '../../../forms/issues';
import { TEXT_FIELDS, type SurveyForm, type TextField } from '../../../forms/survey-form';
import { t } from '../../../i18n/strings';

const BUILT_IN: readonly string[] = LOCALES;
const NAMES: Record<string, string> = LOCALE_NAMES;

interface Props {
  form: SurveyForm;
  update: (change: Partial<SurveyForm>) => void;
  issues: Issues | null;
  locale: string;
  setLocale: (locale: string) => void;
}

/** The locales a survey's texts and reasons use beyond the built-in ones. */
export function otherLocales(form: SurveyForm): string[] {
  const reasons = [form.reasons.question, ...form.reasons.options.map((option) => option.label)];
  const used = [...TEXT_FIELDS.map((field) => form.texts[field]), ...reasons].flatMap((texts) => Object.keys(texts));
  return [...new Set(used)].filter((l) => !BUILT_IN.includes(l));
}

export function SurveyTexts({ form, update, issues, locale, setLocale }: Props) {
  const locales = [...BUILT_IN, ...otherLocales(form)];
  const setText = (field: TextField, text: string) => update({ texts: { ...form.texts, [field]: { ...form.texts[field], [locale]: text } } });
  // A text of this locale refused, or a reason's question or label in it.
  const hasIssue = (l: string) =>
    Object.keys(issues ?? {}).some((path) => TEXT_FIELDS.some((field) => path == `${field}.${l}`) || (path.startsWith('reasons.') && path.endsWith(`.${l}`)));
  const rtl = isRtl(locale);

  return (
    <fieldset>
      <legend>{t('editor.texts')}</legend>
      <p class="help">{t('editor.textsHelp')}</p>
      {/* "At least one locale" is about the question as a whole. */}
      <FieldError id="sv-question-error" message={issues?.['question']} />
      <div class="tabs" role="tablist" aria-label={t('editor.locale')}>
        {locales.map((l) => (
          <button
            type="button"
            role="tab"
            id={`tab-${l}`}
            aria-selected={l == locale}
            aria-controls="texts-panel"
            class={`tab${l == locale ? ' active' : ''}${hasIssue(l) ? ' has-issue' : ''}`}
            onClick={() => setLocale(l)}
            onKeyDown={(e) => {
              // Arrow keys move between tabs, in reading direction (the tab pattern of WAI-ARIA).
              const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
              if (!step) return;
              const rtlPage = getComputedStyle(e.currentTarget).direction == 'rtl';
              const next = locales[(locales.indexOf(l) + (rtlPage ? -step : step) + locales.length) % locales.length]!;
              setLocale(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
            tabIndex={l == locale ? 0 : -1}
            lang={l}
          >
            {NAMES[l] ?? l}
            {hasIssue(l) && <span class="visually-hidden"> ({t('editor.tabIssue')})</span>}
          </button>
        ))}
      </div>
      <div id="texts-panel" role="tabpanel" aria-labelledby={`tab-${locale}`}>
        {TEXT_FIELDS.map((field) => {
          const id = `sv-${field}-${locale}`;
          return (
            <Field id={id} label={t(`editor.${field}`)} help={field == 'question' ? undefined : t(`editor.${field}.help`)} error={issueAt(issues, `${field}.${locale}`)}>
              {(describedBy, invalid) => (
                <textarea
                  id={id}
                  rows={field == 'question' ? 2 : 1}
                  lang={locale}
                  dir={rtl ? 'rtl' : 'ltr'}
                  value={form.texts[field][locale] ?? ''}
                  onInput={(e) => setText(field, e.currentTarget.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
