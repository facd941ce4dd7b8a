/**
 * The survey's words per locale: question and follow-ups, in en / fa / ar
 * tabs (right-to-left inputs for fa and ar), plus any other locale the
 * survey already has. A tab whose texts the rules refused is marked.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
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
}

export function SurveyTexts({ form, update, issues }: Props) {
  const [locale, setLocale] = useState('en');
  const others = [...new Set(TEXT_FIELDS.flatMap((field) => Object.keys(form.texts[field])))].filter((l) => !BUILT_IN.includes(l));
  const locales = [...BUILT_IN, ...others];
  const setText = (field: TextField, text: string) => update({ texts: { ...form.texts, [field]: { ...form.texts[field], [locale]: text } } });
  const hasIssue = (l: string) => TEXT_FIELDS.some((field) => issues?.[`${field}.${l}`]);
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
