/** One site's settings: name, origins and cooldown, the journey, the touchpoints' names, read keys, and erasing a user. */
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SitePatch } from '../../../../shared/schemas/site';
import { getSite, patchSite, type Site } from '../../../api/admin';
import { ErrorNote } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { Progress } from '../../../components/Progress';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { typedNumber } from '../../../forms/numbers';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { forgetMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { route } from '../../../state/route';
import { loadSites } from '../../../state/sites';
import { EraseUser } from './EraseUser';
import { JourneyEditor } from './JourneyEditor';
import { Keys } from './Keys';
import { TouchpointNames } from './TouchpointNames';
import { originIssue, parseOrigins } from './Sites';

export function SiteSettings() {
  const site = route.value.params.site ?? '';
  const loaded = useResource(site || null, (signal) => getSite(site, signal));
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('settings.title', { name: loaded.data?.name ?? site })}</h1>
      {!site && <p class="empty">{t('settings.noSite')}</p>}
      {loaded.error && <ErrorNote error={loaded.error} />}
      {loaded.loading && !loaded.data && <Progress label={t('loading')} />}
      {loaded.data && (
        <>
          <NameAndOrigins site={loaded.data} />
          <JourneyEditor site={loaded.data} />
          <TouchpointNames site={loaded.data} />
          <Keys site={site} />
          <EraseUser site={loaded.data} />
        </>
      )}
    </section>
  );
}

function NameAndOrigins({ site }: { site: Site }) {
  const [name, setName] = useState(site.name);
  const [origins, setOrigins] = useState(site.origins.join('\n'));
  const [cooldown, setCooldown] = useState(String(site.cooldown_days));
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();
  useEffect(() => {
    setName(site.name);
    setOrigins(site.origins.join('\n'));
    setCooldown(String(site.cooldown_days));
  }, [site.site]);

  const submit = async (event: Event) => {
    event.preventDefault();
    action.clear();
    // A blank cooldown is 0: none.
    const checked = check(SitePatch, { name, origins: parseOrigins(origins), cooldown_days: typedNumber(cooldown) ?? 0 });
    setIssues(checked.issues);
    if (checked.issues) return;
    const refused = await action.run('save', async () => {
      await patchSite(site.site, checked.output);
      forgetMeta(site.site);
      void loadSites();
      return { key: 'saved' };
    });
    // Everything typed stays; the API's reasons go beside their fields.
    if (refused) setIssues(issuesOf(refused));
  };

  return (
    <section class="card" aria-labelledby="site-basics">
      <h2 id="site-basics">{t('settings.basics')}</h2>
      <form onSubmit={submit} novalidate>
        <Field id="edit-name" label={t('sites.name')} error={issueAt(issues, 'name')}>
          {(describedBy, invalid) => <input id="edit-name" dir="auto" value={name} onInput={(e) => setName(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field id="edit-origins" label={t('sites.origins')} help={t('sites.originsHelp')} error={originIssue(issues, parseOrigins(origins))}>
          {(describedBy, invalid) => (
            <textarea id="edit-origins" rows={3} dir="ltr" spellcheck={false} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        <Field id="edit-cooldown" label={t('settings.cooldownDays')} help={t('settings.cooldownHelp')} error={issueAt(issues, 'cooldown_days')}>
          {(describedBy, invalid) => (
            <input id="edit-cooldown" inputMode="numeric" dir="ltr" value={cooldown} onInput={(e) => setCooldown(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} />
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
