/**
 * The URL hash is the layout: `#/<view>?site=…&range=…&tz=…`. A link copied
 * from the address bar opens the same view, site, range, zone and filters
 * for whoever signs in with it. The token is never part of it.
 */
import { computed, signal } from '@preact/signals';
import { FIRST_VIEW, isView, type View } from './views';

export type { View };

export interface Route {
  view: View;
  params: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const view = isView(path) ? path : FIRST_VIEW;
  return { view, params: Object.fromEntries(new URLSearchParams(query)) };
}

export function formatHash(route: Route): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(route.params)) if (value !== '') params.set(name, value);
  const query = params.toString();
  return `#/${route.view}${query ? '?' + query : ''}`;
}

export const route = signal<Route>(parseHash(location.hash));
addEventListener('hashchange', () => {
  route.value = parseHash(location.hash);
});

/** One URL parameter of the current view. */
export const param = (name: string) => computed(() => route.value.params[name] ?? '');

/**
 * Change parameters of the current view. Filter changes replace the history
 * entry (Back leaves the view rather than undo each click); `undefined` or
 * '' removes a parameter.
 */
export function setParams(changes: Record<string, string | undefined>): void {
  const params = { ...route.value.params };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') delete params[name];
    else params[name] = value;
  }
  const next = { view: route.value.view, params };
  history.replaceState(history.state, '', formatHash(next));
  route.value = next;
}

/** Go to another view (a new history entry), keeping the given parameters. */
export function go(view: View, params: Record<string, string | undefined> = {}): void {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value) kept[name] = value;
  location.hash = formatHash({ view, params: kept });
}

/** The href of a view, for real links (open in a new tab, copy). */
export function hrefOf(view: View, params: Record<string, string | undefined>): string {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value) kept[name] = value;
  return formatHash({ view, params: kept });
}
