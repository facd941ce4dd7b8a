// Test-only binding: the migrations vitest.config.ts reads for setup.ts.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('@cloudflare/vitest-plugin').D1Migration[];
    /** Empty at the start of each test file: no migrations applied. */
    MIGRATION_DB: D1Database;
    TIGHT_CLIENT_LIMIT: RateLimit;
    TIGHT_SITE_LIMIT: RateLimit;
    /** An empty D1 for the schema without the webhook triggers (rows written per answer "as without webhooks"). */
    BASELINE_DB: D1Database;
  }
}

// Vite's `?raw` imports (SQL shared with the Node-side load test).
declare module '*?raw' {
  const text: string;
  export default text;
}
