import { DEFAULT_TZ } from './domain/periods';
import { backoffSeconds, checkWebhookUrl, eventText, MAX_ATTEMPTS, sign } from './domain/webhooks';
import type { DeliveryMessage, Env } from './env';

type Row = {
  id: string; status: string; attempts: number; retry_base: number;
  url: string; format: 'cascade' | 'text'; secret: string;
  event_id: string; type: string; occurred_at: string; data_json: string;
};

const TIMEOUT_MS = 10_000;

/**
 * One attempt at one delivery. The attempt is claimed first (attempts = n → n + 1 on a pending row), so a message
 * the queue hands out twice, or two consumers at once, never sends twice. Returns the retry delay, or null when done.
 */
export async function deliverOnce(env: Env, deliveryId: string, now = new Date()): Promise<number | null> {
  const row = await env.DB.prepare(
    `SELECT d.id, d.status, d.attempts, d.retry_base, w.url, w.format, w.secret, e.id AS event_id, e.type, e.occurred_at, e.data_json
     FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN events e ON e.id = d.event_id WHERE d.id = ?`,
  ).bind(deliveryId).first<Row>();
  if (!row || row.status !== 'pending') return null;
  const attempt = row.attempts + 1;
  const claimed = await env.DB.prepare(
    `UPDATE deliveries SET attempts = ?3, updated_at = ?4 WHERE id = ?1 AND status = 'pending' AND attempts = ?2 RETURNING id`,
  ).bind(row.id, row.attempts, attempt, now.toISOString()).first();
  if (!claimed) return null;

  const data = JSON.parse(row.data_json);
  const body = row.format === 'text'
    ? JSON.stringify({ text: eventText(row.type, data, env.TZ_NAME || DEFAULT_TZ) })
    : JSON.stringify({ id: row.event_id, type: row.type, occurredAt: row.occurred_at, data });
  const timestamp = Math.floor(now.getTime() / 1000);
  let statusCode: number | null = null;
  let error: string | null = checkWebhookUrl(row.url, env.WEBHOOK_ALLOW_PRIVATE === 'true');
  const started = Date.now();
  if (error) error = `URL ${error}`;
  else {
    try {
      const res = await fetch(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cascade-Webhooks/1',
          'webhook-id': row.event_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': await sign(row.secret, row.event_id, timestamp, body),
          'cascade-event': row.type,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : String((e as Error).message ?? e).slice(0, 300);
    }
  }
  const delivered = error === null;
  const dead = !delivered && attempt - row.retry_base >= MAX_ATTEMPTS;
  await env.DB.batch([
    env.DB.prepare('INSERT INTO delivery_attempts (delivery_id, attempt, at, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(row.id, attempt, now.toISOString(), statusCode, Date.now() - started, error),
    env.DB.prepare('UPDATE deliveries SET status = ?2, last_status_code = ?3, updated_at = ?4 WHERE id = ?1')
      .bind(row.id, delivered ? 'delivered' : dead ? 'dead' : 'pending', statusCode, now.toISOString()),
  ]);
  return delivered || dead ? null : backoffSeconds(attempt - row.retry_base);
}

/** The queue consumer: each message is one delivery; failures retry with exponential backoff until dead. */
export async function handleDeliveries(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    try {
      const delay = await deliverOnce(env, msg.body.deliveryId);
      if (delay === null) msg.ack();
      else msg.retry({ delaySeconds: delay });
    } catch (e) {
      console.error('delivery failed', msg.body.deliveryId, e);
      msg.retry({ delaySeconds: 60 });
    }
  }
}
