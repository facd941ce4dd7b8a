/**
 * What the loader (w.js) and the UI chunk hand each other. Types only: the two
 * are separate builds, so nothing here may become code in both.
 */
import type { LocalSurvey } from '../shared/schemas/survey';

export type { LocalSurvey };
export type { LocalConfig } from '../shared/schemas/survey';

/** One post waiting in the outbox until the collector has acknowledged it. */
export interface Pending {
  /** Path on the collector, e.g. `/v1/responses`. */
  u: string;
  /** The JSON body. */
  b: Record<string, unknown>;
  /** Attempts so far. */
  n: number;
  /** Not before this time (ms): the backoff. */
  t: number;
  /** Enqueued at (ms); entries older than OUTBOX_MAX_AGE_MS are given up. */
  c: number;
  /** Waits for this entry to leave first (a comment waits for its response). */
  w?: string;
}

/**
 * Everything the widget remembers about a visitor, under one localStorage key
 * (`cx:v1`). Short names because the loader pays for every byte.
 */
export interface State {
  /** Stable random visitor number for sampling (never sent anywhere). */
  v?: string;
  /** When this visitor last answered a survey (ms). */
  a?: number;
  /**
   * When a survey was last shown without an answer (closed or left), ms; or,
   * if later, when the collector says this identified visitor was last asked
   * on another device (ui/due.ts).
   */
  d?: number;
  /** The outbox, in insertion order (object keys, not an array: see outbox.ts). */
  o?: Record<string, Pending>;
}

/** The visitor's state, read fresh and written back each time (other tabs write too). */
export interface Store {
  read(): State;
  update(change: (state: State) => void): void;
}

/** Options of `cx('show', id, options)` and of the script tag. */
export interface ShowOptions {
  touchpoint?: string;
  user?: string;
  meta?: Record<string, string | number | boolean>;
}

/** What the loader gives the UI chunk. */
export interface Host {
  /** Collector origin, from w.js's own URL. */
  api: string;
  site: string;
  /** `data-locale`, if the tag has one. */
  locale?: string;
  /** From `data-touchpoint`, then `cx('touchpoint', …)`; `show` options override it. */
  touchpoint?: string;
  /** From `data-user`, then `cx('identify', …)`; `show` options override it. */
  user?: string;
  store: Store;
  /** One console warning per distinct problem; never throws. */
  warn(message: unknown): void;
}

/** The UI chunk's exports, as the loader imports them. */
export interface UiModule {
  show(host: Host, survey: LocalSurvey, options?: ShowOptions): void;
  flush(host: Host): void;
}
