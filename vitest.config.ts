import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml', environment: 'dev' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('worker/migrations'),
                ADMIN_TOKEN: 'test-admin-token',
                // Signs link-survey tokens (a Worker secret in production).
                LINK_SIGNING_KEY: 'test-link-signing-key-0123456789abcdef',
                // Keys the hourly answer quota's address hash (a Worker secret in production).
                QUOTA_KEY: 'test-quota-key-0123456789abcdef-0123',
                // Exposure events are written shortly after the reply; keep tests quick.
                EVENTS_FLUSH_MS: '10',
                // Webhook retries 1 ms, 5 ms, 25 ms … 3.1 s apart: the whole ladder of 7 attempts in about 4 s.
                WEBHOOK_RETRY_BASE_S: '0.001',
              },
              // The webhook queue hands each message over at once (no batching wait).
              queueConsumers: { 'cx-webhooks': { maxBatchSize: 10, maxBatchTimeout: 0, maxRetries: 10 } },
              // Empty databases beside DB: one for the schema without the webhook triggers (rows written
              // per answer "as without webhooks"), one for tests that apply migrations one at a time.
              d1Databases: { BASELINE_DB: 'baseline-db', MIGRATION_DB: 'migration-db' },
              // Real rate-limit bindings with tiny budgets, for the 429 tests.
              ratelimits: {
                TIGHT_CLIENT_LIMIT: { namespace_id: '9001', simple: { limit: 3, period: 60 } },
                TIGHT_SITE_LIMIT: { namespace_id: '9002', simple: { limit: 2, period: 10 } },
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          setupFiles: ['tests/worker/setup.ts'],
          // A webhook receiver, and a stand-in for Cloudflare Access (signing keys, a JWKS), on loopback.
          globalSetup: ['tests/receiver/webhook-receiver.ts', 'tests/access/team-server.ts'],
          // Property tests run this many times their default number of cases (`FUZZ_SCALE=10 npm test` for a deep run).
          provide: { fuzzScale: Number(process.env.FUZZ_SCALE ?? 1) },
        },
      },
      {
        // Builds the widget and holds it to its size budgets.
        test: {
          name: 'size',
          include: ['tests/size/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Real Chromium against a real local collector (wrangler dev); see tests/browser/global-setup.ts.
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          // One file at a time: each drives its own Chromium, and the machine has 2 cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // A page answers within a second when the machine is idle; a busy CI runner needs longer.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
