import type { Principal } from '../auth';

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  unit: string | null;
  before?: unknown;
  after?: unknown;
};

/** The audit row for one write, as a statement to batch with the write itself. */
export function auditStatement(db: D1Database, p: Principal, at: Date, e: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, actor_unit, action, entity_type, entity_id, unit_code, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      at.toISOString(),
      p.actor,
      p.unit,
      e.action,
      e.entityType,
      e.entityId,
      e.unit,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    );
}
