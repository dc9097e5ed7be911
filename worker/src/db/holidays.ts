export type Holiday = { date: string; name: string };

export async function yearHolidays(db: D1Database, year: number): Promise<Holiday[]> {
  const { results } = await db.prepare('SELECT date, name FROM holidays WHERE year = ? ORDER BY date').bind(year).all<Holiday>();
  return results;
}

/** A year's holidays replaced as a whole, in one batch with the audit row. */
export function replaceHolidaysStatements(db: D1Database, year: number, holidays: Holiday[]): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM holidays WHERE year = ?').bind(year),
    db.prepare(
      `INSERT INTO holidays (date, year, name) SELECT value ->> '$.date', ?1, value ->> '$.name' FROM json_each(?2) WHERE true
       ON CONFLICT (date) DO UPDATE SET name = excluded.name`,
    ).bind(year, JSON.stringify(holidays)),
  ];
}

/** Every listed holiday from `firstYear` to `lastYear`, for deadline arithmetic (shiftToWorkingDay). */
export async function holidaysBetween(db: D1Database, firstYear: number, lastYear: number): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT date FROM holidays WHERE year BETWEEN ? AND ?')
    .bind(firstYear, lastYear)
    .all<{ date: string }>();
  return new Set(results.map((r) => r.date));
}
