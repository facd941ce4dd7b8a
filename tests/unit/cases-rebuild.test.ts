/**
 * Cases survive a rebuild of `responses` (the way a new kind's CHECK is
 * added: create, copy, drop, rename) and still go with an erased answer.
 * With foreign keys enforced, as D1 does, an ON DELETE CASCADE from
 * `responses` would have emptied every case, note and history row when the
 * old table was dropped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const migrations = fileURLToPath(new URL('../../worker/migrations/', import.meta.url).href);

describe('cases and a rebuilt responses table', () => {
  it('keep every case, note and history row through the rebuild', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    for (const file of readdirSync(migrations).sort()) db.exec(readFileSync(migrations + file, 'utf8'));
    db.exec("INSERT INTO sites (key, name, origins, created_at) VALUES ('s1', 'Shop', '[]', 0)");
    db.exec("INSERT INTO surveys (id, site, kind, definition, created_at, updated_at) VALUES ('q1', 's1', 'nps', '{}', 0, 0)");
    const columns = (db.prepare("SELECT name FROM pragma_table_info('responses')").all() as { name: string }[]).map((c) => c.name);
    const answer = (id: string, score: number) =>
      db.prepare('INSERT INTO responses (id, site, survey, kind, score, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, 's1', 'q1', 'nps', score, 1_000);
    answer('a1', 2);
    answer('a2', 9);
    db.exec("INSERT INTO case_notes (id, case_id, author, at, text) VALUES ('n1', 'a1', 'mina@example.com', 2000, 'called back')");
    const counts = () => db.prepare('SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM case_notes) AS notes, (SELECT COUNT(*) FROM case_history) AS history').get();
    expect(counts()).toEqual({ cases: 1, notes: 1, history: 1 });

    // A rebuild as a migration writes it (the old table's triggers go with it).
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'responses'").get() as { sql: string }).sql;
    db.exec('PRAGMA defer_foreign_keys = ON');
    // Triggers of other tables name `responses`; the rename must not re-check them while it is gone.
    db.exec('PRAGMA legacy_alter_table = ON');
    db.exec(sql.replace(/CREATE TABLE "?responses"?/, 'CREATE TABLE responses_new'));
    db.exec(`INSERT INTO responses_new (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM responses`);
    db.exec('DROP TABLE responses');
    db.exec('ALTER TABLE responses_new RENAME TO responses');
    expect(counts()).toEqual({ cases: 1, notes: 1, history: 1 });
    db.close();
  });

  it('erasing an answer takes its case, notes and history (the triggers of 0016)', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    for (const file of readdirSync(migrations).sort()) db.exec(readFileSync(migrations + file, 'utf8'));
    db.exec("INSERT INTO sites (key, name, origins, created_at) VALUES ('s1', 'Shop', '[]', 0)");
    db.exec("INSERT INTO surveys (id, site, kind, definition, created_at, updated_at) VALUES ('q1', 's1', 'nps', '{}', 0, 0)");
    for (const id of ['a1', 'a2']) db.prepare('INSERT INTO responses (id, site, survey, kind, score, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, 's1', 'q1', 'nps', 1, 1_000);
    db.exec("INSERT INTO case_notes (id, case_id, author, at, text) VALUES ('n1', 'a1', 'm@example.com', 2000, 'x'), ('n2', 'a2', 'm@example.com', 2000, 'y')");
    db.exec("DELETE FROM responses WHERE id = 'a1'");
    expect(db.prepare('SELECT id FROM cases').all()).toEqual([{ id: 'a2' }]);
    expect(db.prepare('SELECT case_id FROM case_notes').all()).toEqual([{ case_id: 'a2' }]);
    expect(db.prepare('SELECT DISTINCT case_id FROM case_history').all()).toEqual([{ case_id: 'a2' }]);
    db.close();
  });
});
