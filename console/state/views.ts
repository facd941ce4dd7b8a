/**
 * Every view of the console, in one table: its name (the path of the URL
 * hash), the string key the navigation calls it by, the ability it needs
 * (shared/roles.ts: the Worker's own table of who may do what), and the link
 * it sits under when it has none of its own. The route parser (route.ts),
 * the navigation and the shell read it; views/screens.ts gives each view its
 * component, and a view without one fails the typecheck. Analysis needs
 * `read` (every session has it), settings `manage`, the team's views
 * `members`, `keys` or `audit`. The navigation lists them in this order.
 */
import type { Ability } from '../../shared/roles';
import type { StringKey } from '../i18n/strings';

interface ViewEntry<Name> {
  title: StringKey;
  needs: Ability;
  /** The navigation link that stands for this view (an editor sits under its list). */
  under?: Name;
}

function viewTable<const T extends Record<string, ViewEntry<NoInfer<keyof T>>>>(views: T): T {
  return views;
}

export const VIEWS = viewTable({
  scores: { title: 'nav.scores', needs: 'read' },
  journey: { title: 'nav.journey', needs: 'read' },
  breakdowns: { title: 'nav.breakdowns', needs: 'read' },
  themes: { title: 'nav.themes', needs: 'read' },
  comments: { title: 'nav.comments', needs: 'read' },
  inbox: { title: 'nav.inbox', needs: 'cases' },
  export: { title: 'nav.export', needs: 'read' },
  sites: { title: 'nav.sites', needs: 'manage' },
  site: { title: 'nav.sites', needs: 'manage', under: 'sites' },
  surveys: { title: 'nav.surveys', needs: 'manage' },
  survey: { title: 'nav.surveys', needs: 'manage', under: 'surveys' },
  embed: { title: 'nav.embed', needs: 'manage' },
  links: { title: 'nav.links', needs: 'manage' },
  webhooks: { title: 'nav.webhooks', needs: 'manage' },
  webhook: { title: 'nav.webhooks', needs: 'manage', under: 'webhooks' },
  deliveries: { title: 'nav.webhooks', needs: 'manage', under: 'webhooks' },
  members: { title: 'nav.members', needs: 'members' },
  apikeys: { title: 'nav.apiKeys', needs: 'keys' },
  audit: { title: 'nav.audit', needs: 'audit' },
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
