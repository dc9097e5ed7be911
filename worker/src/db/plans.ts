import type { Plan } from '../../../schemas';
import type { PlanDoc } from '../domain/plans';
import { subtreeEnd } from '../domain/units';

/** Every plan read carries its issuer's path (for scope checks) and its status, "closed" read off closed_at. */
export const PLAN = "p.id, p.number, p.title, p.issuer_code, p.issued_on, p.basis_id, CASE WHEN p.closed_at IS NOT NULL THEN 'closed' ELSE p.status END AS status, p.version, p.doc_json, p.created_at, p.updated_at, p.activated_at, u.path AS issuer_path";

export type PlanRow = {
  id: string;
  number: string;
  title: string;
  issuer_code: string;
  issuer_path: string;
  issued_on: string;
  basis_id: string | null;
  status: Plan['status'];
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
    .prepare(`SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.id = ?`)
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
      `SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code
       WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < ?2) OR p.issuer_code IN (SELECT value FROM json_each(?3)))
         AND (?4 IS NULL OR u.path = ?4)
         AND (?5 IS NULL OR (p.first_year <= ?5 AND p.last_year >= ?5))
         AND (?6 IS NULL OR (CASE WHEN p.closed_at IS NOT NULL THEN 'closed' ELSE p.status END) = ?6)
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
    .prepare(`SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.basis_id = ? ORDER BY p.created_at`)
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
       WHERE EXISTS (SELECT 1 FROM units WHERE level = value AND path > ?2 AND path < ?3 AND valid_to IS NULL)`,
    )
    .bind(JSON.stringify(levels), path, subtreeEnd(path))
    .all<{ level: string }>();
  return new Set(results.map((r) => r.level));
}

/** The commonest level among a unit's children: where a derived plan's schedules land by default. */
export async function commonestChildLevel(db: D1Database, code: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT level FROM units WHERE parent_code = ? AND level <> 'department' AND valid_to IS NULL
       GROUP BY level ORDER BY count(*) DESC, level LIMIT 1`,
    )
    .bind(code)
    .first<{ level: string }>();
  return row?.level ?? null;
}

/** The plan becomes active, in the batch that materialises its obligations (only a draft moves). */
export function activateStatement(db: D1Database, planId: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE plans SET status = 'active', activated_at = ?1, updated_at = ?1 WHERE id = ?2 AND status = 'draft'").bind(at, planId);
}

export function archiveStatement(db: D1Database, planId: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE plans SET status = 'archived', updated_at = ? WHERE id = ?").bind(at, planId);
}

/** The newest active plan that `unit` issued on the basis (directly or down the chain) of `planId`. */
export async function derivedPlanOf(db: D1Database, planId: string, unit: string): Promise<PlanRow | null> {
  return db
    .prepare(
      `WITH RECURSIVE d(id) AS (
         SELECT id FROM plans WHERE basis_id = ?1
         UNION ALL SELECT p.id FROM plans p JOIN d ON p.basis_id = d.id
       )
       SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code
       WHERE p.id IN (SELECT id FROM d) AND p.issuer_code = ?2 AND p.status = 'active' AND p.closed_at IS NULL
       ORDER BY p.created_at DESC LIMIT 1`,
    )
    .bind(planId, unit)
    .first<PlanRow>();
}

/** Every stored plan's number, so that a "Căn cứ Kế hoạch số …" line can name the plan it cites. */
export async function planNumbers(db: D1Database): Promise<{ id: string; number: string; issuer_path: string }[]> {
  const { results } = await db.prepare(
    `SELECT p.id, p.number, u.path AS issuer_path FROM plans p JOIN units u ON u.code = p.issuer_code
     WHERE p.status <> 'draft' ORDER BY p.created_at DESC LIMIT 5000`,
  ).all<{ id: string; number: string; issuer_path: string }>();
  return results;
}

/** Plans that still run or may still run: what a reorganisation closes (issuer closed) or extends (new units). */
export async function livePlans(db: D1Database): Promise<PlanRow[]> {
  const { results } = await db.prepare(
    `SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.status IN ('draft', 'active') AND p.closed_at IS NULL`,
  ).all<PlanRow>();
  return results;
}

export function closePlansStatement(db: D1Database, ids: string[], at: string): D1PreparedStatement {
  return db.prepare('UPDATE plans SET closed_at = ?2, updated_at = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND closed_at IS NULL').bind(JSON.stringify(ids), at);
}
