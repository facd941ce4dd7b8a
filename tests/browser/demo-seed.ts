/**
 * Load the demo site (worker/seed/demo.sql and 90 days of generated answers)
 * into a local D1 state directory before `wrangler dev` opens it, straight
 * through SQLite: the same SQL `npm run dev` executes, in milliseconds
 * instead of a wrangler run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

/** Imported by path: it is Worker code (D1 types), which this Node-side project does not type-check. */
const GENERATOR = fileURLToPath(new URL('../../worker/seed/demo-answers.ts', import.meta.url));

/** The SQLite file behind the local D1 binding (miniflare's layout under --persist-to). */
function d1File(stateDir: string): string {
  const dir = join(stateDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const name = readdirSync(dir).find((n) => n.endsWith('.sqlite') && n !== 'metadata.sqlite');
  if (!name) throw new Error(`no D1 database under ${dir}`);
  return join(dir, name);
}

/** `port`: the local collector's, whose origins the demo site lists (so its /demo page embeds the widget). */
export async function seedDemo(stateDir: string, now: number, port: number): Promise<void> {
  const { demoSeedSql } = (await import(GENERATOR)) as { demoSeedSql(now: number, port: number): Promise<string> };
  const db = new DatabaseSync(d1File(stateDir));
  try {
    db.exec(await demoSeedSql(now, port));
  } finally {
    db.close();
  }
}
