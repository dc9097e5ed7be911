/**
 * Reminders of an unsubmitted obligation: which one is due now (only the nearest), when to look next, and the first
 * one of a new obligation. Quận 10's 6-month report is due 00:00 on 15 May 2021 (seed 002: "trước ngày 15/5").
 */
import { describe, expect, it } from 'vitest';
import { dueReminder, firstReminderAt, nextReminderAfter } from '../../../worker/src/domain/reminders';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const due = new Date('2021-05-14T17:00:00.000Z');
const at = (ms: number) => new Date(due.getTime() + ms);
const iso = (ms: number) => at(ms).toISOString();
const papi = { before: [7, 1], after: [1, 7] };

describe('dueReminder: only the nearest reminder whose time has come', () => {
  it.each([
    ['8 days before', -8 * DAY, null],
    ['exactly 7 days before', -7 * DAY, { kind: 'before', days: 7 }],
    ['3 days before', -3 * DAY, { kind: 'before', days: 7 }],
    ['exactly 1 day before', -DAY, { kind: 'before', days: 1 }],
    ['12 hours before (the 1-day one, not the 7-day one too)', -12 * HOUR, { kind: 'before', days: 1 }],
    ['a minute before', -60_000, { kind: 'before', days: 1 }],
    ['at the deadline (no due-soon once it has passed)', 0, null],
    ['12 hours after', 12 * HOUR, null],
    ['exactly 1 day after', DAY, { kind: 'after', days: 1 }],
    ['3 days after', 3 * DAY, { kind: 'after', days: 1 }],
    ['7 days after', 7 * DAY, { kind: 'after', days: 7 }],
    ['a month after (the largest passed)', 30 * DAY, { kind: 'after', days: 7 }],
  ])('%s', (_, offset, reminder) => {
    expect(dueReminder(due, at(offset), papi)).toEqual(reminder);
  });

  it('never sends a due-soon after the deadline, even with no after offsets', () => {
    expect(dueReminder(due, at(HOUR), { before: [7, 1] })).toBeNull();
  });

  it('an after offset of 0 comes at the deadline itself', () => {
    expect(dueReminder(due, due, { after: [0, 3] })).toEqual({ kind: 'after', days: 0 });
  });

  it('sends nothing without reminders', () => {
    expect(dueReminder(due, at(-HOUR), {})).toBeNull();
    expect(dueReminder(due, at(30 * DAY), {})).toBeNull();
  });

  it('does not care about the order the plan lists offsets in', () => {
    expect(dueReminder(due, at(-12 * HOUR), { before: [1, 7, 3] })).toEqual({ kind: 'before', days: 1 });
    expect(dueReminder(due, at(10 * DAY), { after: [7, 1, 3] })).toEqual({ kind: 'after', days: 7 });
  });
});

describe('nextReminderAfter: the first offset instant strictly after a time', () => {
  it.each([
    ['long before: the 7-day reminder', -30 * DAY, iso(-7 * DAY)],
    ['just after the 7-day one: the 1-day one', -7 * DAY, iso(-DAY)],
    ['after the 1-day one: 1 day late', -DAY, iso(DAY)],
    ['after the deadline: 1 day late', 0, iso(DAY)],
    ['after the 1-day-late one: 7 days late', DAY, iso(7 * DAY)],
    ['after the last one: nothing', 7 * DAY, null],
  ])('%s', (_, after, next) => {
    expect(nextReminderAfter(due, at(after), papi)).toBe(next);
  });

  it('is null without reminders', () => {
    expect(nextReminderAfter(due, at(-30 * DAY), {})).toBeNull();
  });
});

describe('firstReminderAt: the earliest offset instant of a new obligation', () => {
  it('is the 7-day reminder of the PAPI schedule', () => {
    expect(firstReminderAt(due, papi)).toBe(iso(-7 * DAY));
  });

  it('is the first late reminder when there are no before offsets', () => {
    expect(firstReminderAt(due, { after: [7, 1] })).toBe(iso(DAY));
  });

  it('is null without reminders', () => {
    expect(firstReminderAt(due, undefined)).toBeNull();
    expect(firstReminderAt(due, {})).toBeNull();
    expect(firstReminderAt(due, { before: [], after: [] })).toBeNull();
  });
});

describe('a district activates a plan two days after the deadline, with reminders: {after: [1]}', () => {
  const reminders = { after: [1] };
  const activation = at(2 * DAY);

  it('the first reminder is the instant already past, a day after the deadline', () => {
    expect(firstReminderAt(due, reminders)).toBe(iso(DAY));
    expect(Date.parse(firstReminderAt(due, reminders)!)).toBeLessThan(activation.getTime());
  });

  it('the sweep at activation sends the 1-day-late reminder', () => {
    expect(dueReminder(due, activation, reminders)).toEqual({ kind: 'after', days: 1 });
  });

  it('and then there is nothing more to send', () => {
    expect(nextReminderAfter(due, activation, reminders)).toBeNull();
  });
});
