import type { ValueRow } from '../../../schemas/report-check';
import type { ObligationState } from '../domain/obligations';
import type { PlanDoc, StoredSchedule } from '../domain/plans';

/** An obligation with what a report on it needs: its unit, schedule and plan, and the report head. */
export type ObligationContext = {
  id: number;
  unit_code: string;
  unit_name: string;
  /** the unit's path now (scope) */
  unit_path: string;
  unit_level: string;
  unit_closed: number;
  parent_name: string | null;
  plan_id: string;
  schedule_id: string;
  schedule_code: string;
  period: string;
  due_at: string;
  state: ObligationState;
  first_submitted_at: string | null;
  submitted_at: string | null;
  return_reason: string | null;
  plan_status: string;
  plan_issuer: string;
  plan_doc: string;
  schedule_doc: string;
  /** the report head (null before the first save) and, when a key was given, the stored idempotent response */
  report_version: number | null;
  report_status: ReportRow['status'] | null;
  idem_hash: string | null;
  idem_status: number | null;
  idem_response: string | null;
};

export type ReportRow = { obligation_id: number; current_version: number; status: 'draft' | 'submitted' | 'returned' | 'accepted'; updated_at: string };
export type VersionRow = {
  obligation_id: number; version: number; submitted: number; created_at: string; actor: string; body_json: string; warnings_json: string | null;
};

export const contextPlan = (o: ObligationContext) => JSON.parse(o.plan_doc) as PlanDoc;
export const contextSchedule = (o: ObligationContext) => JSON.parse(o.schedule_doc) as StoredSchedule;

const CONTEXT_SQL = `SELECT o.id, o.unit_code, o.plan_id, o.schedule_id, o.period, o.due_at,
         CASE WHEN o.cancelled_at IS NOT NULL THEN 'cancelled' ELSE o.state END AS state,
         o.first_submitted_at, o.submitted_at, o.return_reason,
         u.name AS unit_name, u.path AS unit_path, u.level AS unit_level, u.valid_to IS NOT NULL AS unit_closed, pu.name AS parent_name,
         s.code AS schedule_code, s.doc_json AS schedule_doc,
         CASE WHEN p.closed_at IS NOT NULL THEN 'closed' ELSE p.status END AS plan_status, p.issuer_code AS plan_issuer, p.doc_json AS plan_doc,
         r.current_version AS report_version, r.status AS report_status,
         k.request_hash AS idem_hash, k.status AS idem_status, k.response_json AS idem_response
  FROM obligations o
  JOIN units u ON u.code = o.unit_code
  LEFT JOIN units pu ON pu.code = u.parent_code
  JOIN schedules s ON s.id = o.schedule_id
  JOIN plans p ON p.id = o.plan_id
  LEFT JOIN reports r ON r.obligation_id = o.id
  LEFT JOIN idempotency_keys k ON k.unit_code = o.unit_code AND k.key = ?4
  WHERE o.unit_code = ?1 AND o.schedule_id = ?2 AND o.period = ?3`;

/**
 * Everything a report route needs in one read: the obligation, its unit, schedule and plan, the report head, and
 * the response stored under `idempotencyKey` — so a submission costs one read and one write batch.
 */
export async function getObligationContext(db: D1Database, unit: string, scheduleId: string, period: string, idempotencyKey: string | null = null) {
  return db.prepare(CONTEXT_SQL).bind(unit, scheduleId, period, idempotencyKey).first<ObligationContext>();
}

/** Earlier submitted values of a unit (same schedule), and its siblings' values this period: what outliers are judged by. */
export type ValueHistory = Map<string, { own: number[]; peers: number[] }>;

const HISTORY_SQL = `
  SELECT 'own' AS side, v.indicator, json_group_array(v.value) AS vals
  FROM obligations o JOIN report_values v ON v.obligation_id = o.id
  WHERE o.unit_code = ?1 AND o.schedule_id = ?2 AND o.period < ?3 AND o.state IN ('submitted', 'accepted') AND v.value IS NOT NULL AND v.na = 0
  GROUP BY v.indicator
  UNION ALL
  SELECT 'peers', v.indicator, json_group_array(v.value)
  FROM units me JOIN units sib ON sib.parent_code = me.parent_code AND sib.code <> me.code
  JOIN obligations o ON o.unit_code = sib.code AND o.schedule_id = ?2 AND o.period = ?3
  JOIN report_values v ON v.obligation_id = o.id
  WHERE me.code = ?1 AND o.state IN ('submitted', 'accepted') AND v.value IS NOT NULL AND v.na = 0
  GROUP BY v.indicator`;

/**
 * The obligation's context and its value history in one round trip (a D1 batch of two reads): a submission stays
 * one read and one write, and outliers are judged on the same snapshot.
 */
export async function getSubmissionContext(db: D1Database, unit: string, scheduleId: string, period: string, idempotencyKey: string | null) {
  const [context, history] = await db.batch([
    db.prepare(CONTEXT_SQL).bind(unit, scheduleId, period, idempotencyKey),
    db.prepare(HISTORY_SQL).bind(unit, scheduleId, period),
  ]);
  const o = (context!.results[0] as ObligationContext | undefined) ?? null;
  const byIndicator: ValueHistory = new Map();
  for (const r of history!.results as { side: 'own' | 'peers'; indicator: string; vals: string }[]) {
    const h = byIndicator.get(r.indicator) ?? { own: [], peers: [] };
    h[r.side] = JSON.parse(r.vals) as number[];
    byIndicator.set(r.indicator, h);
  }
  return { o, history: byIndicator };
}

/** The report head read with the obligation, or null before the first save. */
export function contextReport(o: ObligationContext): Pick<ReportRow, 'current_version' | 'status'> | null {
  return o.report_version === null ? null : { current_version: o.report_version, status: o.report_status! };
}

export async function getVersion(db: D1Database, obligationId: number, version: number) {
  return db
    .prepare('SELECT * FROM report_versions WHERE obligation_id = ? AND version = ?')
    .bind(obligationId, version)
    .first<VersionRow>();
}

export async function listVersions(db: D1Database, obligationId: number) {
  const { results } = await db
    .prepare('SELECT version, submitted, created_at, actor FROM report_versions WHERE obligation_id = ? ORDER BY version')
    .bind(obligationId)
    .all<Omit<VersionRow, 'obligation_id' | 'body_json' | 'warnings_json'>>();
  return results;
}

/** Every version with its content, newest first: the review view shows them side by side. */
export async function listVersionBodies(db: D1Database, obligationId: number) {
  const { results } = await db
    .prepare('SELECT version, submitted, created_at, actor, body_json, warnings_json FROM report_versions WHERE obligation_id = ? ORDER BY version DESC')
    .bind(obligationId)
    .all<Omit<VersionRow, 'obligation_id'>>();
  return results;
}

/** Every save, submission, return and acceptance of a report, oldest first, with the reason of each return. */
export async function listReportEvents(db: D1Database, obligationId: number) {
  const { results } = await db
    .prepare(
      `SELECT action, at, actor, after_json ->> '$.reason' AS reason FROM audit_log
       WHERE entity_type = 'report' AND entity_id = ? ORDER BY id`,
    )
    .bind(String(obligationId))
    .all<{ action: string; at: string; actor: string; reason: string | null }>();
  return results;
}

export type StoredResponse = { request_hash: string; status: number; response_json: string };
export async function getIdempotent(db: D1Database, unit: string, key: string) {
  return db
    .prepare('SELECT request_hash, status, response_json FROM idempotency_keys WHERE unit_code = ? AND key = ?')
    .bind(unit, key)
    .first<StoredResponse>();
}

export function idempotencyStatement(db: D1Database, unit: string, key: string, hash: string, status: number, body: unknown, at: string) {
  return db
    .prepare('INSERT INTO idempotency_keys (unit_code, key, request_hash, status, response_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(unit, key, hash, status, JSON.stringify(body), at);
}

/** Keys older than two days go (a scheduled step of its own); the contract promises at least one. */
export async function purgeIdempotencyKeys(db: D1Database, now: Date): Promise<number> {
  const r = await db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').bind(new Date(now.getTime() - 48 * 3600_000).toISOString()).run();
  return r.meta.changes ?? 0;
}

/**
 * The statements of one save: the new version row (its primary key (obligation, version) is the optimistic lock:
 * a racing writer that read the same current version fails on it and the whole batch rolls back), the report
 * head, and for a submission the values roll-ups read and the obligation's state (no reminders any more, no
 * return reason).
 */
export function saveStatements(
  db: D1Database,
  o: Pick<ObligationContext, 'id'>,
  v: { version: number; submit: boolean; at: string; actor: string; body: unknown; values: (ValueRow & { outlier: 0 | 1 })[]; warnings: unknown[] },
): D1PreparedStatement[] {
  const stmts = [
    db
      .prepare('INSERT INTO report_versions (obligation_id, version, submitted, created_at, actor, body_json, warnings_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .bind(o.id, v.version, v.submit ? 1 : 0, v.at, v.actor, JSON.stringify(v.body), v.warnings.length ? JSON.stringify(v.warnings) : null),
    db
      .prepare(
        `INSERT INTO reports (obligation_id, current_version, status, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (obligation_id) DO UPDATE SET current_version = excluded.current_version,
           status = CASE WHEN ?5 THEN 'submitted' ELSE reports.status END, updated_at = excluded.updated_at`,
      )
      .bind(o.id, v.version, v.submit ? 'submitted' : 'draft', v.at, v.submit ? 1 : 0),
  ];
  if (v.submit) {
    stmts.push(
      db.prepare('DELETE FROM report_values WHERE obligation_id = ?').bind(o.id),
      db
        .prepare(
          `INSERT INTO report_values (obligation_id, indicator, value, numerator, denominator, text, met, na, outlier)
           SELECT ?1, value ->> '$.indicator', value ->> '$.value', value ->> '$.numerator', value ->> '$.denominator',
                  value ->> '$.text', value ->> '$.met', value ->> '$.na', value ->> '$.outlier'
           FROM json_each(?2) WHERE true`,
        )
        .bind(o.id, JSON.stringify(v.values)),
      db
        .prepare(
          `UPDATE obligations SET state = 'submitted', submitted_at = ?2, first_submitted_at = coalesce(first_submitted_at, ?2),
             return_reason = NULL, next_reminder_at = NULL
           WHERE id = ?1`,
        )
        .bind(o.id, v.at),
    );
  }
  return stmts;
}

/**
 * A return (with its reason, and reminders resuming from `nextReminderAt` in a new round) or an acceptance.
 */
export function reviewStatements(
  db: D1Database,
  obligationId: number,
  r: { to: 'returned' | 'accepted'; at: string; reason: string | null; nextReminderAt: string | null },
) {
  return [
    db.prepare('UPDATE reports SET status = ?2, updated_at = ?3 WHERE obligation_id = ?1').bind(obligationId, r.to, r.at),
    r.to === 'returned'
      ? db.prepare(
        `UPDATE obligations SET state = 'returned', return_reason = ?2, next_reminder_at = ?3, reminder_round = reminder_round + 1 WHERE id = ?1`,
      ).bind(obligationId, r.reason, r.nextReminderAt)
      : db.prepare("UPDATE obligations SET state = 'accepted' WHERE id = ?1").bind(obligationId),
  ];
}
