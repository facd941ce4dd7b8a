/**
 * The sections, from the table of views (state/views.ts): a link per view
 * that sits under no other, analyst views then admin views. Analyst links
 * keep the current filters (a layout survives moving between views); admin
 * links keep the site.
 */
import { h } from 'preact';
import { t } from '../i18n/strings';
import { kept as analystParams } from '../state/filters';
import { hrefOf, route } from '../state/route';
import { isAdmin } from '../state/session';
import { linkOf, type Role, type View, VIEW_NAMES, VIEWS } from '../state/views';

/** A role's links: its views that sit under no other. */
const linksOf = (role: Role): View[] => VIEW_NAMES.filter((view) => VIEWS[view].role == role && linkOf(view) == view);

const ANALYST_LINKS = linksOf('reader');
const ADMIN_LINKS = linksOf('admin');

export function Nav() {
  const { view, params } = route.value;
  const kept = analystParams();
  const link = (target: View, href: string) => (
    <li>
      <a href={href} aria-current={linkOf(view) == target ? 'page' : undefined}>
        {t(VIEWS[target].title)}
      </a>
    </li>
  );
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      <p class="nav-title" id="nav-analyst">
        {t('nav.analyst')}
      </p>
      <ul aria-labelledby="nav-analyst">{ANALYST_LINKS.map((target) => link(target, hrefOf(target, kept)))}</ul>
      <p class="nav-title" id="nav-admin">
        {t('nav.admin')}
      </p>
      <ul aria-labelledby="nav-admin">
        {ADMIN_LINKS.map((target) => link(target, hrefOf(target, { site: params.site })))}
      </ul>
      {!isAdmin.value && <p class="nav-note">{t('nav.adminNote')}</p>}
    </nav>
  );
}
