/**
 * Which site the console looks at. The admin token chooses among every site
 * (when the URL names none, the one this browser looked at last, else the
 * newest); a read key has its one site.
 */
import { h } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/strings';
import { useMeta } from '../state/meta';
import { route, setParams } from '../state/route';
import { isAdmin } from '../state/session';
import { loadSites, rememberSite, sites, siteToOpen } from '../state/sites';

export function SitePicker() {
  const site = route.value.params.site ?? '';
  const admin = isAdmin.value;
  useEffect(() => {
    if (admin && sites.value === null) void loadSites();
  }, [admin]);
  const list = sites.value;
  useEffect(() => {
    const open = list && siteToOpen(list);
    if (admin && !site && open) setParams({ site: open });
  }, [admin, site, list]);
  useEffect(() => {
    if (site) rememberSite(site);
  }, [site]);
  const meta = useMeta(admin ? '' : site);

  if (!admin) {
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
