/**
 * w.js, the loader every page view pays for: reads its script tag, takes over
 * the `cx()` queue, fetches the site's config and decides locally whether a
 * survey is due. Only then does it import the UI chunk. Nothing here may
 * throw into the host page.
 */
import type { Host, LocalConfig, LocalSurvey, ShowOptions, State, UiModule } from '../types';
import { due } from './eligibility';
import { takeOver } from './queue';
import { openStore } from './storage';
import { readTag } from './tag';
import { arm } from './triggers';

/** The UI chunk's path beside w.js, set by the build (its name is hashed). */
declare const __CX_UI__: string;

const warned: Record<string, 1> = {};
/** Each distinct problem is logged once, as a warning; errors arrive here as they were thrown. */
function warn(problem: unknown): void {
  const message = 'cx widget: ' + problem;
  if (warned[message]) return;
  warned[message] = 1;
  try {
    console.warn(message);
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
  const open = (survey: LocalSurvey, options?: ShowOptions) =>
    asked++ || withUi((module) => module.show(host, survey, options));

  // The config in this visitor's locale: `data-locale`, else the page's, else the browser's (the
  // collector picks the texts). Not encoded: a tag has no character that needs it, and the
  // collector reads a value that is no tag as a locale it has no texts for (so: English); an
  // odd `lang` with `&` adds a parameter the collector ignores.
  const surveys = fetch(host.api + '/v1/sites/' + site + '/config?locale=' + (tag.locale || document.documentElement.lang || navigator.language))
    .then((response) => response.json())
    .then((config: LocalConfig & { error?: { message: string } }) => {
      // A refusal in the collector's words: an unknown site, or (readable by the page it refuses)
      // an origin the site does not list, named so that the owner can add it.
      if (config.error) throw config.error.message;
      return config.surveys.filter((survey) => !tag.survey || survey.id == tag.survey);
    });
  // Use the surveys once they are there. Without a config, each use ends in the same (so: one) warning.
  const later = (use: (list: LocalSurvey[]) => void) =>
    surveys.then(use, (error) => warn(`no config: ${error}`)).catch(warn);

  const first = takeOver((command) => {
    const [name, value, options] = command as [string, unknown, ShowOptions | undefined];
    if (name == 'show') {
      later((list) => {
        const survey = list.find((s) => s.id == value);
        // An explicit show skips trigger, paths and sampling, not the waits: the UI checks those (ui/due.ts).
        if (survey) open(survey, options);
        else warn(`no survey ${value}`);
      });
    } else if (name == 'identify') host.user = value as string;
    else if (name == 'touchpoint') host.touchpoint = value as string;
    else if (name == 'reset') {
      // Forgets the visitor. What still waits in the outbox is handed to the browser now
      // (sendBeacon outlives the page) rather than left in storage for the next person.
      store.update((state) => {
        for (const key in state.o) navigator.sendBeacon(host.api + state.o[key]!.u, JSON.stringify(state.o[key]!.b));
        for (const key in state) delete state[key as keyof State];
      });
    } else warn(`unknown command ${name}`);
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
