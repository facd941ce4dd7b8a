/**
 * The demo's inbox is alive (`npm run dev`): its seed, applied to SQLite
 * after every migration as the local run applies it, holds cases in every
 * status, assigned to its members, with notes, each change in the history.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/case-statuses';
import { demoSeedSql } from '../../worker/seed/demo-answers';

const migrations = fileURLToPath(new URL('../../worker/migrations/', import.meta.url).href);

describe('the demo seed', () => {
  it('leaves cases in every status, with notes and a history of each change; seeding again replaces them', async () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    for (const file of readdirSync(migrations).sort()) db.exec(readFileSync(migrations + file, 'utf8'));
    const now = Date.UTC(2026, 11, 6, 9);
    db.exec(await demoSeedSql(now));
    const rows = db.prepare('SELECT status, COUNT(*) AS n, SUM(notes) AS notes FROM cases GROUP BY status').all() as { status: string; n: number; notes: number }[];
    expect(rows.map((r) => r.status).sort()).toEqual([...CASE_STATUSES].sort());
    for (const row of rows) if (row.status != 'open') expect(row.notes, row.status).toBeGreaterThan(0);
    const members = db.prepare("SELECT DISTINCT assignee FROM cases WHERE assignee IS NOT NULL AND assignee NOT IN (SELECT email FROM members)").all();
    expect(members).toEqual([]);
    // Every low answer has its case; each version is in the history; times follow the statuses.
    expect(db.prepare("SELECT COUNT(*) AS n FROM responses r WHERE ((kind = 'nps' AND score <= 6) OR (kind = 'csat' AND score <= 3) OR (kind = 'ces' AND score <= 4)) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.id)").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM cases AS c WHERE version <> (SELECT COUNT(*) FROM case_history AS h WHERE h.case_id = c.id)').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM cases WHERE (status IN ('resolved', 'no_action')) <> (closed_at IS NOT NULL) OR (status <> 'open' AND first_contact_at IS NULL) OR closed_at > ? OR first_contact_at > ?").get(now, now)).toEqual({ n: 0 });
    const counted = db.prepare('SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM case_notes) AS notes').get();
    db.exec(await demoSeedSql(now));
    expect(db.prepare('SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM case_notes) AS notes').get()).toEqual(counted);
    db.close();
  });
});
