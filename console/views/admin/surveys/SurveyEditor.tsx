/**
 * Create or edit a survey: every field of the config, checked with the
 * API's own schemas before sending and shown beside each field when either
 * side refuses it, with the real widget previewed beside the form as it is
 * typed. A refused save keeps everything typed.
 */
import { signal } from '@preact/signals';
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { KINDS } from '../../../../shared/kinds';
import { STYLES, SurveyCreate, SurveyPatch } from '../../../../shared/schemas/survey';
import { createSurvey, getSurvey, patchSurvey } from '../../../api/admin';
import { ErrorNote } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { Progress } from '../../../components/Progress';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { blankForm, bodyOf, formOf, type SurveyForm } from '../../../forms/survey-form';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { forgetMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { hrefOf, route, setParams } from '../../../state/route';
import { ReasonFields } from './ReasonFields';
import { LookFields, TriggerFields } from './SurveyFields';
import { SurveyPreview } from './SurveyPreview';
import { SurveyTexts } from './SurveyTexts';

/** "Created", carried over the reload of the new survey from the API. */
const flash = signal('');

export function SurveyEditor() {
  const { site = '', id = 'new' } = route.value.params;
  const existing = useResource(site && id != 'new' ? `survey ${site} ${id}` : null, (signal) => getSurvey(site, id, signal));
  const [form, setForm] = useState<SurveyForm>(blankForm);
  useEffect(() => {
    if (id == 'new') setForm(blankForm());
    else if (existing.data) setForm(formOf(existing.data));
  }, [id, existing.data]);

  if (id != 'new' && !existing.data) {
    return (
      <section class="view" aria-labelledby="view-title">
        <h1 id="view-title">{t('editor.edit')}</h1>
        {existing.error ? <ErrorNote error={existing.error} /> : <Progress label={t('loading')} />}
      </section>
    );
  }
  return <Editor site={site} id={id} form={form} setForm={setForm} />;
}

function Editor({ site, id, form, setForm }: { site: string; id: string; form: SurveyForm; setForm: (f: SurveyForm) => void }) {
  const [issues, setIssues] = useState<Issues | null>(null);
  // The language the texts and the reasons' labels are typed in.
  const [locale, setLocale] = useState('en');
  const action = useAction();
  const creating = id == 'new';
  const update = (change: Partial<SurveyForm>) => setForm({ ...form, ...change });

  const save = async (event: Event) => {
    event.preventDefault();
    action.clear();
    flash.value = '';
    const body = bodyOf(form, { clear: !creating });
    const checked = creating ? check(SurveyCreate, body) : check(SurveyPatch, body);
    setIssues(checked.issues);
    if (checked.issues) {
      action.say({ key: 'editor.fix', values: { count: String(Object.keys(checked.issues).length) } });
      return;
    }
    const refused = await action.run('save', async () => {
      if (creating) {
        const created = await createSurvey(site, checked.output as SurveyCreate);
        flash.value = t('editor.created');
        setParams({ id: created.id });
      } else {
        await patchSurvey(site, id, checked.output as SurveyPatch);
      }
      forgetMeta(site);
      if (!creating) return { key: 'saved' };
    });
    // Everything typed stays; the API's reasons go beside their fields.
    if (refused) setIssues(issuesOf(refused));
  };

  return (
    <section class="view editor" aria-labelledby="view-title">
      <h1 id="view-title">{creating ? t('editor.new') : t('editor.edit')}</h1>
      <div class="editor-layout">
        <form class="editor-form" onSubmit={save} novalidate aria-labelledby="view-title">
          <fieldset>
            <legend>{t('editor.basics')}</legend>
            <Field id="sv-kind" label={t('surveys.kind')} error={issueAt(issues, 'kind')}>
              {(describedBy, invalid) => (
                <select id="sv-kind" value={form.kind} onChange={(e) => update({ kind: e.currentTarget.value as SurveyForm['kind'] })} aria-describedby={describedBy} aria-invalid={invalid}>
                  {KINDS.map((kind) => (
                    <option value={kind}>{t(`kind.long.${kind}`)}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="sv-name" label={t('surveys.name')} help={t('editor.nameHelp')} error={issueAt(issues, 'name')}>
              {(describedBy, invalid) => (
                <input id="sv-name" dir="auto" value={form.name} onInput={(e) => update({ name: e.currentTarget.value })} aria-describedby={describedBy} aria-invalid={invalid} />
              )}
            </Field>
            <Field id="sv-touchpoint" label={t('editor.touchpoint')} help={t('editor.touchpointHelp')} error={issueAt(issues, 'touchpoint')}>
              {(describedBy, invalid) => (
                <input
                  id="sv-touchpoint"
                  dir="ltr"
                  spellcheck={false}
                  placeholder="checkout"
                  value={form.touchpoint}
                  onInput={(e) => update({ touchpoint: e.currentTarget.value })}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
            {form.kind == 'csat' && (
              <Field id="sv-style" label={t('editor.style')} error={issueAt(issues, 'style')}>
                {(describedBy, invalid) => (
                  <select id="sv-style" value={form.style} onChange={(e) => update({ style: e.currentTarget.value as SurveyForm['style'] })} aria-describedby={describedBy} aria-invalid={invalid}>
                    {STYLES.map((style) => (
                      <option value={style}>{t(`editor.style.${style}`)}</option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <label class="check">
              <input type="checkbox" checked={form.active} onChange={(e) => update({ active: e.currentTarget.checked })} />
              {t('editor.active')}
            </label>
          </fieldset>
          <SurveyTexts form={form} update={update} issues={issues} locale={locale} setLocale={setLocale} />
          <ReasonFields form={form} update={update} issues={issues} locale={locale} />
          <TriggerFields form={form} update={update} issues={issues} />
          <LookFields form={form} update={update} issues={issues} />
          <p class="actions">
            <button type="submit" disabled={action.busy != ''}>
              {creating ? t('editor.create') : t('save')}
            </button>
            {!creating && <a href={hrefOf('embed', { site, survey: id })}>{t('editor.embed')}</a>}
            <span role="status" class="saved">
              {sayNow(action.status) || flash.value}
            </span>
          </p>
          {action.failure && <ErrorNote error={action.failure} />}
        </form>
        <SurveyPreview form={form} />
      </div>
    </section>
  );
}
