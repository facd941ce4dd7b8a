/**
 * The sections. Analyst links keep the current filters (a layout survives
 * moving between views); admin links keep the site. A new section is one
 * more entry in these lists.
 */
import { h } from 'preact';
import { t, type StringKey } from '../i18n/strings';
import { ANALYST_VIEWS, hrefOf, route, type View } from '../state/route';
import { isAdmin } from '../state/session';

const ANALYST_LINKS: { view: View; label: StringKey }[] = ANALYST_VIEWS.map((view) => ({ view, label: `nav.${view}` as StringKey }));

const ADMIN_LINKS: { view: View; label: StringKey; also?: View[] }[] = [
  { view: 'sites', label: 'nav.sites', also: ['site'] },
  { view: 'surveys', label: 'nav.surveys', also: ['survey'] },
  { view: 'embed', label: 'nav.embed' },
  { view: 'links', label: 'nav.links' },
  { view: 'webhooks', label: 'nav.webhooks', also: ['webhook', 'deliveries'] },
];

/** The analyst parameters that travel between analyst views. */
const KEPT = ['site', 'survey', 'kind', 'range', 'from', 'to', 'tz', 'interval', 'calendar', 'week', 'touchpoint', 'channel', 'band', 'q', 'theme'];

export function Nav() {
  const { view, params } = route.value;
  const kept = Object.fromEntries(KEPT.map((name) => [name, params[name]]));
  const link = (target: View, label: StringKey, href: string, also: View[] = []) => (
    <li>
      <a href={href} aria-current={view == target || also.includes(view) ? 'page' : undefined}>
        {t(label)}
      </a>
    </li>
  );
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <p class="nav-title" id="nav-analyst">
        {t('nav.analyst')}
      </p>
      <ul aria-labelledby="nav-analyst">{ANALYST_LINKS.map(({ view: target, label }) => link(target, label, hrefOf(target, kept)))}</ul>
      <p class="nav-title" id="nav-admin">
        {t('nav.admin')}
      </p>
      <ul aria-labelledby="nav-admin">
        {ADMIN_LINKS.map(({ view: target, label, also }) => link(target, label, hrefOf(target, { site: params.site }), also))}
      </ul>
      {!isAdmin.value && <p class="nav-note">{t('nav.adminNote')}</p>}
    </nav>
  );
}
