/**
 * w.js, the loader every page view pays for: reads its script tag, takes over
 * the `cx()` queue, fetches the site's config and decides locally whether a
 * survey is due. Only then does it import the UI chunk. Nothing here may
 * throw into the host page.
 */
import type { Host, ShowOptions, SiteConfig, SurveyConfig, UiModule } from '../types';
import { due, waitOver } from './eligibility';
import { takeOver } from './queue';
import { openStore } from './storage';
import { readTag } from './tag';
import { arm } from './triggers';

/** The UI chunk's path beside w.js, set by the build (its name is hashed). */
declare const __CX_UI__: string;

const warned: Record<string, 1> = {};
/** Each distinct problem is logged once, as a warning; errors arrive here as they were thrown. */
function warn(problem: unknown): void {
  const message = '' + problem;
  if (warned[message]) return;
  warned[message] = 1;
  try {
    console.warn('cx widget: ' + message);
  } catch {
    // a page that breaks console gets silence
  }
}

function start(): void {
  const tag = readTag();
  if (!tag) return warn('no data-site');
  const { site, src } = tag;
  const store = openStore(warn);
  // `touchpoint` and `user` start from the tag and change with cx('touchpoint' | 'identify').
  const host: Host = { ...tag, api: new URL(src).origin, store, warn };

  let ui: Promise<UiModule> | undefined;
  const withUi = (use: (module: UiModule) => void) =>
    (ui ||= import(/* @vite-ignore */ new URL(__CX_UI__, src) as unknown as string)).then(use).catch(warn);

  // At most one survey per page view: the first trigger to fire wins.
  let asked = 0;
  const open = (survey: SurveyConfig, options?: ShowOptions) =>
    asked++ || withUi((module) => module.show(host, survey, options || {}));

  const surveys = fetch(host.api + '/v1/sites/' + site + '/config')
    .then((response) => response.json())
    .then((config: SiteConfig) => config.surveys.filter((survey) => !tag.survey || survey.id == tag.survey));
  // Use the surveys once they are there. Without a config, each use ends in the same (so: one) warning.
  const later = (use: (list: SurveyConfig[]) => void) =>
    surveys.then(use, (error) => warn(`no config for "${site}" (${error})`)).catch(warn);

  const first = takeOver((command) => {
    const [name, value, options] = command as [string, unknown, ShowOptions | undefined];
    if (name == 'show') {
      later((list) => {
        const survey = list.find((s) => s.id == value);
        if (!survey) warn(`no survey "${value}"`);
        // An explicit show skips trigger, paths and sampling, not the recontact wait.
        else if (waitOver(store.read(), survey.recontact_days, Date.now())) open(survey, options);
      });
    } else if (name == 'identify') host.user = value as string;
    else if (name == 'touchpoint') host.touchpoint = value as string;
    else if (name == 'reset') {
      // Forgets the visitor. What still waits in the outbox is handed to the browser now
      // (sendBeacon outlives the page) rather than left in storage for the next person.
      store.update((state) => {
        for (const key in state.o) navigator.sendBeacon(host.api + state.o[key]!.u, JSON.stringify(state.o[key]!.b));
        state.v = state.a = state.d = state.o = undefined;
      });
    } else warn(`unknown command "${name}"`);
  }, warn);
  if (!first) return; // w.js is on the page twice: this copy stays idle

  const state = store.read();
  // The outbox key exists only while something waits (see ui/outbox.ts).
  if (state.o) withUi((module) => module.flush(host));
  if (!state.v) {
    store.update((s) => {
      s.v ||= '' + Math.random();
    });
  }

  later((list) => {
    const state = store.read();
    for (const survey of list) if (due(survey, state, location.pathname, Date.now())) arm(survey.trigger, () => open(survey));
  });
}

try {
  start();
} catch (error) {
  warn(error);
}
