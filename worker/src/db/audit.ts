/** Who acted: a token id (or 'admin') and its unit. A Principal fits; the database knows nothing more of it. */
export type Actor = { actor: string; unit: string | null };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  unit: string | null;
  before?: unknown;
  after?: unknown;
};

/** The audit row for one write, as a statement to batch with the write itself. */
export function auditStatement(db: D1Database, by: Actor, at: Date, e: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, actor_unit, action, entity_type, entity_id, unit_code, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      at.toISOString(),
      by.actor,
      by.unit,
      e.action,
      e.entityType,
      e.entityId,
      e.unit,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    );
}
