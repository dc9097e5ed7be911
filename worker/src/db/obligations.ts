import type { Obligation } from '../../../schemas';
import { formatDeadline } from '../domain/periods';
import { subtreeEnd } from '../domain/units';

export type ObligationRow = {
  id: number;
  unit_code: string;
  unit_name: string;
  plan_id: string;
  schedule_id: string;
  schedule_code: string;
  period: string;
  due_at: string;
  state: 'pending' | 'submitted' | 'returned' | 'accepted';
  first_submitted_at: string | null;
  submitted_at: string | null;
};

/** onTime (DESIGN §3): the first submission came before the deadline; null until there is one. */
export function submittedOnTime(firstSubmittedAt: string | null, dueAt: string): boolean | null {
  return firstSubmittedAt === null ? null : firstSubmittedAt < dueAt;
}

/** DESIGN §3: the status at instant `now`; "open" and "overdue" are never stored, only computed. */
export function obligationStatus(row: Pick<ObligationRow, 'state' | 'due_at'>, now: Date): Obligation['status'] {
  if (row.state !== 'pending') return row.state;
  return now.toISOString() < row.due_at ? 'open' : 'overdue';
}

export function toObligation(row: ObligationRow, now: Date, tz: string): Obligation {
  return {
    id: String(row.id),
    unit: row.unit_code,
    unitName: row.unit_name,
    plan: row.plan_id,
    schedule: row.schedule_id,
    scheduleCode: row.schedule_code,
    period: row.period,
    dueAt: row.due_at,
    deadline: formatDeadline(new Date(row.due_at), tz),
    status: obligationStatus(row, now),
    onTime: submittedOnTime(row.first_submitted_at, row.due_at),
    submittedAt: row.submitted_at,
  };
}

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

/** Driven from the subtree (units path range → obligations by unit_code; CROSS JOIN pins that order), never a scan of all obligations. */
export async function listObligations(db: D1Database, f: ObligationFilter, now: Date): Promise<ObligationRow[]> {
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
  if (f.status === 'open') where.push(`o.state = 'pending' AND o.due_at > ${arg(now.toISOString())}`);
  else if (f.status === 'overdue') where.push(`o.state = 'pending' AND o.due_at <= ${arg(now.toISOString())}`);
  else if (f.status) where.push(`o.state = ${arg(f.status)}`);
  if (f.dueBefore) where.push(`o.due_at < ${arg(f.dueBefore)}`);
  if (f.dueAfter) where.push(`o.due_at >= ${arg(f.dueAfter)}`);
  if (f.after) where.push(`(o.due_at, o.id) > (${arg(f.after[0])}, ${arg(f.after[1])})`);
  const sql = `
    SELECT o.id, o.unit_code, u.name AS unit_name, o.plan_id, o.schedule_id, s.code AS schedule_code, o.period,
           o.due_at, o.state, o.first_submitted_at, o.submitted_at
    FROM units u
    ${f.rootPath ? 'CROSS JOIN' : 'JOIN'} obligations o ON o.unit_code = u.code
    JOIN schedules s ON s.id = o.schedule_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY o.due_at, o.id
    LIMIT ${arg(f.limit)}`;
  const { results } = await db.prepare(sql).bind(...args).all<ObligationRow>();
  return results;
}
