/** Fixed values shared by the browser tests and their global setup. */

/** Debian's Chromium; no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Passed to `wrangler dev` with --var, whatever .dev.vars says. */
export const ADMIN_TOKEN = 'browser-test-admin-token';

/** Passed to `wrangler dev` with --var: signs the link surveys' tokens. */
export const LINK_SIGNING_KEY = 'browser-test-link-signing-key-0123456789';

/** Passed to `wrangler dev` with --var: keys the answer quota's address hash. */
export const QUOTA_KEY = 'browser-test-quota-key-0123456789abcdef';
