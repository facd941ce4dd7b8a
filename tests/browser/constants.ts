/** Fixed values shared by the browser tests and their global setup. */

/** Debian's Chromium; no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Passed to `wrangler dev` with --var, whatever .dev.vars says. */
export const ADMIN_TOKEN = 'browser-test-admin-token';
