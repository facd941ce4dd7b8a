/**
 * The `cx(...)` command API. The page's stub queues calls in `cx.q` until
 * w.js loads; this replaces the stub and replays the queue once, in order.
 */

type Run = (command: ArrayLike<unknown>) => void;

interface Api {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
  /** Set on the real API, so that a second copy of w.js stands down. */
  loaded?: 1;
}

/**
 * Take over `window.cx`, unless the page uses that name for something else
 * (another library's `cx()`): then leave it alone and warn; automatic
 * triggers still run. Returns false when another copy of w.js got here first.
 */
export function takeOver(run: Run, warn: (problem: unknown) => void): boolean {
  const page = window as { cx?: unknown };
  const stub = page.cx as Api | undefined;
  if (stub && stub.loaded) return false;
  // Our stub mentions `cx.q`; a function that neither has nor mentions it is someone else's.
  if (stub && (typeof stub != 'function' || !(stub.q || /\.q\b/.test('' + stub)))) {
    warn('window.cx is taken');
    return true;
  }
  const safely = (command: ArrayLike<unknown>) => {
    try {
      run(command);
    } catch (error) {
      warn(error);
    }
  };
  const queued = stub && stub.q;
  const api: Api = function () {
    safely(arguments);
  };
  api.loaded = 1;
  page.cx = api;
  if (queued) for (let i = 0; i < queued.length; i++) safely(queued[i]!);
  return true;
}
