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

export async function writeDemoSeed(file, now = Date.now()) {
  const { module } = await runnerImport(generator, { configFile: false, logLevel: 'error' });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await module.demoSeedSql(now));
  return file;
}
