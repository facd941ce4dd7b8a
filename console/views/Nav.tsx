/**
 * The sections, from the table of views (state/views.ts): a link per view
 * that sits under no other and that the signed-in caller may use, grouped as
 * analysis, settings and the team. Analyst links keep the current filters (a
 * layout survives moving between views); the others keep the site.
 */
import { Fragment, h } from 'preact';
import type { Ability } from '../../shared/roles';
import { type StringKey, t } from '../i18n/strings';
import { kept as analystParams } from '../state/filters';
import { hrefOf, route } from '../state/route';
import { may } from '../state/session';
import { linkOf, type View, VIEW_NAMES, VIEWS } from '../state/views';

interface Section {
  id: string;
  title: StringKey;
  abilities: Ability[];
}

const SECTIONS: Section[] = [
  { id: 'nav-analyst', title: 'nav.analyst', abilities: ['read', 'cases'] },
  { id: 'nav-admin', title: 'nav.admin', abilities: ['manage'] },
  { id: 'nav-team', title: 'nav.team', abilities: ['members', 'keys', 'audit'] },
];

/** A section's views that sit under no other, in the table's order. */
const linksOf = (section: Section): View[] =>
  VIEW_NAMES.filter((view) => section.abilities.includes(VIEWS[view].needs) && linkOf(view) == view);

export function Nav() {
  const { view, params } = route.value;
  const kept = analystParams();
  const link = (target: View) => (
    <li>
      <a href={hrefOf(target, VIEWS[target].needs == 'read' ? kept : { site: params.site })} aria-current={linkOf(view) == target ? 'page' : undefined}>
        {t(VIEWS[target].title)}
      </a>
    </li>
  );
  return (
    <nav class="nav" aria-label={t('nav.label')}>
      {SECTIONS.map((section) => {
        const links = linksOf(section).filter((target) => may(VIEWS[target].needs));
        if (links.length == 0) return null;
        return (
          <>
            <p class="nav-title" id={section.id}>
              {t(section.title)}
            </p>
            <ul aria-labelledby={section.id}>{links.map(link)}</ul>
          </>
        );
      })}
      {!may('manage') && <p class="nav-note">{t('nav.adminNote')}</p>}
    </nav>
  );
}
