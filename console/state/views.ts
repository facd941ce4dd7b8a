/**
 * Every view of the console, in one table: its name (the path of the URL
 * hash), the string key the navigation calls it by, the role it needs, and
 * the link it sits under when it has none of its own. The route parser
 * (route.ts), the navigation and the shell read it; views/screens.ts gives
 * each view its component, and a view without one fails the typecheck.
 * Analyst views (role `reader`) are open to a read key and the admin token;
 * admin views to the admin token only. The navigation lists them in this order.
 */
import type { StringKey } from '../i18n/strings';
import type { Session } from './session';

export type Role = Session['role'];

interface ViewEntry<Name> {
  title: StringKey;
  role: Role;
  /** The navigation link that stands for this view (an editor sits under its list). */
  under?: Name;
}

function viewTable<const T extends Record<string, ViewEntry<NoInfer<keyof T>>>>(views: T): T {
  return views;
}

export const VIEWS = viewTable({
  scores: { title: 'nav.scores', role: 'reader' },
  journey: { title: 'nav.journey', role: 'reader' },
  breakdowns: { title: 'nav.breakdowns', role: 'reader' },
  themes: { title: 'nav.themes', role: 'reader' },
  comments: { title: 'nav.comments', role: 'reader' },
  export: { title: 'nav.export', role: 'reader' },
  sites: { title: 'nav.sites', role: 'admin' },
  site: { title: 'nav.sites', role: 'admin', under: 'sites' },
  surveys: { title: 'nav.surveys', role: 'admin' },
  survey: { title: 'nav.surveys', role: 'admin', under: 'surveys' },
  embed: { title: 'nav.embed', role: 'admin' },
  links: { title: 'nav.links', role: 'admin' },
  webhooks: { title: 'nav.webhooks', role: 'admin' },
  webhook: { title: 'nav.webhooks', role: 'admin', under: 'webhooks' },
  deliveries: { title: 'nav.webhooks', role: 'admin', under: 'webhooks' },
});

export type View = keyof typeof VIEWS;

/** Where a URL that names no view, or an unknown one, lands. */
export const FIRST_VIEW: View = 'scores';

export const isView = (name: string): name is View => Object.hasOwn(VIEWS, name);

/** Views in the table's order. */
export const VIEW_NAMES = Object.keys(VIEWS) as View[];

/** The navigation link that stands for a view: its own, or the one it sits under. */
export function linkOf(view: View): View {
  const entry: ViewEntry<View> = VIEWS[view];
  return entry.under ?? view;
}
