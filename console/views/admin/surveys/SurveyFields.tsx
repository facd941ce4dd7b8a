/** The survey's trigger (when it shows, where), sampling, and look (position, colour). */
import { h } from 'preact';
import { POSITIONS, TRIGGERS } from '../../../../shared/schemas/survey';
import { Field } from '../../../components/Field';
import { issueAt, type Issues } from '../../../forms/issues';
import type { SurveyForm } from '../../../forms/survey-form';
import { t } from '../../../i18n/strings';

interface Props {
  form: SurveyForm;
  update: (change: Partial<SurveyForm>) => void;
  issues: Issues | null;
}

export function TriggerFields({ form, update, issues }: Props) {
  const trigger = form.trigger;
  const set = (change: Partial<SurveyForm['trigger']>) => update({ trigger: { ...trigger, ...change } });
  return (
    <fieldset>
      <legend>{t('editor.trigger')}</legend>
      <Field id="sv-on" label={t('editor.on')} error={issueAt(issues, 'trigger.on')}>
        {(describedBy, invalid) => (
          <select id="sv-on" value={trigger.on} onChange={(e) => set({ on: e.currentTarget.value as SurveyForm['trigger']['on'] })} aria-describedby={describedBy} aria-invalid={invalid}>
            {TRIGGERS.map((on) => (
              <option value={on}>{t(`trigger.${on}`)}</option>
            ))}
          </select>
        )}
      </Field>
      {(trigger.on == 'scroll' || trigger.scroll_pct != '' || issueAt(issues, 'trigger.scroll_pct')) && (
        <Field id="sv-scroll" label={t('editor.scroll')} help={t('editor.scrollHelp')} error={issueAt(issues, 'trigger.scroll_pct')}>
          {(describedBy, invalid) => (
            <input id="sv-scroll" inputMode="numeric" dir="ltr" value={trigger.scroll_pct} onInput={(e) => set({ scroll_pct: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
      )}
      <Field id="sv-delay" label={t('editor.delay')} error={issueAt(issues, 'trigger.delay_s')}>
        {(describedBy, invalid) => (
          <input id="sv-delay" inputMode="numeric" dir="ltr" value={trigger.delay_s} onInput={(e) => set({ delay_s: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <label class="check">
        <input type="checkbox" checked={trigger.exit_intent} onChange={(e) => set({ exit_intent: e.currentTarget.checked })} />
        {t('editor.exitIntent')}
      </label>
      <Field id="sv-paths" label={t('editor.paths')} help={t('editor.pathsHelp')} error={issueAt(issues, 'trigger.paths')}>
        {(describedBy, invalid) => (
          <textarea id="sv-paths" rows={2} dir="ltr" spellcheck={false} value={trigger.paths} onInput={(e) => set({ paths: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field id="sv-sample" label={t('editor.sample')} help={t('editor.sampleHelp')} error={issueAt(issues, 'sample_pct')}>
        {(describedBy, invalid) => (
          <input id="sv-sample" inputMode="decimal" dir="ltr" value={form.sample_pct} onInput={(e) => update({ sample_pct: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
      <Field id="sv-recontact" label={t('editor.recontact')} help={t('editor.recontactHelp')} error={issueAt(issues, 'recontact_days')}>
        {(describedBy, invalid) => (
          <input id="sv-recontact" inputMode="numeric" dir="ltr" value={form.recontact_days} onInput={(e) => update({ recontact_days: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
        )}
      </Field>
    </fieldset>
  );
}

export function LookFields({ form, update, issues }: Props) {
  const hex = /^#[0-9a-f]{6}$/i.test(form.color) ? form.color : '#1f6feb';
  return (
    <fieldset>
      <legend>{t('editor.look')}</legend>
      <Field id="sv-position" label={t('editor.position')} error={issueAt(issues, 'position')}>
        {(describedBy, invalid) => (
          <select id="sv-position" value={form.position} onChange={(e) => update({ position: e.currentTarget.value as SurveyForm['position'] })} aria-describedby={describedBy} aria-invalid={invalid}>
            {POSITIONS.map((p) => (
              <option value={p}>{t(`position.${p}`)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id="sv-color" label={t('editor.color')} help={t('editor.colorHelp')} error={issueAt(issues, 'color')}>
        {(describedBy, invalid) => (
          <span class="color-input">
            <input id="sv-color" dir="ltr" spellcheck={false} value={form.color} onInput={(e) => update({ color: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
            <input type="color" value={hex} onInput={(e) => update({ color: e.currentTarget.value })} aria-label={t('editor.colorPicker')} />
          </span>
        )}
      </Field>
    </fieldset>
  );
}
