import type { Schedule } from '../../../schemas';
import type { ReminderKind } from './events';

const DAY = 86_400_000;

export type Reminders = NonNullable<Schedule['reminders']>;
export type DueReminder = { kind: ReminderKind; days: number };

/**
 * Which reminder of an unsubmitted obligation is due at `now`. Of the offsets whose time has come only the nearest
 * counts: the smallest "before" offset (a plan activated 12 hours before the deadline sends the 1-day reminder, not
 * the 7-day one too), or the largest "after" offset. A due-soon reminder is never due once the deadline has passed.
 */
export function dueReminder(dueAt: Date, now: Date, reminders: Reminders): DueReminder | null {
  const due = dueAt.getTime();
  const at = now.getTime();
  if (at < due) {
    const come = (reminders.before ?? []).filter((k) => due - k * DAY <= at);
    return come.length ? { kind: 'before', days: Math.min(...come) } : null;
  }
  const come = (reminders.after ?? []).filter((a) => due + a * DAY <= at);
  return come.length ? { kind: 'after', days: Math.max(...come) } : null;
}

/** Every instant at which one of the offsets comes: before the deadline (k > 0 days), and on or after it. */
function offsetInstants(dueAt: Date, reminders: Reminders): number[] {
  const due = dueAt.getTime();
  return [...(reminders.before ?? []).filter((k) => k > 0).map((k) => due - k * DAY), ...(reminders.after ?? []).map((a) => due + a * DAY)];
}

/** When the sweep should next look at an obligation that has had nothing sent since `after`: the first offset still to come. */
export function nextReminderAfter(dueAt: Date, after: Date, reminders: Reminders): string | null {
  const later = offsetInstants(dueAt, reminders).filter((x) => x > after.getTime());
  return later.length ? new Date(Math.min(...later)).toISOString() : null;
}

/** The first reminder of a new obligation: its earliest offset, even if that has already passed (a late activation). */
export function firstReminderAt(dueAt: Date, reminders: Reminders | undefined): string | null {
  const all = reminders ? offsetInstants(dueAt, reminders) : [];
  return all.length ? new Date(Math.min(...all)).toISOString() : null;
}
