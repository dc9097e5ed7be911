import type { NewEvent } from '../domain/events';

const REMINDER_TYPES = "('obligation.due_soon', 'obligation.overdue')";

/**
 * The outbox: events and their deliveries are written in the same D1 batch as the change that caused them, so
 * none is lost; the queue is only told afterwards. A subscription on unit U takes an event when U's subtree holds
 * one of the event's anchors (its unit, and for an overdue report the units it reports to) and it chose the type;
 * digest subscriptions take reminders in the sweep's digest instead; an event with `to` goes to that subscription
 * alone (a ping, a digest). UNIQUE (webhook, event) dedupes; RETURNING hands the new deliveries to the caller.
 */
export function eventStatements(db: D1Database, events: NewEvent[]): D1PreparedStatement[] {
  if (events.length === 0) return [];
  const rows = JSON.stringify(events.map((e) => ({ ...e, to: e.to ?? null, anchors: JSON.stringify(e.anchors), data: JSON.stringify(e.data) })));
  return [
    db.prepare(
      `INSERT INTO events (id, type, occurred_at, unit_code, anchors_json, data_json)
       SELECT value ->> '$.id', value ->> '$.type', value ->> '$.occurredAt', value ->> '$.unit', value ->> '$.anchors', value ->> '$.data'
       FROM json_each(?1) WHERE true ON CONFLICT (id) DO NOTHING`,
    ).bind(rows),
    db.prepare(
      `INSERT INTO deliveries (id, webhook_id, event_id, status, attempts, created_at, updated_at)
       SELECT 'dlv_' || lower(hex(randomblob(10))), w.id, e.id, 'pending', 0, e.occurred_at, e.occurred_at
       FROM events e, json_each(e.anchors_json) a, webhooks w JOIN units wu ON wu.code = w.unit_code
       WHERE e.id IN (SELECT value ->> '$.id' FROM json_each(?1) WHERE value ->> '$.to' IS NULL)
         AND w.active = 1 AND (w.delivery = 'each' OR e.type NOT IN ${REMINDER_TYPES})
         AND EXISTS (SELECT 1 FROM json_each(w.events_json) t WHERE t.value = e.type)
         AND substr(a.value, 1, length(wu.path)) = wu.path
       ON CONFLICT (webhook_id, event_id) DO NOTHING
       RETURNING id AS delivery_id`,
    ).bind(rows),
    db.prepare(
      `INSERT INTO deliveries (id, webhook_id, event_id, status, attempts, created_at, updated_at)
       SELECT 'dlv_' || lower(hex(randomblob(10))), value ->> '$.to', value ->> '$.id', 'pending', 0, value ->> '$.occurredAt', value ->> '$.occurredAt'
       FROM json_each(?1) WHERE value ->> '$.to' IS NOT NULL
       ON CONFLICT (webhook_id, event_id) DO NOTHING
       RETURNING id AS delivery_id`,
    ).bind(rows),
  ];
}

/**
 * The deliveries a batch holding eventStatements created, read from its results: a request hands them to the queue
 * without another query, and without touching the queue when nobody subscribes.
 */
export function newDeliveries(results: D1Result[]): string[] {
  return results.flatMap((r) => (r.results as { delivery_id?: string }[]).flatMap((row) => (row.delivery_id ? [row.delivery_id] : [])));
}

/** Deliveries the queue never picked up (a failed send after the write) are handed out again after 15 minutes. */
export async function claimStaleDeliveries(db: D1Database, now: Date): Promise<string[]> {
  const { results } = await db.prepare(
    `UPDATE deliveries SET updated_at = ?2 WHERE status = 'pending' AND updated_at < ?1 RETURNING id`,
  ).bind(new Date(now.getTime() - 15 * 60_000).toISOString(), now.toISOString()).all<{ id: string }>();
  return results.map((r) => r.id);
}
