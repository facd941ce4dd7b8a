/**
/**
 * Which site the console looks at. Whoever reaches several sites chooses
 * among those the API lists for them (when the URL names none, or one out of
 * their reach: the one this browser looked at last, else the newest); a read
 * key, or a member of one site, has its one site.
 */
import { h } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/strings';
import { useMeta } from '../state/meta';
import { route, setParams } from '../state/route';
import { reaches } from '../../shared/roles';
import { grant, onlySite } from '../state/session';
import { loadSites, rememberSite, sites, siteToOpen } from '../state/sites';

export function SitePicker() {
  const site = route.value.params.site ?? '';
  const several = onlySite.value === null;
  useEffect(() => {
    if (several && sites.value === null) void loadSites();
  }, [several]);
  const list = sites.value;
  // A URL that names no site, or one out of reach, opens another (a mistyped one is refused on screen).
  const outOfReach = site != '' && grant.value !== null && !reaches(grant.value, site);
  useEffect(() => {
    const open = list && siteToOpen(list);
    if (several && open && (!site || outOfReach)) setParams({ site: open });
  }, [several, site, list]);
  useEffect(() => {
    if (site) rememberSite(site);
  }, [site]);
  const meta = useMeta(several ? '' : site);

  if (!several) {
    return (
      <p class="site-name">
        <span class="visually-hidden">{t('site')}: </span>
        {meta.data?.name ?? site}
      </p>
    );
  }
  return (
    <label class="site-picker">
      <span>{t('site')}</span>
      <select
        value={site}
        // Surveys and touchpoints belong to a site: a new site starts without them.
        onChange={(e) => setParams({ site: e.currentTarget.value, survey: undefined, touchpoint: undefined })}
      >
        {(list ?? []).map((s) => (
          <option value={s.site}>
            {s.name} ({s.site})
          </option>
        ))}
      </select>
    </label>
  );
}
