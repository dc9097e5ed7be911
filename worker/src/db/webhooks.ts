import type { Webhook } from '../../../schemas';

/** A subscription as stored; a Telegram one is a `text` subscription with a chat id. */
export type WebhookRow = {
  id: string; unit_code: string; unit_path: string; url: string; events_json: string; format: 'cascade' | 'text'; chat_id: string | null;
  delivery: Webhook['delivery']; secret: string; active: number; created_at: string; updated_at: string;
};

export function toWebhook(r: WebhookRow): Webhook {
  return {
    id: r.id, unit: r.unit_code, url: r.url, events: JSON.parse(r.events_json) as string[], format: r.chat_id ? 'telegram' : r.format,
    chatId: r.chat_id, delivery: r.delivery, active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function insertWebhookStatement(db: D1Database, r: WebhookRow, createdBy: string): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO webhooks (id, unit_code, url, events_json, format, chat_id, delivery, secret, active, created_at, updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  ).bind(r.id, r.unit_code, r.url, r.events_json, r.format, r.chat_id, r.delivery, r.secret, r.created_at, r.updated_at, createdBy);
}

export async function getWebhook(db: D1Database, id: string): Promise<WebhookRow | null> {
  return db.prepare('SELECT w.*, u.path AS unit_path FROM webhooks w JOIN units u ON u.code = w.unit_code WHERE w.id = ?').bind(id).first<WebhookRow>();
}

/** The subscriptions of a subtree (path range), oldest first. */
export async function listWebhooks(db: D1Database, rootPath: string, rootEnd: string): Promise<WebhookRow[]> {
  const { results } = await db.prepare(
    `SELECT w.*, u.path AS unit_path FROM webhooks w JOIN units u ON u.code = w.unit_code
     WHERE u.path >= ?1 AND u.path < ?2 ORDER BY w.created_at`,
  ).bind(rootPath, rootEnd).all<WebhookRow>();
  return results;
}

export function updateWebhookStatement(db: D1Database, r: WebhookRow): D1PreparedStatement {
  return db.prepare('UPDATE webhooks SET url = ?, events_json = ?, format = ?, chat_id = ?, delivery = ?, active = ?, updated_at = ? WHERE id = ?')
    .bind(r.url, r.events_json, r.format, r.chat_id, r.delivery, r.active, r.updated_at, r.id);
}

/** Unsubscribing deactivates (the delivery log stays readable) and gives up what is still pending. */
export function deactivateWebhookStatements(db: D1Database, id: string, at: string): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE webhooks SET active = 0, updated_at = ? WHERE id = ?').bind(at, id),
    db.prepare("UPDATE deliveries SET status = 'dead', updated_at = ? WHERE webhook_id = ? AND status = 'pending'").bind(at, id),
  ];
}

export function rotateSecretStatement(db: D1Database, id: string, secret: string, at: string): D1PreparedStatement {
  return db.prepare('UPDATE webhooks SET secret = ?, updated_at = ? WHERE id = ?').bind(secret, at, id);
}

/** The active digest subscriptions, each with its unit's path (a sweep sends each one message). */
export async function digestSubscriptions(db: D1Database) {
  const { results } = await db.prepare(
    `SELECT w.id, w.unit_code, w.events_json, u.path FROM webhooks w JOIN units u ON u.code = w.unit_code
     WHERE w.active = 1 AND w.delivery = 'digest'`,
  ).all<{ id: string; unit_code: string; events_json: string; path: string }>();
  return results;
}

type LogRow = { id: string; event_id: string; type: string; status: 'pending' | 'delivered' | 'dead'; created_at: string; updated_at: string; attempts: string };

/** Every delivery of a subscription (or one of them), newest first, each with every attempt. */
export async function deliveryLog(db: D1Database, webhookId: string, onlyId?: string) {
  const { results } = await db.prepare(
    `SELECT d.id, d.event_id, e.type, d.status, d.created_at, d.updated_at,
            (SELECT json_group_array(json_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code, 'durationMs', a.duration_ms, 'error', a.error))
             FROM (SELECT * FROM delivery_attempts a WHERE a.delivery_id = d.id ORDER BY a.attempt) a) AS attempts
     FROM deliveries d JOIN events e ON e.id = d.event_id
     WHERE d.webhook_id = ?1 AND (?2 IS NULL OR d.id = ?2) ORDER BY d.created_at DESC, d.id LIMIT 500`,
  ).bind(webhookId, onlyId ?? null).all<LogRow>();
  return results.map((r) => ({
    id: r.id, eventId: r.event_id, eventType: r.type, status: r.status, attempts: JSON.parse(r.attempts), createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

/** A delivery made pending again with a fresh retry budget; null when the subscription has no such delivery. */
export async function reopenDelivery(db: D1Database, webhookId: string, deliveryId: string, at: string) {
  return db.prepare(
    `UPDATE deliveries SET status = 'pending', retry_base = attempts, updated_at = ?3 WHERE id = ?1 AND webhook_id = ?2 RETURNING id`,
  ).bind(deliveryId, webhookId, at).first<{ id: string }>();
}
