// Types of the Worker's bindings (wrangler.toml) and main module, merged into
// the runtime's `Cloudflare` namespace so `env` and `exports` from
// `cloudflare:workers` are typed everywhere, tests included.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    /** The built widget files (widget/dist). */
    ASSETS: Fetcher;
    /** Secret: `wrangler secret put ADMIN_TOKEN`; locally from .dev.vars. */
    ADMIN_TOKEN?: string;
    /** "production" or "development". */
    ENVIRONMENT: string;
  }
  interface GlobalProps {
    mainModule: typeof import('./index');
  }
}
