/** What a subtree owes, as people read it: periods and deadlines in words, statuses computed at read time. */
import type { Obligation } from '../../../schemas';
import { formatDeadline, periodLabel, scheduleLabel } from '../../../schemas/labels';
import { listObligations, type ObligationFilter, type ObligationRow } from '../db/obligations';
import { obligationStatus, submittedOnTime } from '../domain/obligations';
import { zoneOf, type Env } from '../env';
import type { Principal } from '../policy';
import { visibleUnit } from './units';

export function toObligation(row: ObligationRow, now: Date, tz: string): Obligation {
  const status = obligationStatus(row, now);
  return {
    id: String(row.id),
    unit: row.unit_code,
    unitName: row.unit_name,
    plan: row.plan_id,
    schedule: row.schedule_id,
    scheduleCode: row.schedule_code,
    scheduleName: scheduleLabel({ name: row.schedule_name, periodType: row.period_type }),
    period: row.period,
    periodLabel: periodLabel(row.period),
    dueAt: row.due_at,
    deadline: formatDeadline(row.due_at, tz),
    status,
    onTime: submittedOnTime(row.first_submitted_at, row.due_at),
    submittedAt: row.submitted_at,
    returnReason: status === 'returned' ? row.return_reason : null,
  };
}

/** `unit` means that unit's whole subtree (default: the token's own unit; everything for the administrator). */
export async function obligationsOf(env: Env, p: Principal, q: Omit<ObligationFilter, 'rootPath'> & { unit?: string }, now = new Date()) {
  let rootPath = p.kind === 'admin' ? null : p.path;
  if (q.unit) rootPath = (await visibleUnit(env, p, q.unit)).path;
  const rows = await listObligations(env.DB, { ...q, rootPath }, now);
  return { rows, items: rows.map((r) => toObligation(r, now, zoneOf(env))) };
}
