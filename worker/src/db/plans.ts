import type { Plan, PlanInput, Schedule } from '../../../schemas';
import { subtreeEnd } from '../domain/units';

export type StoredSchedule = Schedule & { id: string };
/** The plan document kept in doc_json. */
export type PlanDoc = Omit<PlanInput, 'schedules' | 'basis'> & { schedules: StoredSchedule[] };

export type PlanRow = {
  id: string;
  number: string;
  title: string;
  issuer_code: string;
  issuer_path: string;
  issued_on: string;
  basis_id: string | null;
  status: 'draft' | 'active' | 'archived';
  version: number;
  doc_json: string;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
};

export function planDoc(row: PlanRow): PlanDoc {
  return JSON.parse(row.doc_json) as PlanDoc;
}

export function toPlan(row: PlanRow, basisChain: Plan['basisChain']): Plan {
  const doc = planDoc(row);
  return {
    id: row.id,
    ...doc,
    basis: row.basis_id,
    status: row.status,
    version: row.version,
    basisChain,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activatedAt: row.activated_at,
  };
}

export async function getPlanRow(db: D1Database, id: string): Promise<PlanRow | null> {
  return db
    .prepare('SELECT p.*, u.path AS issuer_path FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.id = ?')
    .bind(id)
    .first<PlanRow>();
}

/** The plans this one implements, nearest first ("Căn cứ Kế hoạch số …"). */
export async function basisChain(db: D1Database, basisId: string | null): Promise<Plan['basisChain']> {
  if (!basisId) return [];
  const { results } = await db
    .prepare(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT ?1, 0
         UNION ALL
         SELECT p.basis_id, chain.depth + 1 FROM plans p JOIN chain ON p.id = chain.id
         WHERE p.basis_id IS NOT NULL AND chain.depth < 20
       )
       SELECT p.id, p.number, p.title, p.issuer_code AS issuer FROM chain JOIN plans p ON p.id = chain.id ORDER BY chain.depth`,
    )
    .bind(basisId)
    .all<Plan['basisChain'][number]>();
  return results;
}

export function planStatements(db: D1Database, row: Omit<PlanRow, 'issuer_path'>, doc: PlanDoc, isNew: boolean): D1PreparedStatement[] {
  const years = doc.years;
  const stmts = [
    isNew
      ? db
          .prepare(
            `INSERT INTO plans (id, number, title, issuer_code, issued_on, first_year, last_year, basis_id, status, version,
                                doc_json, created_at, updated_at, activated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(row.id, row.number, row.title, row.issuer_code, row.issued_on, Math.min(...years), Math.max(...years),
            row.basis_id, row.status, row.version, row.doc_json, row.created_at, row.updated_at, row.activated_at)
      : db
          .prepare(
            `UPDATE plans SET number = ?, title = ?, issued_on = ?, first_year = ?, last_year = ?, basis_id = ?, version = ?,
                              doc_json = ?, updated_at = ? WHERE id = ?`,
          )
          .bind(row.number, row.title, row.issued_on, Math.min(...years), Math.max(...years), row.basis_id, row.version,
            row.doc_json, row.updated_at, row.id),
    // A draft has no obligations yet, so its schedules can be rewritten freely.
    db
      .prepare('DELETE FROM schedules WHERE plan_id = ?1 AND id NOT IN (SELECT value ->> \'$.id\' FROM json_each(?2))')
      .bind(row.id, JSON.stringify(doc.schedules)),
    db
      .prepare(
        `INSERT INTO schedules (id, plan_id, code, period_type, doc_json)
         SELECT value ->> '$.id', ?1, value ->> '$.code', value ->> '$.periodType', value FROM json_each(?2) WHERE true
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, period_type = excluded.period_type, doc_json = excluded.doc_json`,
      )
      .bind(row.id, JSON.stringify(doc.schedules)),
  ];
  return stmts;
}

export async function listPlans(
  db: D1Database,
  f: { rootPath: string | null; ancestorCodes: string[]; issuerPath?: string; year?: number; status?: string; limit: number; before?: [string, string] },
): Promise<PlanRow[]> {
  // Visible: issued inside the caller's subtree, or by one of its ancestors (plans cascade down).
  const { results } = await db
    .prepare(
      `SELECT p.*, u.path AS issuer_path FROM plans p JOIN units u ON u.code = p.issuer_code
       WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < ?2) OR p.issuer_code IN (SELECT value FROM json_each(?3)))
         AND (?4 IS NULL OR u.path = ?4)
         AND (?5 IS NULL OR (p.first_year <= ?5 AND p.last_year >= ?5))
         AND (?6 IS NULL OR p.status = ?6)
         AND (?7 IS NULL OR (p.created_at, p.id) < (?7, ?8))
       ORDER BY p.created_at DESC, p.id DESC LIMIT ?9`,
    )
    .bind(
      f.rootPath,
      f.rootPath ? subtreeEnd(f.rootPath) : null,
      JSON.stringify(f.ancestorCodes),
      f.issuerPath ?? null,
      f.year ?? null,
      f.status ?? null,
      f.before?.[0] ?? null,
      f.before?.[1] ?? null,
      f.limit,
    )
    .all<PlanRow>();
  return results;
}

export async function listDerived(db: D1Database, id: string): Promise<PlanRow[]> {
  const { results } = await db
    .prepare('SELECT p.*, u.path AS issuer_path FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.basis_id = ? ORDER BY p.created_at')
    .bind(id)
    .all<PlanRow>();
  return results;
}

/** Which of `levels` occur strictly below `path`: one index seek (level, path) per level. */
export async function levelsBelow(db: D1Database, path: string, levels: string[]): Promise<Set<string>> {
  if (levels.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT value AS level FROM json_each(?1)
       WHERE EXISTS (SELECT 1 FROM units WHERE level = value AND path > ?2 AND path < ?3)`,
    )
    .bind(JSON.stringify(levels), path, subtreeEnd(path))
    .all<{ level: string }>();
  return new Set(results.map((r) => r.level));
}

/** The commonest level among a unit's children: where a derived plan's schedules land by default. */
export async function commonestChildLevel(db: D1Database, code: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT level FROM units WHERE parent_code = ? AND level <> 'department'
       GROUP BY level ORDER BY count(*) DESC, level LIMIT 1`,
    )
    .bind(code)
    .first<{ level: string }>();
  return row?.level ?? null;
}

export async function holidaysBetween(db: D1Database, firstYear: number, lastYear: number): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT date FROM holidays WHERE year BETWEEN ? AND ?')
    .bind(firstYear, lastYear)
    .all<{ date: string }>();
  return new Set(results.map((r) => r.date));
}

/**
 * Materialises one schedule's obligations in one set-based statement: the units the schedule
 * applies to (a level inside the issuer's subtree, or a list) × its periods with their due instants.
 * ON CONFLICT DO NOTHING on (unit, schedule, period) makes activation exactly-once.
 */
export function materialiseStatement(
  db: D1Database,
  schedule: StoredSchedule,
  planId: string,
  issuerPath: string,
  periods: { period: string; dueAt: string }[],
): D1PreparedStatement {
  const sel = schedule.appliesTo;
  const unitFilter =
    'level' in sel
      ? 'u.level = ?4 AND u.path > ?5 AND u.path < ?6'
      : 'u.code IN (SELECT value FROM json_each(?4)) AND ?5 IS NOT NULL AND ?6 IS NOT NULL';
  return db
    .prepare(
      `INSERT INTO obligations (schedule_id, plan_id, unit_code, period, due_at)
       SELECT ?1, ?2, u.code, p.value ->> '$.period', p.value ->> '$.dueAt'
       FROM units u, json_each(?3) p
       WHERE ${unitFilter}
       ON CONFLICT (unit_code, schedule_id, period) DO NOTHING`,
    )
    .bind(
      schedule.id,
      planId,
      JSON.stringify(periods),
      'level' in sel ? sel.level : JSON.stringify(sel.units),
      issuerPath,
      subtreeEnd(issuerPath),
    );
}

export async function countObligations(db: D1Database, planId: string): Promise<number> {
  const row = await db.prepare('SELECT count(*) AS n FROM obligations WHERE plan_id = ?').bind(planId).first<{ n: number }>();
  return row?.n ?? 0;
}
