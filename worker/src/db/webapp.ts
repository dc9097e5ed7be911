/** The reads only the web app makes: a plan's state over a subtree, the calendar's slices, a unit's derived plans. */
import type { ObligationRow } from './obligations';
import { PLAN, type PlanRow } from './plans';
import { subtreeEnd } from '../domain/units';

export type PlanSummaryRow = {
  plan_id: string;
  /** obligations in the subtree (not cancelled) */
  obligations: number;
  /** the first deadline still ahead with something owed, and the last one already past */
  next_due: string | null;
  last_due: string | null;
  overdue: number;
  returned: number;
};

/**
 * Per plan, over a subtree (every unit for the administrator): how many obligations, the next deadline with something
 * still owed, the last deadline passed, and how many are overdue or returned — what the plan list and the choice of
 * the default plan need, in one grouped query driven from the subtree's units.
 */
export async function planSummaries(db: D1Database, f: { rootPath: string | null; planIds: string[]; now: Date }): Promise<PlanSummaryRow[]> {
  if (f.planIds.length === 0) return [];
  const now = f.now.toISOString();
  const { results } = await db
    .prepare(
      `SELECT o.plan_id, count(*) AS obligations,
              min(CASE WHEN o.state IN ('pending', 'returned') AND o.due_at > ?3 THEN o.due_at END) AS next_due,
              max(CASE WHEN o.due_at <= ?3 THEN o.due_at END) AS last_due,
              sum(o.state = 'pending' AND o.due_at <= ?3) AS overdue,
              sum(o.state = 'returned') AS returned
       FROM units u ${f.rootPath ? 'CROSS JOIN' : 'JOIN'} obligations o ON o.unit_code = u.code
       WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < ?2)) AND o.plan_id IN (SELECT value FROM json_each(?4)) AND o.cancelled_at IS NULL
       GROUP BY o.plan_id`,
    )
    .bind(f.rootPath, f.rootPath ? subtreeEnd(f.rootPath) : null, now, JSON.stringify(f.planIds))
    .all<PlanSummaryRow>();
  return results;
}

export type CalendarFilter = {
  rootPath: string | null;
  plan?: string;
  period?: string;
  status: 'overdue' | 'returned' | 'open';
  now: Date;
  /** newest first (what is overdue: the most recent first) or soonest first (what is ahead) */
  order: 'asc' | 'desc';
  /** only deadlines at or after this instant / before it */
  dueAfter?: string;
  dueBefore?: string;
  limit: number;
};

/**
 * One slice of the calendar: a subtree's obligations of one status, ordered by deadline either way, with how many
 * there are in all (a window count taken before the LIMIT), so a plan from 2020 is summed up, not listed.
 */
export async function calendarSlice(db: D1Database, f: CalendarFilter): Promise<{ rows: ObligationRow[]; total: number }> {
  const now = f.now.toISOString();
  const state = f.status === 'returned' ? "o.state = 'returned'" : f.status === 'open' ? "o.state = 'pending' AND o.due_at > ?3" : "o.state = 'pending' AND o.due_at <= ?3";
  const { results } = await db
    .prepare(
      `SELECT o.id, o.unit_code, u.name AS unit_name, u.path AS unit_path, o.plan_id, o.schedule_id, s.code AS schedule_code,
              s.doc_json ->> '$.name' AS schedule_name, s.period_type, o.period, o.due_at, o.state, o.first_submitted_at, o.submitted_at,
              o.return_reason, count(*) OVER () AS total
       FROM units u ${f.rootPath ? 'CROSS JOIN' : 'JOIN'} obligations o ON o.unit_code = u.code
       JOIN schedules s ON s.id = o.schedule_id
       WHERE (?1 IS NULL OR (u.path >= ?1 AND u.path < ?2)) AND o.cancelled_at IS NULL AND ${state}
         AND (?4 IS NULL OR o.plan_id = ?4) AND (?5 IS NULL OR o.period = ?5)
         AND (?6 IS NULL OR o.due_at >= ?6) AND (?7 IS NULL OR o.due_at < ?7)
       ORDER BY o.due_at ${f.order === 'desc' ? 'DESC' : 'ASC'}, o.id LIMIT ?8`,
    )
    .bind(f.rootPath, f.rootPath ? subtreeEnd(f.rootPath) : null, now, f.plan ?? null, f.period ?? null, f.dueAfter ?? null, f.dueBefore ?? null, f.limit)
    .all<ObligationRow & { total: number }>();
  return { rows: results, total: results[0]?.total ?? 0 };
}

/** The plans `issuer` has derived from any of `basisIds` (not archived): which plans above it it has already cascaded. */
export async function derivedBy(db: D1Database, basisIds: string[], issuer: string): Promise<PlanRow[]> {
  if (basisIds.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code
       WHERE p.basis_id IN (SELECT value FROM json_each(?1)) AND p.issuer_code = ?2 AND p.status <> 'archived'`,
    )
    .bind(JSON.stringify(basisIds), issuer)
    .all<PlanRow>();
  return results;
}
