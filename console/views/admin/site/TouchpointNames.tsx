/**
 * The touchpoints' names in each built-in locale (docs/contract.md §17), as
 * the analyst views show them: a row per touchpoint of the journey, seen in
 * answers or already named, a field per language; an empty field leaves the
 * slug. Saved whole, checked first with the API's own schema.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LOCALE_NAMES, LOCALES } from '../../../../shared/locale';
import { SitePatch, type TouchpointLabels } from '../../../../shared/schemas/site';
import { patchSite, type Site } from '../../../api/admin';
import { ErrorNote, FieldError } from '../../../components/ErrorNote';
import { check, issuesOf, type Issues } from '../../../forms/issues';
import { sayNow } from '../../../i18n/said';
import { t } from '../../../i18n/strings';
import { useAction } from '../../../state/action';
import { forgetMeta, useMeta } from '../../../state/meta';

/** The labels typed, without empty fields or touchpoints left with none. */
function typed(labels: TouchpointLabels): TouchpointLabels {
  const kept: TouchpointLabels = {};
  for (const [slug, names] of Object.entries(labels)) {
    const filled = Object.fromEntries(Object.entries(names).filter(([, name]) => name?.trim()));
    if (Object.keys(filled).length > 0) kept[slug] = filled;
  }
  return kept;
}

export function TouchpointNames({ site }: { site: Site }) {
  const meta = useMeta(site.site);
  const [labels, setLabels] = useState<TouchpointLabels>(site.touchpoint_labels);
  const [issues, setIssues] = useState<Issues | null>(null);
  const action = useAction();
  useEffect(() => setLabels(site.touchpoint_labels), [site.site]);
  const slugs = [...new Set([...site.journey, ...(meta.data?.touchpoints ?? []), ...Object.keys(site.touchpoint_labels)])];

  const save = async (event: Event) => {
    event.preventDefault();
    action.clear();
    const checked = check(SitePatch, { touchpoint_labels: typed(labels) });
    setIssues(checked.issues);
    if (checked.issues) return;
    const refused = await action.run('save', async () => {
      await patchSite(site.site, checked.output);
      forgetMeta(site.site);
      return { key: 'saved' };
    });
    if (refused) setIssues(issuesOf(refused));
  };
  const issueOf = (slug: string) => Object.entries(issues ?? {}).find(([path]) => path.startsWith(`touchpoint_labels.${slug}`))?.[1];

  return (
    <section class="card" aria-labelledby="labels-title">
      <h2 id="labels-title">{t('labels.title')}</h2>
      <p class="help">{t('labels.help')}</p>
      {slugs.length == 0 ? (
        <p class="empty">{t('journey.emptyEditor')}</p>
      ) : (
        <form onSubmit={save} novalidate>
          <div class="table-scroll">
            <table class="labels">
              <thead>
                <tr>
                  <th scope="col">{t('filters.touchpoint')}</th>
                  {LOCALES.map((locale) => (
                    <th scope="col" lang={locale}>
                      {LOCALE_NAMES[locale]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {slugs.map((slug) => (
                  <tr>
                    <th scope="row">
                      <code dir="ltr">{slug}</code>
                      <FieldError id={`label-${slug}-error`} message={issueOf(slug)} />
                    </th>
                    {LOCALES.map((locale) => (
                      <td>
                        <input
                          dir="auto"
                          lang={locale}
                          value={labels[slug]?.[locale] ?? ''}
                          aria-label={t('labels.of', { touchpoint: slug, language: LOCALE_NAMES[locale] })}
                          aria-invalid={!!issueOf(slug)}
                          aria-describedby={issueOf(slug) ? `label-${slug}-error` : undefined}
                          onInput={(e) => setLabels({ ...labels, [slug]: { ...labels[slug], [locale]: e.currentTarget.value } })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="actions">
            <button type="submit">{t('save')}</button>
            <span role="status" class="saved">
              {sayNow(action.status)}
            </span>
          </p>
          {action.failure && <ErrorNote error={action.failure} />}
        </form>
      )}
    </section>
  );
}
