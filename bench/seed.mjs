/**
 * Seed a local D1 file straight through SQLite for the bench: the demo site
 * (worker/seed/demo.sql) and one NPS survey per volume with answers spread
 * over a year. Rows go into `responses`, so the rollup triggers of the
 * migrations run for every one, as they do in production; only the HTTP
 * path is skipped (it would take hours for a million answers).
 */
import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { root } from './lib/collector.mjs';

const DAY = 86_400_000;
/** Rows per statement: one transaction each, and a progress line. */
const CHUNK = 100_000;

/**
 * Answers at random times in [from, to): chunk k of a volume covers the
 * k-th slice of the range, so rows arrive roughly in time order (as they do
 * in production) and ids are time-ordered UUIDs, as a v7 client makes them.
 */
const INSERT_ANSWERS = `
WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(:count AS INTEGER) - 1)
INSERT INTO responses (id, site, survey, kind, score, touchpoint, locale, country, device, created_at)
SELECT printf('%08x-%04x-7000-8000-%012x', CAST(:volume AS INTEGER), CAST(:chunk AS INTEGER), i), :site, :survey, 'nps', abs(random()) % 11,
       CASE abs(random()) % 3 WHEN 0 THEN '' WHEN 1 THEN 'checkout' ELSE 'support' END,
       CASE abs(random()) % 4 WHEN 0 THEN '' WHEN 1 THEN 'en' WHEN 2 THEN 'fa' ELSE 'ar' END,
       CASE abs(random()) % 5 WHEN 0 THEN '' WHEN 1 THEN 'IR' WHEN 2 THEN 'DE' WHEN 3 THEN 'US' ELSE 'EG' END,
       CASE abs(random()) % 3 WHEN 0 THEN 'desktop' WHEN 1 THEN 'mobile' ELSE 'tablet' END,
       CAST(:from + (i * :span) / :count AS INTEGER) + abs(random()) % CAST(max(1, :span / :count) AS INTEGER)
  FROM n`;

/**
 * Seed `volumes` (e.g. [10_000, 100_000, 1_000_000]) into the D1 file. Each
 * gets its own site `bench-<n>` and survey `bench-<n>-nps`, answers in
 * [to − 365 days, to). Returns the site keys, seconds taken and row counts.
 */
export function seedBench(file, { volumes, to, log = console.log }) {
  const db = new DatabaseSync(file);
  try {
    // A scratch database: no fsync, a big page cache.
    db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;');
    db.exec(readFileSync(`${root}worker/seed/demo.sql`, 'utf8'));
    const from = to - 365 * DAY;
    const insert = db.prepare(INSERT_ANSWERS);
    const started = performance.now();
    const sites = {};
    for (const [v, volume] of volumes.entries()) {
      const site = `bench-${volume}`;
      sites[volume] = site;
      db.prepare('INSERT INTO sites (key, name, origins, created_at) VALUES (?, ?, ?, ?)').run(site, `Bench ${volume}`, '[]', from);
      db.prepare('INSERT INTO surveys (id, site, kind, definition, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)').run(
        `${site}-nps`, site, 'nps', JSON.stringify({ question: { en: 'Bench?' } }), from, from,
      );
      const chunks = Math.ceil(volume / CHUNK);
      for (let k = 0; k < chunks; k++) {
        const count = Math.min(CHUNK, volume - k * CHUNK);
        const span = Math.floor((to - from) / chunks);
        db.exec('BEGIN');
        insert.run({ count, volume: v, chunk: k, site, survey: `${site}-nps`, from: from + k * span, span });
        db.exec('COMMIT');
        log(`  seeded ${site}: ${Math.min(volume, (k + 1) * CHUNK)} / ${volume} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const counts = db.prepare('SELECT (SELECT COUNT(*) FROM responses) AS responses, (SELECT COUNT(*) FROM rollups) AS rollups').get();
    return { sites, seconds, responses: counts.responses, rollupRows: counts.rollups };
  } finally {
    db.close();
  }
}
