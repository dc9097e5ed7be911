import type { ObligationRow } from './obligations';
import type { PlanDoc, StoredSchedule } from './plans';

/** An obligation with what a report on it needs: its unit's path, its schedule and its plan. */
export type ObligationContext = ObligationRow & {
  unit_path: string;
  parent_name: string | null;
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
export type VersionRow = { obligation_id: number; version: number; submitted: number; created_at: string; actor: string; body_json: string };

export const contextPlan = (o: ObligationContext) => JSON.parse(o.plan_doc) as PlanDoc;
export const contextSchedule = (o: ObligationContext) => JSON.parse(o.schedule_doc) as StoredSchedule;

/**
 * Everything a report route needs in one read: the obligation, its unit, schedule and plan, the report head, and
 * the response stored under `idempotencyKey` — so a submission costs one read and one write batch.
 */
export async function getObligationContext(db: D1Database, unit: string, scheduleId: string, period: string, idempotencyKey: string | null = null) {
  return db
    .prepare(
      `SELECT o.*, u.name AS unit_name, u.path AS unit_path, pu.name AS parent_name, s.code AS schedule_code, s.doc_json AS schedule_doc,
              p.status AS plan_status, p.issuer_code AS plan_issuer, p.doc_json AS plan_doc,
              r.current_version AS report_version, r.status AS report_status,
              k.request_hash AS idem_hash, k.status AS idem_status, k.response_json AS idem_response
       FROM obligations o
       JOIN units u ON u.code = o.unit_code
       LEFT JOIN units pu ON pu.code = u.parent_code
       JOIN schedules s ON s.id = o.schedule_id
       JOIN plans p ON p.id = o.plan_id
       LEFT JOIN reports r ON r.obligation_id = o.id
       LEFT JOIN idempotency_keys k ON k.unit_code = o.unit_code AND k.key = ?4
       WHERE o.unit_code = ?1 AND o.schedule_id = ?2 AND o.period = ?3`,
    )
    .bind(unit, scheduleId, period, idempotencyKey)
    .first<ObligationContext>();
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
    .all<Omit<VersionRow, 'obligation_id' | 'body_json'>>();
  return results;
}

export async function listReportEvents(db: D1Database, obligationId: number) {
  const { results } = await db
    .prepare(
      `SELECT action, at, actor, after_json FROM audit_log
       WHERE entity_type = 'report' AND entity_id = ? ORDER BY id`,
    )
    .bind(String(obligationId))
    .all<{ action: string; at: string; actor: string; after_json: string | null }>();
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

/** Keys older than two days go (the reminder sweep's housekeeping); the contract promises at least one. */
export function purgeIdempotencyStatement(db: D1Database, now: Date) {
  return db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?').bind(new Date(now.getTime() - 48 * 3600_000).toISOString());
}

/**
 * The statements of one save: the new version row (its primary key (obligation, version) is the optimistic lock:
 * a racing writer that read the same current version fails on it and the whole batch rolls back), the report
 * head, and for a submission the values roll-ups read and the obligation's state.
 */
export function saveStatements(
  db: D1Database,
  o: ObligationContext,
  v: { version: number; submit: boolean; at: string; actor: string; body: unknown; values: unknown[] },
): D1PreparedStatement[] {
  const stmts = [
    db
      .prepare('INSERT INTO report_versions (obligation_id, version, submitted, created_at, actor, body_json) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(o.id, v.version, v.submit ? 1 : 0, v.at, v.actor, JSON.stringify(v.body)),
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
          `INSERT INTO report_values (obligation_id, indicator, value, numerator, denominator, text, met)
           SELECT ?1, value ->> '$.indicator', value ->> '$.value', value ->> '$.numerator', value ->> '$.denominator',
                  value ->> '$.text', value ->> '$.met'
           FROM json_each(?2) WHERE true`,
        )
        .bind(o.id, JSON.stringify(v.values)),
      db
        .prepare(
          `UPDATE obligations SET state = 'submitted', submitted_at = ?2, first_submitted_at = coalesce(first_submitted_at, ?2)
           WHERE id = ?1`,
        )
        .bind(o.id, v.at),
    );
  }
  return stmts;
}

export function transitionStatements(db: D1Database, obligationId: number, to: 'returned' | 'accepted', at: string) {
  return [
    db.prepare('UPDATE reports SET status = ?2, updated_at = ?3 WHERE obligation_id = ?1').bind(obligationId, to, at),
    db.prepare('UPDATE obligations SET state = ?2 WHERE id = ?1').bind(obligationId, to),
  ];
}
