/** The sites the caller reaches, and for those who reach every site a form to create one (name and origins; its read key shown once). */
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SiteCreate } from '../../../../shared/schemas/site';
import { createSite } from '../../../api/admin';
import { ErrorNote } from '../../../components/ErrorNote';
import { TableHead } from '../../../components/TableHead';
import { Field } from '../../../components/Field';
import { SecretOnce } from '../../../components/SecretOnce';
import { check, issueAt, issuesOf, type Issues } from '../../../forms/issues';
import { formatDate } from '../../../i18n/format';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { browserZone, DEFAULT_CALENDAR } from '../../../state/filters';
import { lang } from '../../../i18n/lang';
import { hrefOf } from '../../../state/route';
import { reachesEverySite } from '../../../state/session';
import { loadSites, sites, sitesError } from '../../../state/sites';

/** One origin per line (or separated by spaces or commas), as people paste them. */
export function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);
}

/** An origins error names the origin it is about (`origins.1` → the second one typed). */
export function originIssue(issues: Issues | null, typed: string[]): string | undefined {
  const message = issueAt(issues, 'origins');
  const index = Object.keys(issues ?? {}).find((key) => key.startsWith('origins.'))?.split('.')[1];
  const origin = index === undefined ? undefined : typed[Number(index)];
  return message && origin ? `${origin}: ${message}` : message;
}

export function Sites() {
  useEffect(() => void loadSites(), []);
  const list = sites.value;
  return (
    <section class="view" aria-labelledby="view-title">
      <h1 id="view-title">{t('nav.sites')}</h1>
      {sitesError.value && <ErrorNote error={sitesError.value} />}
      {list && (
        <div class="table-scroll">
          <table>
            <TableHead columns={[t('sites.name'), t('sites.key'), t('sites.origins'), t('sites.created')]} actions />
            <tbody>
              {list.map((s) => (
                <tr>
                  <th scope="row">{s.name}</th>
                  <td>
                    <code dir="ltr">{s.site}</code>
                  </td>
                  <td dir="ltr" class="origins">
                    {s.origins.join(' ')}
                  </td>
                  <td>{formatDate(Date.parse(s.created_at), browserZone(), DEFAULT_CALENDAR[lang.value])}</td>
                  <td class="row-actions">
                    <a href={hrefOf('scores', { site: s.site })}>{t('sites.open')}</a>
                    <a href={hrefOf('site', { site: s.site })}>{t('sites.settings')}</a>
                    <a href={hrefOf('surveys', { site: s.site })}>{t('nav.surveys')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reachesEverySite.value && <CreateSite />}
    </section>
  );
}

function CreateSite() {
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [issues, setIssues] = useState<Issues | null>(null);
  const [created, setCreated] = useState<{ site: string; read_key: string } | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    action.clear();
    const body = { name, origins: parseOrigins(origins) };
    const checked = check(SiteCreate, body);
    setIssues(checked.issues);
    if (checked.issues) return;
    const refused = await action.run('create', async () => {
      setCreated(await createSite(checked.output));
      setName('');
      setOrigins('');
      void loadSites();
    });
    // Everything typed stays; the API's reasons go beside their fields.
    if (refused) setIssues(issuesOf(refused));
  };

  return (
    <section class="card" aria-labelledby="create-site">
      <h2 id="create-site">{t('sites.create')}</h2>
      {created && (
        <>
          <p role="status">{t('sites.created.text', { site: created.site })}</p>
          <SecretOnce label={t('keys.readKey')} secret={created.read_key} onDone={() => setCreated(null)} />
        </>
      )}
      <form onSubmit={submit} novalidate>
        <Field id="site-name" label={t('sites.name')} error={issueAt(issues, 'name')}>
          {(describedBy, invalid) => (
            <input id="site-name" value={name} onInput={(e) => setName(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} dir="auto" />
          )}
        </Field>
        <Field id="site-origins" label={t('sites.origins')} help={t('sites.originsHelp')} error={originIssue(issues, parseOrigins(origins))}>
          {(describedBy, invalid) => (
            <textarea id="site-origins" rows={3} dir="ltr" value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid} spellcheck={false} />
          )}
        </Field>
        <button type="submit" disabled={action.busy != ''}>
          {t('sites.createButton')}
        </button>
        {action.failure && <ErrorNote error={action.failure} />}
      </form>
    </section>
  );
}
