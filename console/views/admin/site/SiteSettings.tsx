/** One site's settings: name and origins, the journey, read keys, and erasing a user. */
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SitePatch } from '../../../../shared/schemas/site';
import { getSite, patchSite, type Site } from '../../../api/admin';
import { ApiFailure } from '../../../api/client';
import { ErrorNote } from '../../../components/ErrorNote';
import { Field } from '../../../components/Field';
import { Progress } from '../../../components/Progress';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { t } from '../../../i18n/strings';
import { forgetMeta } from '../../../state/meta';
import { useResource } from '../../../state/resource';
import { route } from '../../../state/route';
import { loadSites } from '../../../state/sites';
import { EraseUser } from './EraseUser';
import { JourneyEditor } from './JourneyEditor';
import { Keys } from './Keys';
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
  const [issues, setIssues] = useState<Issues | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setName(site.name);
    setOrigins(site.origins.join('\n'));
  }, [site.site]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const checked = check(SitePatch, { name, origins: parseOrigins(origins) });
    setIssues(checked.issues);
    if (checked.issues) return;
    try {
      await patchSite(site.site, checked.output);
      setSaved(true);
      forgetMeta(site.site);
      void loadSites();
    } catch (error) {
      setFailure(error as ApiFailure);
      setIssues(issuesOf(error as ApiFailure));
    }
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
        <button type="submit">{t('save')}</button>
        {saved && (
          <span role="status" class="saved">
            {t('saved')}
          </span>
        )}
        {failure && <ErrorNote error={failure} />}
      </form>
    </section>
  );
}
