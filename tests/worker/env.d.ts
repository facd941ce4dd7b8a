// Types `env` and `exports` from `cloudflare:workers` in the Worker tests:
// the Worker's bindings plus the test-only migrations, and its main module.
// (Omit<…, never> because TypeScript 7 drops the members of a bare
// `extends import(…)` in this global declaration.)
declare namespace Cloudflare {
  interface Env extends Omit<import('../../worker/env').Env, never> {
    TEST_MIGRATIONS: import('@cloudflare/vitest-plugin').D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import('../../worker/index');
  }
}
