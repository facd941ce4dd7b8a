/**
 * A D1 binding that adds up what D1 reports it wrote (`meta.rows_written`,
 * indexes and trigger writes included) for every statement run through it,
 * batched or not: the cost of one request, as D1 bills it.
 */

export interface CountingDb {
  db: D1Database;
  /** Rows written since the start, or since the last `reset`. */
  written(): number;
  reset(): void;
}

export function countingDb(real: D1Database): CountingDb {
  let written = 0;
  const add = (meta: D1Meta | undefined) => {
    written += meta?.rows_written ?? 0;
  };
  const realOf = new WeakMap<object, D1PreparedStatement>();

  function wrap(statement: D1PreparedStatement): D1PreparedStatement {
    const wrapper = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      async run() {
        const result = await statement.run();
        add(result.meta);
        return result;
      },
      async all() {
        const result = await statement.all();
        add(result.meta);
        return result;
      },
      // `first` reports no meta: run the statement and take its first row instead.
      async first(column?: string) {
        const result = await statement.run<Record<string, unknown>>();
        add(result.meta);
        const row = result.results[0] ?? null;
        return column === undefined || row === null ? row : row[column];
      },
      raw: (options?: { columnNames?: boolean }) => statement.raw(options as { columnNames: true }),
    } as unknown as D1PreparedStatement;
    realOf.set(wrapper, statement);
    return wrapper;
  }

  const db = {
    prepare: (sql: string) => wrap(real.prepare(sql)),
    async batch(statements: D1PreparedStatement[]) {
      const results = await real.batch(statements.map((s) => realOf.get(s) ?? s));
      for (const result of results) add(result.meta);
      return results;
    },
    exec: (sql: string) => real.exec(sql),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error('countingDb: sessions are not counted');
    },
  } as unknown as D1Database;

  return {
    db,
    written: () => written,
    reset() {
      written = 0;
    },
  };
}
