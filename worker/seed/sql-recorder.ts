/**
 * A stand-in for a D1 binding that writes SQL text instead of running it:
 * the seed file for `wrangler d1 execute --file` is produced by the same
 * query functions the Worker runs (worker/db/), so demo rows are shaped
 * exactly like real ones, triggers and all.
 */

type Value = string | number | null | boolean | undefined;

/** An SQL literal: NULL, a number, or a quoted string. */
export function literal(value: Value): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${value.replaceAll("'", "''")}'`;
}

/** `sql` with its `?` and `?N` parameters replaced by literals (the statements here hold no `?` inside strings). */
export function inline(sql: string, args: Value[]): string {
  let next = 0;
  const text = sql.replace(/\?(\d+)?/g, (_, n: string | undefined) => literal(args[n ? Number(n) - 1 : next++]));
  return `${text.trim().replace(/\s*\n\s*/g, ' ')};`;
}

interface RecordedStatement {
  sql: string;
  args: Value[];
}

/** A D1Database whose statements append themselves to `lines` when run, batched or not. */
export function sqlRecorder(): { db: D1Database; lines: string[]; add(statement: D1PreparedStatement): void } {
  const lines: string[] = [];
  const record = (s: RecordedStatement) => lines.push(inline(s.sql, s.args));
  const statement = (sql: string, args: Value[]) => {
    const s = {
      sql,
      args,
      bind: (...values: Value[]) => statement(sql, values),
      // Enough for callers that check what a write returned (RETURNING id, meta.changes).
      first: async () => (record(s), { id: 'recorded' }),
      run: async () => (record(s), { success: true, meta: { changes: 1 }, results: [] }),
      all: async () => (record(s), { success: true, meta: { changes: 1 }, results: [] }),
      raw: async () => (record(s), []),
    };
    return s;
  };
  const db = {
    prepare: (sql: string) => statement(sql, []),
    // Each statement of a batch "returns a row", as a stored answer's RETURNING does.
    batch: async (statements: RecordedStatement[]) => statements.map((s) => (record(s), { success: true, meta: { changes: 1 }, results: [{}] })),
    exec: async (sql: string) => (lines.push(sql.trim().replace(/;?$/, ';')), { count: 1, duration: 0 }),
  };
  return {
    db: db as unknown as D1Database,
    lines,
    add: (s) => record(s as unknown as RecordedStatement),
  };
}
