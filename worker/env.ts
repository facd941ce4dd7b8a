/** Bindings and variables of the Worker (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  /** The built widget files (widget/dist). */
  ASSETS: Fetcher;
  /** Secret: `wrangler secret put ADMIN_TOKEN`; locally from .dev.vars. */
  ADMIN_TOKEN?: string;
  /** "production" or "development". */
  ENVIRONMENT: string;
}

export type AppEnv = { Bindings: Env };
