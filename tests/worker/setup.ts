import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Applies only what is missing, so it is safe for every test file.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
