/** A delivery with what sending it needs: its subscription and its event. */
export type DeliveryRow = {
  id: string; status: string; attempts: number; retry_base: number;
  url: string; format: 'cascade' | 'text'; chat_id: string | null; secret: string;
  event_id: string; type: string; occurred_at: string; data_json: string;
};

export async function getDelivery(db: D1Database, id: string): Promise<DeliveryRow | null> {
  return db.prepare(
    `SELECT d.id, d.status, d.attempts, d.retry_base, w.url, w.format, w.chat_id, w.secret, e.id AS event_id, e.type, e.occurred_at, e.data_json
     FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id WHERE d.id = ?`,
  ).bind(id).first<DeliveryRow>();
}

/**
 * Claims attempt n + 1 of a pending delivery that has had n: a message the queue hands out twice, or two consumers at
 * once, never sends twice (only one UPDATE matches).
 */
export async function claimAttempt(db: D1Database, id: string, attempts: number, at: string): Promise<boolean> {
  const claimed = await db.prepare(
    `UPDATE deliveries SET attempts = ?3, updated_at = ?4 WHERE id = ?1 AND status = 'pending' AND attempts = ?2 RETURNING id`,
  ).bind(id, attempts, attempts + 1, at).first();
  return claimed !== null;
}

/** The attempt's record, and the delivery's status after it. */
export function recordAttemptStatements(
  db: D1Database,
  a: { id: string; attempt: number; at: string; statusCode: number | null; durationMs: number; error: string | null; status: 'pending' | 'delivered' | 'dead' },
): D1PreparedStatement[] {
  return [
    db.prepare('INSERT INTO delivery_attempts (delivery_id, attempt, at, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(a.id, a.attempt, a.at, a.statusCode, a.durationMs, a.error),
    db.prepare('UPDATE deliveries SET status = ?2, last_status_code = ?3, updated_at = ?4 WHERE id = ?1').bind(a.id, a.status, a.statusCode, a.at),
  ];
}
