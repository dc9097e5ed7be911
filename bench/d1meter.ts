// A D1 binding that counts what its queries read: the Worker's own db/ functions run through it from Node
// (Miniflare's binding of the same local database), so the bench reports D1's meta.rows_read for exactly the SQL
// the Worker sends. Only what db/ uses: prepare, bind, all, first, run, batch.

type Counted = D1PreparedStatement & { real: D1PreparedStatement };

export function meteredD1(db: D1Database): { db: D1Database; rowsRead: () => number; reset: () => void } {
  let rowsRead = 0;
  const count = (r: D1Result) => void (rowsRead += r.meta.rows_read ?? 0);
  const wrap = (real: D1PreparedStatement): Counted => ({
    real,
    bind: (...values: unknown[]) => wrap(real.bind(...values)),
    all: async () => {
      const r = await real.all();
      count(r);
      return r;
    },
    run: async () => {
      const r = await real.run();
      count(r);
      return r;
    },
    first: async (column?: string) => {
      const r = await real.all<Record<string, unknown>>();
      count(r);
      const row = r.results[0] ?? null;
      return column === undefined || row === null ? row : row[column];
    },
    raw: (o?: { columnNames?: boolean }) => real.raw(o as { columnNames: true }),
  }) as unknown as Counted;
  const metered = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: async (statements: Counted[]) => {
      const rs = await db.batch(statements.map((s) => s.real));
      rs.forEach(count);
      return rs;
    },
  } as unknown as D1Database;
  return { db: metered, rowsRead: () => rowsRead, reset: () => void (rowsRead = 0) };
}
