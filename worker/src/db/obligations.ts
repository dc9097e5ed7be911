import type { Obligation, UnitSelector } from '../../../schemas';
import type { ObligationState } from '../domain/obligations';
import { subtreeEnd } from '../domain/units';

export type ObligationRow = {
  id: number;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  plan_id: string;
  schedule_id: string;
  schedule_code: string;
  /** the schedule's own name and period type, for its label ("Báo cáo 6 tháng") */
  schedule_name: string | null;
  period_type: string;
  period: string;
  due_at: string;
  state: ObligationState;
  first_submitted_at: string | null;
  submitted_at: string | null;
  return_reason: string | null;
};

export type ObligationFilter = {
  rootPath: string | null;
  plan?: string;
  schedule?: string;
  period?: string;
  status?: Obligation['status'];
  dueBefore?: string;
  dueAfter?: string;
  after?: [string, number];
  limit: number;
};

/** The obligation's state as stored, "cancelled" read off cancelled_at. */
const STATE = "CASE WHEN o.cancelled_at IS NOT NULL THEN 'cancelled' ELSE o.state END";

/**
 * Driven from the subtree (obligations by the path they were made with, through obligations_path when a plan is
 * given, else units by path range → obligations by unit), never a scan of all obligations. Cancelled obligations are
 * listed only when asked for.
 */
export async function listObligations(db: D1Database, f: ObligationFilter, now: Date): Promise<ObligationRow[]> {
  const { results } = await listObligationsStatement(db, f, now).all<ObligationRow>();
  return results;
}

/**
 * The statement of listObligations. From a subtree it walks the units by path range, then each unit's obligations:
 * with a plan, through (plan_id, unit_code), a unit's few periods of that plan. (Left to itself SQLite would take
 * obligations_path on (plan_id, period) alone, and read the whole period of the plan once per unit.)
 */
export function listObligationsStatement(db: D1Database, f: ObligationFilter, now: Date): D1PreparedStatement {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => {
    args.push(v);
    return `?${args.length}`;
  };
  if (f.rootPath) where.push(`u.path >= ${arg(f.rootPath)} AND u.path < ${arg(subtreeEnd(f.rootPath))}`);
  if (f.plan) where.push(`o.plan_id = ${arg(f.plan)}`);
  if (f.schedule) where.push(`o.schedule_id = ${arg(f.schedule)}`);
  if (f.period) where.push(`o.period = ${arg(f.period)}`);
  if (f.status === 'cancelled') where.push('o.cancelled_at IS NOT NULL');
  else where.push('o.cancelled_at IS NULL');
  if (f.status === 'open') where.push(`o.state = 'pending' AND o.due_at > ${arg(now.toISOString())}`);
  else if (f.status === 'overdue') where.push(`o.state = 'pending' AND o.due_at <= ${arg(now.toISOString())}`);
  else if (f.status && f.status !== 'cancelled') where.push(`o.state = ${arg(f.status)}`);
  if (f.dueBefore) where.push(`o.due_at < ${arg(f.dueBefore)}`);
  if (f.dueAfter) where.push(`o.due_at >= ${arg(f.dueAfter)}`);
  if (f.after) where.push(`(o.due_at, o.id) > (${arg(f.after[0])}, ${arg(f.after[1])})`);
  const sql = `
    SELECT o.id, o.unit_code, u.name AS unit_name, u.path AS unit_path, o.plan_id, o.schedule_id, s.code AS schedule_code,
           s.doc_json ->> '$.name' AS schedule_name, s.period_type, o.period, o.due_at, ${STATE} AS state, o.first_submitted_at, o.submitted_at, o.return_reason
    FROM units u
    ${f.rootPath ? 'CROSS JOIN' : 'JOIN'} obligations o ${f.rootPath && f.plan ? 'INDEXED BY obligations_plan' : ''} ON o.unit_code = u.code
    JOIN schedules s ON s.id = o.schedule_id
    WHERE ${where.join(' AND ')}
    ORDER BY o.due_at, o.id
    LIMIT ${arg(f.limit)}`;
  return db.prepare(sql).bind(...args);
}

/** One period of a schedule as activation materialises it: its due instant and when its first reminder falls. */
export type PeriodDue = { period: string; dueAt: string; nextReminderAt: string | null };

/**
 * Materialises one schedule's obligations in one set-based statement: the units the schedule applies to (a level
 * inside the issuer's subtree, or a list; in force only) × its periods with their due instants. ON CONFLICT DO
 * NOTHING on (unit, schedule, period) makes activation exactly-once. `units`, when given, narrows to those codes
 * (a reorganisation's new units).
 */
export function materialiseStatement(
  db: D1Database,
  s: { id: string; appliesTo: UnitSelector },
  planId: string,
  issuerPath: string,
  periods: PeriodDue[],
  only: string[] | null = null,
): D1PreparedStatement {
  const sel = s.appliesTo;
  const unitFilter =
    'level' in sel
      ? 'u.level = ?4 AND u.path > ?5 AND u.path < ?6'
      : 'u.code IN (SELECT value FROM json_each(?4)) AND ?5 IS NOT NULL AND ?6 IS NOT NULL';
  return db
    .prepare(
      `INSERT INTO obligations (schedule_id, plan_id, unit_code, unit_path, period, due_at, next_reminder_at)
       SELECT ?1, ?2, u.code, u.path, p.value ->> '$.period', p.value ->> '$.dueAt', p.value ->> '$.nextReminderAt'
       FROM units u, json_each(?3) p
       WHERE ${unitFilter} AND u.valid_to IS NULL AND (?7 IS NULL OR u.code IN (SELECT value FROM json_each(?7)))
       ON CONFLICT (unit_code, schedule_id, period) DO NOTHING`,
    )
    .bind(s.id, planId, JSON.stringify(periods), 'level' in sel ? sel.level : JSON.stringify(sel.units), issuerPath, subtreeEnd(issuerPath),
      only ? JSON.stringify(only) : null);
}

/** How many units in force a schedule's selector takes in (the same filter as materialiseStatement). */
export async function countSelected(db: D1Database, sel: UnitSelector, issuerPath: string): Promise<number> {
  const row = 'level' in sel
    ? await db.prepare('SELECT count(*) AS n FROM units WHERE level = ?1 AND path > ?2 AND path < ?3 AND valid_to IS NULL').bind(sel.level, issuerPath, subtreeEnd(issuerPath)).first<{ n: number }>()
    : await db.prepare('SELECT count(*) AS n FROM units WHERE code IN (SELECT value FROM json_each(?1)) AND valid_to IS NULL').bind(JSON.stringify(sel.units)).first<{ n: number }>();
  return row?.n ?? 0;
}

export async function countObligations(db: D1Database, planId: string): Promise<number> {
  const row = await db.prepare('SELECT count(*) AS n FROM obligations WHERE plan_id = ? AND cancelled_at IS NULL').bind(planId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** A plan's reports, one per schedule and period, with the earliest deadline: what the indicator view chooses from. */
export async function planPeriods(db: D1Database, planId: string) {
  const { results } = await db
    .prepare(
      `SELECT o.schedule_id, s.code, s.doc_json ->> '$.name' AS schedule_name, s.period_type, o.period, min(o.due_at) AS due
       FROM obligations o JOIN schedules s ON s.id = o.schedule_id
       WHERE o.plan_id = ? AND o.cancelled_at IS NULL GROUP BY o.schedule_id, o.period ORDER BY due`,
    )
    .bind(planId)
    .all<{ schedule_id: string; code: string; schedule_name: string | null; period_type: string; period: string; due: string }>();
  return results;
}

/**
 * A reorganisation cancels what is no longer owed: the unsubmitted obligations of closed units (or of plans whose
 * issuer closed) due after the effective instant. They stay readable (status "cancelled") and never count again.
 */
export function cancelObligationsStatement(db: D1Database, by: { units: string[]; plans: string[] }, dueAfter: string, at: string): D1PreparedStatement {
  return db.prepare(
    `UPDATE obligations SET cancelled_at = ?4, next_reminder_at = NULL
     WHERE (unit_code IN (SELECT value FROM json_each(?1)) OR plan_id IN (SELECT value FROM json_each(?2)))
       AND state IN ('pending', 'returned') AND cancelled_at IS NULL AND due_at > ?3`,
  ).bind(JSON.stringify(by.units), JSON.stringify(by.plans), dueAfter, at);
}

/**
 * Continuing units that moved take their obligations for periods after the reorganisation along (the hierarchy in
 * force for those periods is the new one); earlier periods keep the paths they were made with.
 */
export function repathObligationsStatement(db: D1Database, units: string[], schedulePeriods: string[]): D1PreparedStatement {
  return db.prepare(
    `UPDATE obligations SET unit_path = (SELECT path FROM units WHERE code = obligations.unit_code)
     WHERE unit_code IN (SELECT value FROM json_each(?1)) AND cancelled_at IS NULL
       AND schedule_id || '|' || period IN (SELECT value FROM json_each(?2))`,
  ).bind(JSON.stringify(units), JSON.stringify(schedulePeriods));
}

/** How many obligations a cancellation would touch (a dry run). */
export async function countCancellable(db: D1Database, by: { units: string[]; plans: string[] }, dueAfter: string): Promise<number> {
  const row = await db.prepare(
    `SELECT count(*) AS n FROM obligations
     WHERE (unit_code IN (SELECT value FROM json_each(?1)) OR plan_id IN (SELECT value FROM json_each(?2)))
       AND state IN ('pending', 'returned') AND cancelled_at IS NULL AND due_at > ?3`,
  ).bind(JSON.stringify(by.units), JSON.stringify(by.plans), dueAfter).first<{ n: number }>();
  return row?.n ?? 0;
}
