/**
 * The scheduled work (Cron Trigger, every 15 minutes): the reminder sweep of DESIGN §14, then the housekeeping
 * steps, each its own function so a slow one never hides another.
 */
import { eventStatements, newDeliveries } from '../db/outbox';
import { claimRemindersStatement, dueForReminder, moveRemindersStatement, unitPaths, type ReminderCandidate } from '../db/reminders';
import { purgeIdempotencyKeys } from '../db/reports';
import { digestSubscriptions } from '../db/webhooks';
import { digestEvent, reminderEvent, type NewEvent } from '../domain/events';
import { dueReminder, nextReminderAfter, type Reminders } from '../domain/reminders';
import { zoneOf, type Env } from '../env';
import { commitWithEvents, enqueueDeliveries, requeueStaleDeliveries } from './deliveries';

/** Obligations looked at per run; a backlog beyond it waits for the next run (every 15 minutes). */
const PER_RUN = 20_000;
/** Reminders written per D1 batch. */
const CHUNK = 500;

type Decision = { row: ReminderCandidate; send: { kind: 'before' | 'after'; days: number } | null; next: string | null };

/**
 * For each obligation whose next reminder has come: the one reminder to send now (only the nearest offset that has
 * come, and a due-soon one never after the deadline), and when to look again. An obligation of a plan no longer
 * active gets nothing and is not looked at again.
 */
function decide(rows: ReminderCandidate[], now: Date): Decision[] {
  return rows.map((row) => {
    const reminders = (row.reminders ? JSON.parse(row.reminders) : {}) as Reminders;
    if (!row.plan_live) return { row, send: null, next: null };
    const due = new Date(row.due_at);
    return { row, send: dueReminder(due, now, reminders), next: nextReminderAfter(due, now, reminders) };
  });
}

/** The units an overdue report escalates to, by path. */
async function escalationPaths(env: Env, decisions: Decision[]): Promise<Map<string, string>> {
  const codes = new Set<string>();
  for (const d of decisions) if (d.send?.kind === 'after') [JSON.parse(d.row.report_to) as string | string[]].flat().forEach((c) => codes.add(c));
  return unitPaths(env.DB, [...codes]);
}

/**
 * Sends each reminder whose time has come, exactly once however often, late or concurrently the cron runs: a chunk's
 * claims (reminders_sent, keyed by obligation, offset and round), its events (stable ids) with their deliveries, and
 * the obligations' next reminder instants are one D1 batch, so a run that dies halfway leaves nothing half-sent.
 */
export async function sweepReminders(env: Env, now: Date) {
  const tz = zoneOf(env);
  const at = now.toISOString();
  const { rows, rowsRead } = await dueForReminder(env.DB, now, PER_RUN);
  const decisions = decide(rows, now);
  const paths = await escalationPaths(env, decisions);
  const sentEvents: NewEvent[] = [];
  const deliveries: string[] = [];
  for (let i = 0; i < decisions.length; i += CHUNK) {
    const chunk = decisions.slice(i, i + CHUNK);
    const sends = chunk.flatMap((d) => (d.send ? [{ d, send: d.send }] : []));
    const events = sends.map(({ d, send }) => reminderEvent(d.row, { name: d.row.schedule_name, periodType: d.row.period_type },
      { number: d.row.plan_number, title: d.row.plan_title }, tz,
      { ...send, round: d.row.round, at, escalateTo: [JSON.parse(d.row.report_to) as string | string[]].flat().flatMap((c) => paths.get(c) ?? []) }));
    const claims = sends.map(({ d, send }) => ({ id: d.row.id, kind: send.kind, days: send.days, round: d.row.round }));
    const results = await env.DB.batch([
      claimRemindersStatement(env.DB, claims, at),
      ...eventStatements(env.DB, events),
      moveRemindersStatement(env.DB, chunk.map((d) => ({ id: d.row.id, next: d.next }))),
    ]);
    const claimed = new Set((results[0]!.results as { obligation_id: number; kind: string; days: number; round: number }[]).map((c) => `${c.obligation_id}/${c.kind}/${c.days}/${c.round}`));
    sentEvents.push(...events.filter((_, k) => claimed.has(`${claims[k]!.id}/${claims[k]!.kind}/${claims[k]!.days}/${claims[k]!.round}`)));
    deliveries.push(...newDeliveries(results.slice(1)));
  }
  await enqueueDeliveries(env, deliveries);
  const digests = await sendDigests(env, sentEvents, tz, at);
  return { sent: sentEvents.length, looked: rows.length, rowsRead, queued: deliveries.length + digests };
}

/** One message per digest subscription summarising this run's reminders in its reach (and escalated to it). */
async function sendDigests(env: Env, events: NewEvent[], tz: string, at: string): Promise<number> {
  if (events.length === 0) return 0;
  const subs = await digestSubscriptions(env.DB);
  const digests = subs.flatMap((w) => {
    const types = new Set(JSON.parse(w.events_json) as string[]);
    const items = events.filter((e) => types.has(e.type) && e.anchors.some((a) => a.startsWith(w.path)));
    return items.length ? [digestEvent({ id: w.id, unit: w.unit_code }, items, tz, at)] : [];
  });
  await commitWithEvents(env, [], digests);
  return digests.length;
}

/** Everything the Cron Trigger does, in order; each step reports what it did. */
export async function runScheduled(env: Env, now: Date) {
  const reminders = await sweepReminders(env, now);
  const requeued = await requeueStaleDeliveries(env, now);
  const idempotencyKeysPurged = await purgeIdempotencyKeys(env.DB, now);
  return { ...reminders, requeued, idempotencyKeysPurged };
}
