import type { StoredSchedule } from './db/plans';
import { purgeIdempotencyStatement } from './db/reports';
import { DEFAULT_TZ } from './domain/periods';
import { dueReminder, eventText, obligationEventData, type ObligationEventData, type Reminders } from './domain/webhooks';
import type { Env } from './env';
import { enqueueDeliveries, enqueueEvents, eventStatements, type NewEvent } from './events';

const DAY = 86_400_000;

type Candidate = {
  id: number; unit_code: string; unit_name: string; unit_path: string; parent_name: string | null;
  schedule_id: string; schedule_code: string; plan_id: string; plan_number: string; plan_title: string; period: string; due_at: string;
};

/**
 * The reminder sweep (Cron Trigger, every 15 minutes). Reads only unsubmitted obligations whose deadline lies within
 * the reminder windows of now, through the partial index on due_at; claims each (obligation, offset) in
 * reminders_sent, whose primary key makes it exactly-once across repeated, late and overlapping runs; writes the
 * events and their deliveries; then one digest per digest subscription; then queues everything.
 */
export async function runReminders(env: Env, now: Date) {
  const tz = env.TZ_NAME || DEFAULT_TZ;
  const { results: schedules } = await env.DB.prepare(
    `SELECT s.id, s.doc_json FROM schedules s JOIN plans p ON p.id = s.plan_id
     WHERE p.status = 'active' AND s.doc_json ->> '$.reminders' IS NOT NULL`,
  ).all<{ id: string; doc_json: string }>();
  const docs = new Map(schedules.map((s) => [s.id, JSON.parse(s.doc_json) as StoredSchedule]));
  const reminders = new Map([...docs].map(([id, d]) => [id, (d.reminders ?? {}) as Reminders]));
  const maxBefore = Math.max(0, ...[...reminders.values()].flatMap((r) => r.before ?? []));
  const maxAfter = Math.max(0, ...[...reminders.values()].flatMap((r) => r.after ?? []));
  let sent = 0;
  let rowsRead = 0;
  const eventIds: string[] = [];
  if (reminders.size > 0) {
    // Overdue reminders stop a day after the largest offset: a plan activated long after its deadlines
    // (or a long outage) sends at most the latest reminder, never a flood of old ones.
    const { results: candidates, meta } = await env.DB.prepare(
      `SELECT o.id, o.unit_code, u.name AS unit_name, u.path AS unit_path, pu.name AS parent_name, o.schedule_id,
              s.code AS schedule_code, o.plan_id, p.number AS plan_number, p.title AS plan_title, o.period, o.due_at
       FROM obligations o JOIN units u ON u.code = o.unit_code LEFT JOIN units pu ON pu.code = u.parent_code
       JOIN schedules s ON s.id = o.schedule_id JOIN plans p ON p.id = o.plan_id
       WHERE o.state IN ('pending', 'returned') AND o.due_at > ?1 AND o.due_at <= ?2 AND p.status = 'active'`,
    ).bind(new Date(now.getTime() - (maxAfter + 1) * DAY).toISOString(), new Date(now.getTime() + maxBefore * DAY).toISOString())
      .all<Candidate>();
    rowsRead = meta.rows_read ?? 0;
    const due = candidates.flatMap((o) => {
      const r = reminders.get(o.schedule_id);
      const d = r && dueReminder(new Date(o.due_at), now, r);
      return d ? [{ o, ...d }] : [];
    });
    // Claim: only the rows this run inserts are sent by this run.
    const claimed = new Set<string>();
    for (let i = 0; i < due.length; i += 2000) {
      const { results } = await env.DB.prepare(
        `INSERT INTO reminders_sent (obligation_id, kind, days, sent_at)
         SELECT value ->> '$.id', value ->> '$.kind', value ->> '$.days', ?2 FROM json_each(?1) WHERE true
         ON CONFLICT DO NOTHING RETURNING obligation_id, kind, days`,
      ).bind(JSON.stringify(due.slice(i, i + 2000).map((d) => ({ id: d.o.id, kind: d.kind, days: d.days }))), now.toISOString())
        .all<{ obligation_id: number; kind: string; days: number }>();
      results.forEach((r) => claimed.add(`${r.obligation_id}/${r.kind}/${r.days}`));
    }
    const mine = due.filter((d) => claimed.has(`${d.o.id}/${d.kind}/${d.days}`));
    sent = mine.length;
    // Overdue reports escalate to the units they report to.
    const recipients = [...new Set(mine.flatMap((d) => (d.kind === 'after' ? [docs.get(d.o.schedule_id)?.reportTo ?? []].flat() : [])))];
    const recipientPaths = new Map<string, string>();
    if (recipients.length) {
      const { results } = await env.DB.prepare('SELECT code, path FROM units WHERE code IN (SELECT value FROM json_each(?))')
        .bind(JSON.stringify(recipients)).all<{ code: string; path: string }>();
      results.forEach((r) => recipientPaths.set(r.code, r.path));
    }
    const events: NewEvent[] = mine.map(({ o, kind, days }) => {
      const doc = docs.get(o.schedule_id)!;
      const escalate = kind === 'after' ? [doc.reportTo].flat().flatMap((code) => recipientPaths.get(code) ?? []) : [];
      const data: ObligationEventData = {
        ...obligationEventData(o, doc, { number: o.plan_number, title: o.plan_title }, tz),
        days,
      };
      return {
        id: `evt_${kind === 'before' ? 'due' : 'late'}_${o.id}_${days}`,
        type: kind === 'before' ? 'obligation.due_soon' : 'obligation.overdue',
        occurredAt: now.toISOString(), unit: o.unit_code, anchors: [o.unit_path, ...escalate], data,
      };
    });
    for (let i = 0; i < events.length; i += 500) {
      await env.DB.batch(eventStatements(env.DB, events.slice(i, i + 500)));
    }
    eventIds.push(...events.map((e) => e.id));
    eventIds.push(...(await digests(env, events, now, tz)));
  }
  const queued = await enqueueEvents(env, eventIds);
  const requeued = await requeueStale(env, now);
  await purgeIdempotencyStatement(env.DB, now).run();
  return { sent, queued, requeued, rowsRead };
}

/** One message per digest subscription summarising this run's reminders in its reach (and escalated to it). */
async function digests(env: Env, events: NewEvent[], now: Date, tz: string): Promise<string[]> {
  if (events.length === 0) return [];
  const { results: subs } = await env.DB.prepare(
    `SELECT w.id, w.unit_code, w.events_json, u.path FROM webhooks w JOIN units u ON u.code = w.unit_code
     WHERE w.active = 1 AND w.delivery = 'digest'`,
  ).all<{ id: string; unit_code: string; events_json: string; path: string }>();
  const ids: string[] = [];
  const stmts: D1PreparedStatement[] = [];
  for (const w of subs) {
    const types = new Set(JSON.parse(w.events_json) as string[]);
    const items = events
      .filter((e) => types.has(e.type) && e.anchors.some((a) => a.startsWith(w.path)))
      .map((e) => ({ type: e.type, eventId: e.id, text: eventText(e.type, e.data as Record<string, unknown>, tz), data: e.data }));
    if (items.length === 0) continue;
    const id = `evt_digest_${w.id}_${now.toISOString()}`;
    ids.push(id);
    stmts.push(
      env.DB.prepare(`INSERT INTO events (id, type, occurred_at, unit_code, anchors_json, data_json) VALUES (?, 'reminder.digest', ?, ?, '[]', ?) ON CONFLICT DO NOTHING`)
        .bind(id, now.toISOString(), w.unit_code, JSON.stringify({ items })),
      env.DB.prepare(
        `INSERT INTO deliveries (id, webhook_id, event_id, status, attempts, created_at, updated_at)
         VALUES ('dlv_' || lower(hex(randomblob(10))), ?1, ?2, 'pending', 0, ?3, ?3) ON CONFLICT DO NOTHING`,
      ).bind(w.id, id, now.toISOString()),
    );
  }
  if (stmts.length) await env.DB.batch(stmts);
  return ids;
}

/** Deliveries the queue never picked up (a failed send after the write) are queued again after 15 minutes. */
async function requeueStale(env: Env, now: Date): Promise<number> {
  const { results } = await env.DB.prepare(
    `UPDATE deliveries SET updated_at = ?2 WHERE status = 'pending' AND updated_at < ?1 RETURNING id`,
  ).bind(new Date(now.getTime() - 15 * 60_000).toISOString(), now.toISOString()).all<{ id: string }>();
  await enqueueDeliveries(env, results.map((r) => r.id));
  return results.length;
}
