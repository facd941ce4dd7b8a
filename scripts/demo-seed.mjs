/**
 * Write the demo site's seed (worker/seed/demo.sql and answers generated for
 * the last 90 days, relative to today) to a file for `wrangler d1 execute`.
 * The generator is TypeScript over the Worker's own query modules, loaded
 * through Vite's module runner (Node alone does not resolve their imports).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const generator = fileURLToPath(new URL('../worker/seed/demo-answers.ts', import.meta.url));

/** `port`: the local run's, whose origins the demo site lists beside the default 8787's. */
export async function writeDemoSeed(file, now = Date.now(), port = 8787) {
  const { module } = await runnerImport(generator, { configFile: false, logLevel: 'error' });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await module.demoSeedSql(now, port));
  return file;
}
