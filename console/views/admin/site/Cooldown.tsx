/**
 * The site's cooldown: days after a visitor answers, or is shown, any of the
 * site's surveys during which none is shown to them (docs/contract.md §15).
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SitePatch } from '../../../../shared/schemas/site';
import { patchSite, type Site } from '../../../api/admin';
import { ErrorNote } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { typedNumber } from '../../../forms/numbers';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';

export function Cooldown({ site }: { site: Site }) {
  const [days, setDays] = useState(String(site.cooldown_days));
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();
  useEffect(() => setDays(String(site.cooldown_days)), [site.site]);

  const submit = async (event: Event) => {
    event.preventDefault();
    action.clear();
    // Blank is 0: no cooldown.
    const checked = check(SitePatch, { cooldown_days: typedNumber(days) ?? 0 });
    setIssues(checked.issues);
    if (checked.issues) return;
    const refused = await action.run('save', async () => {
      await patchSite(site.site, checked.output);
      return { key: 'saved' };
    });
    if (refused) setIssues(issuesOf(refused));
  };

  return (
    <section class="card" aria-labelledby="cooldown-title">
      <h2 id="cooldown-title">{t('settings.cooldown')}</h2>
      <form onSubmit={submit} novalidate>
        <Field id="edit-cooldown" label={t('settings.cooldownDays')} help={t('settings.cooldownHelp')} error={issueAt(issues, 'cooldown_days')}>
          {(describedBy, invalid) => (
            <input id="edit-cooldown" inputMode="numeric" dir="ltr" value={days} onInput={(e) => setDays(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <button type="submit">{t('save')}</button>
        {action.status && (
          <span role="status" class="saved">
            {sayNow(action.status)}
          </span>
        )}
        {action.failure && <ErrorNote error={action.failure} />}
      </form>
    </section>
  );
}
