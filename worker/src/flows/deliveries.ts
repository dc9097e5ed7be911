/** Webhook deliveries: handing them to the queue, and the queue consumer's one attempt at each. */
import { claimAttempt, getDelivery, recordAttemptStatements } from '../db/deliveries';
import { claimStaleDeliveries, eventStatements, newDeliveries } from '../db/outbox';
import type { NewEvent } from '../domain/events';
import { backoffSeconds, checkWebhookUrl, deliveryBody, MAX_ATTEMPTS, sign } from '../domain/webhooks';
import { zoneOf, type DeliveryMessage, type Env } from '../env';

const TIMEOUT_MS = 10_000;

/** 100 messages per send, the Queues limit. */
export async function enqueueDeliveries(env: Env, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) {
    await env.DELIVERIES.sendBatch(ids.slice(i, i + 100).map((deliveryId): { body: DeliveryMessage } => ({ body: { deliveryId } })));
  }
}

/**
 * A change and the events it causes, in one D1 batch (the outbox: no event is lost, none is written without its
 * change); the queue is told afterwards — through `defer` (waitUntil) when a slow subscriber must not slow the answer.
 */
export async function commitWithEvents(env: Env, statements: D1PreparedStatement[], events: NewEvent[], defer?: (work: Promise<unknown>) => void): Promise<D1Result[]> {
  const all = [...statements, ...eventStatements(env.DB, events)];
  if (all.length === 0) return [];
  const results = await env.DB.batch(all);
  const ids = newDeliveries(results.slice(statements.length));
  if (ids.length) {
    const work = enqueueDeliveries(env, ids);
    if (defer) defer(work);
    else await work;
  }
  return results;
}

/** Deliveries the queue never picked up (a failed send after the write) are queued again after 15 minutes. */
export async function requeueStaleDeliveries(env: Env, now: Date): Promise<number> {
  const ids = await claimStaleDeliveries(env.DB, now);
  await enqueueDeliveries(env, ids);
  return ids.length;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ statusCode: number | null; error: string | null }> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel();
    return { statusCode: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const error = (e as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : String((e as Error).message ?? e).slice(0, 300);
    return { statusCode: null, error };
  }
}

/**
 * One attempt at one delivery. The attempt is claimed first, so a message the queue hands out twice, or two
 * consumers at once, never sends twice. Returns the retry delay, or null when done.
 */
export async function deliverOnce(env: Env, deliveryId: string, now = new Date()): Promise<number | null> {
  const row = await getDelivery(env.DB, deliveryId);
  if (!row || row.status !== 'pending') return null;
  if (!(await claimAttempt(env.DB, row.id, row.attempts, now.toISOString()))) return null;
  const attempt = row.attempts + 1;
  const format = row.chat_id ? 'telegram' : row.format;
  const body = deliveryBody(format, { id: row.event_id, type: row.type, occurredAt: row.occurred_at, data: JSON.parse(row.data_json) }, zoneOf(env), row.chat_id);
  const timestamp = Math.floor(now.getTime() / 1000);
  const started = Date.now();
  const refused = checkWebhookUrl(row.url, env.WEBHOOK_ALLOW_PRIVATE === 'true');
  const { statusCode, error } = refused
    ? { statusCode: null, error: `URL ${refused.en}` }
    : await post(row.url, {
      'content-type': 'application/json',
      'user-agent': 'Cascade-Webhooks/1',
      'webhook-id': row.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': await sign(row.secret, row.event_id, timestamp, body),
      'cascade-event': row.type,
    }, body);
  const delivered = error === null;
  const dead = !delivered && attempt - row.retry_base >= MAX_ATTEMPTS;
  await env.DB.batch(recordAttemptStatements(env.DB, {
    id: row.id, attempt, at: now.toISOString(), statusCode, durationMs: Date.now() - started, error, status: delivered ? 'delivered' : dead ? 'dead' : 'pending',
  }));
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
