/**
 * Events (DESIGN §5, §14): stable ids, whom they concern, and the message an official would send to a chat — in
 * Vietnamese, with the period as people say it and never its code.
 */
import { describe, expect, it } from 'vitest';
import {
  digestEvent,
  eventIds,
  eventText,
  obligationEventData,
  pingEvent,
  planActivatedEvent,
  reminderEvent,
  reportEvent,
  type NewEvent,
  type ObligationFacts,
} from '../../../worker/src/domain/events';

const TZ = 'Asia/Ho_Chi_Minh';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Phường 15 of Quận 10, its 6-month PAPI report (seed 002): "trước ngày 15/5", so due 00:00 on 15 May 2021. */
const phuong15: ObligationFacts = {
  id: 42, unit_code: '27163', unit_name: 'Phường 15', unit_path: '/79/771/27163/', parent_name: 'Quận 10', period: '2021S1',
  due_at: '2021-05-14T17:00:00.000Z', plan_id: 'pl_papi', schedule_id: 'sc_6t', schedule_code: '6T',
};
const sixMonths = { name: 'Báo cáo 6 tháng', periodType: 'half' };
const papi = { number: 'KH-PAPI/Q10', title: 'Nâng cao Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh (PAPI)' };
const DUE = Date.parse(phuong15.due_at);
const at = (ms: number) => new Date(DUE + ms).toISOString();

const dueSoon = reminderEvent(phuong15, sixMonths, papi, TZ, { kind: 'before', days: 1, round: 0, at: at(-9 * HOUR), escalateTo: ['/79/771/'] });
const overdue = reminderEvent(phuong15, sixMonths, papi, TZ, { kind: 'after', days: 1, round: 0, at: at(2 * DAY), escalateTo: ['/79/771/'] });
const submitted = reportEvent(phuong15, sixMonths, papi, TZ, {
  type: 'report.submitted', id: eventIds.submitted(42, 1), at: '2021-05-12T03:30:00.000Z',
  extra: { submittedAt: '2021-05-12T03:30:00.000Z', onTime: true, version: 1 },
});
const submittedLate = reportEvent(phuong15, sixMonths, papi, TZ, {
  type: 'report.submitted', id: eventIds.submitted(42, 2), at: '2021-05-16T02:00:00.000Z',
  extra: { submittedAt: '2021-05-16T02:00:00.000Z', onTime: false, version: 2 },
});
const returned = reportEvent(phuong15, sixMonths, papi, TZ, {
  type: 'report.returned', id: eventIds.reviewed('return', 42, 1), at: '2021-05-13T01:00:00.000Z',
  extra: { reason: 'Thiếu số buổi tiếp công dân của Chủ tịch UBND phường', version: 1 },
});
const accepted = reportEvent(phuong15, sixMonths, papi, TZ, {
  type: 'report.accepted', id: eventIds.reviewed('accept', 42, 2), at: '2021-05-17T02:00:00.000Z', extra: { version: 2 },
});
const activated = planActivatedEvent({ id: 'pl_papi', number: 'KH-PAPI/Q10', title: papi.title, issuer: '771', issuerPath: '/79/771/' }, 36, '2020-09-01T02:00:00.000Z');
const ping = pingEvent({ id: 'wh_1', unit: '771' }, '2021-05-10T01:00:00.000Z');
const phuong13 = { ...phuong15, id: 43, unit_code: '27166', unit_name: 'Phường 13', unit_path: '/79/771/27166/' };
const dueSoon13 = reminderEvent(phuong13, sixMonths, papi, TZ, { kind: 'before', days: 1, round: 0, at: at(-9 * HOUR), escalateTo: [] });
const digest = digestEvent({ id: 'wh_1', unit: '771' }, [dueSoon, overdue, dueSoon13], TZ, at(-9 * HOUR));

const text = (e: NewEvent) => eventText(e.type, e.data, TZ, e.occurredAt);

describe('eventIds are stable, so a retry or an overlapping cron never makes a second event', () => {
  it.each([
    ['a reminder', () => eventIds.reminder('before', 42, 7, 0)],
    ['a repeated reminder', () => eventIds.reminder('after', 42, 1, 2)],
    ['a submission', () => eventIds.submitted(42, 3)],
    ['a return', () => eventIds.reviewed('return', 42, 3)],
    ['an activation', () => eventIds.activated('pl_papi')],
    ['a ping', () => eventIds.ping('wh_1', '2021-05-10T01:00:00.000Z')],
    ['a digest', () => eventIds.digest('wh_1', '2021-05-10T01:00:00.000Z')],
  ])('%s: the same input gives the same id', (_, id) => {
    expect(id()).toBe(id());
  });

  it('tells apart what differs', () => {
    const ids = [
      eventIds.reminder('before', 42, 7, 0),
      eventIds.reminder('before', 42, 1, 0),
      eventIds.reminder('after', 42, 1, 0),
      eventIds.reminder('after', 42, 1, 1),
      eventIds.reminder('before', 43, 7, 0),
      eventIds.submitted(42, 1),
      eventIds.submitted(42, 2),
      eventIds.reviewed('return', 42, 1),
      eventIds.reviewed('accept', 42, 1),
      eventIds.ping('wh_1', '2021-05-10T01:00:00.000Z'),
      eventIds.ping('wh_1', '2021-05-10T01:00:01.000Z'),
      eventIds.digest('wh_1', '2021-05-10T01:00:00.000Z'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names an instant by the instant, however it is written', () => {
    expect(eventIds.ping('wh_1', '2021-05-10T08:00:00+07:00')).toBe(eventIds.ping('wh_1', '2021-05-10T01:00:00.000Z'));
  });
});

describe('reminderEvent', () => {
  it('a due-soon reminder concerns the ward alone', () => {
    expect(dueSoon).toMatchObject({ type: 'obligation.due_soon', unit: '27163', anchors: ['/79/771/27163/'], id: eventIds.reminder('before', 42, 1, 0) });
  });

  it('an overdue one also reaches the units the report goes to', () => {
    expect(overdue).toMatchObject({ type: 'obligation.overdue', unit: '27163', id: eventIds.reminder('after', 42, 1, 0) });
    expect(overdue.anchors).toEqual(['/79/771/27163/', '/79/771/']);
  });

  it('carries the obligation with its period label and deadline in words', () => {
    expect(dueSoon.data).toMatchObject({
      obligation: { id: '42', period: '2021S1', periodLabel: '6 tháng đầu năm 2021', deadline: 'chậm nhất 23:59 ngày 14/05/2021' },
      unit: { code: '27163', name: 'Phường 15', parentName: 'Quận 10' },
      schedule: { code: '6T', name: 'Báo cáo 6 tháng' },
      plan: { id: 'pl_papi', number: 'KH-PAPI/Q10' },
      days: 1,
    });
  });

  it('names an unnamed schedule as people do', () => {
    const data = obligationEventData(phuong15, { periodType: 'quarter' }, papi, TZ);
    expect(data.schedule.name).toBe('Báo cáo quý');
  });
});

describe('eventText reads like an official’s message', () => {
  it('due soon: who, what, the deadline and the time left counted from when it happened', () => {
    expect(text(dueSoon)).toBe(
      'Nhắc hạn: Phường 15 (Quận 10) cần nộp Báo cáo 6 tháng — 6 tháng đầu năm 2021 theo Kế hoạch số KH-PAPI/Q10. '
      + 'Hạn nộp: chậm nhất 23:59 ngày 14/05/2021 (còn 9 giờ).',
    );
  });

  it('overdue: how long ago the deadline passed', () => {
    expect(text(overdue)).toMatch(/^Quá hạn: Phường 15 \(Quận 10\) chưa nộp Báo cáo 6 tháng — 6 tháng đầu năm 2021/);
    expect(text(overdue)).toContain('chậm nhất 23:59 ngày 14/05/2021 (đã quá hạn 2 ngày)');
  });

  it('submitted: when, and whether on time', () => {
    expect(text(submitted)).toContain('Phường 15 (Quận 10) đã nộp Báo cáo 6 tháng — 6 tháng đầu năm 2021 lúc 10:30 ngày 12/05/2021');
    expect(text(submitted)).toContain('đúng hạn');
    expect(text(submittedLate)).toContain('lúc 09:00 ngày 16/05/2021');
    expect(text(submittedLate)).toContain('trễ hạn');
    expect(text(submittedLate)).not.toContain('đúng hạn');
  });

  it('returned: with the reason', () => {
    expect(text(returned)).toContain('bị trả lại');
    expect(text(returned)).toContain('Lý do: Thiếu số buổi tiếp công dân của Chủ tịch UBND phường');
  });

  it('accepted', () => {
    expect(text(accepted)).toBe('Báo cáo 6 tháng — 6 tháng đầu năm 2021 của Phường 15 (Quận 10) đã được tiếp nhận.');
  });

  it('plan.activated: the plan and how many reports it asks for', () => {
    expect(text(activated)).toContain('Kế hoạch số KH-PAPI/Q10');
    expect(text(activated)).toContain(papi.title);
    expect(text(activated)).toContain('36 kỳ báo cáo');
  });

  it('digest: a count of overdue and due-soon reports, then one line each', () => {
    const lines = text(digest).split('\n');
    expect(lines[0]).toBe('Nhắc việc: 1 báo cáo quá hạn, 2 báo cáo sắp đến hạn');
    expect(lines.slice(1)).toEqual([`• ${text(dueSoon)}`, `• ${text(overdue)}`, `• ${text(dueSoon13)}`]);
  });

  it('ping', () => {
    expect(text(ping)).toContain('thành công');
  });

  const all: [string, NewEvent][] = [
    ['due soon', dueSoon], ['overdue', overdue], ['submitted', submitted], ['submitted late', submittedLate], ['returned', returned],
    ['accepted', accepted], ['plan.activated', activated], ['digest', digest], ['ping', ping],
  ];

  it.each(all)('%s carries no period code, only the year inside the label', (_, e) => {
    const matches = [...text(e).matchAll(/\b\d{4}(Q[1-4]|S[12]|N9|\d{2})?\b/g)];
    for (const m of matches) expect(m[0]).toMatch(/^20\d{2}$/);
    expect(text(e)).not.toContain('2021S1');
  });

  it.each(all)('%s is in Vietnamese, with no English words', (_, e) => {
    expect(text(e)).not.toMatch(/\b(report|reports|due|overdue|submitted|returned|accepted|deadline|plan|period|unit|reason|left|ago)\b/i);
    expect(text(e)).not.toMatch(/\b(undefined|null|NaN|true|false)\b/);
  });
});
