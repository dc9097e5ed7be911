import type { ObligationFacts } from '../domain/events';

/** An obligation whose next reminder has come, with what its message needs. */
export type ReminderCandidate = ObligationFacts & {
  round: number;
  reminders: string | null;
  report_to: string;
  schedule_name: string | null;
  period_type: string;
  plan_number: string;
  plan_title: string;
  plan_live: number;
};

/**
 * What the sweep looks at: unsubmitted obligations whose next_reminder_at has come, through the partial index on
 * it — never every obligation. At most `limit` a run; the rest are still due on the next run.
 */
export async function dueForReminder(db: D1Database, now: Date, limit: number): Promise<{ rows: ReminderCandidate[]; rowsRead: number }> {
  const { results, meta } = await db.prepare(
    `SELECT o.id, o.unit_code, u.name AS unit_name, u.path AS unit_path, pu.name AS parent_name, o.schedule_id, s.code AS schedule_code,
            o.plan_id, o.period, o.due_at, o.reminder_round AS round,
            s.doc_json ->> '$.reminders' AS reminders, s.doc_json -> '$.reportTo' AS report_to, s.doc_json ->> '$.name' AS schedule_name, s.period_type,
            p.number AS plan_number, p.title AS plan_title, (p.status = 'active' AND p.closed_at IS NULL) AS plan_live
     FROM obligations o JOIN units u ON u.code = o.unit_code LEFT JOIN units pu ON pu.code = u.parent_code
     JOIN schedules s ON s.id = o.schedule_id JOIN plans p ON p.id = o.plan_id
     WHERE o.next_reminder_at <= ?1 AND o.state IN ('pending', 'returned') AND o.cancelled_at IS NULL
     ORDER BY o.next_reminder_at LIMIT ?2`,
  ).bind(now.toISOString(), limit).all<ReminderCandidate>();
  return { rows: results, rowsRead: meta.rows_read ?? 0 };
}

/** Claims (obligation, offset, round) pairs; only the pairs this statement inserts come back (RETURNING): this run's to send. */
export function claimRemindersStatement(db: D1Database, claims: { id: number; kind: string; days: number; round: number }[], at: string): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO reminders_sent (obligation_id, kind, days, round, sent_at)
     SELECT value ->> '$.id', value ->> '$.kind', value ->> '$.days', value ->> '$.round', ?2 FROM json_each(?1) WHERE true
     ON CONFLICT DO NOTHING RETURNING obligation_id, kind, days, round`,
  ).bind(JSON.stringify(claims), at);
}

/** Moves each obligation's next reminder on (null: nothing left to send). */
export function moveRemindersStatement(db: D1Database, moves: { id: number; next: string | null }[]): D1PreparedStatement {
  return db.prepare(
    `UPDATE obligations SET next_reminder_at = j.value ->> '$.next'
     FROM json_each(?1) j WHERE obligations.id = j.value ->> '$.id'`,
  ).bind(JSON.stringify(moves));
}

/** The paths of some units (the recipients an overdue report escalates to). */
export async function unitPaths(db: D1Database, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const { results } = await db.prepare('SELECT code, path FROM units WHERE code IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(codes)).all<{ code: string; path: string }>();
  return new Map(results.map((r) => [r.code, r.path]));
}
