/**
 * The words a person reads (DESIGN §9): period labels, numbers, dates, deadlines, time left, statuses and the order
 * of units, as a Vietnamese official writes them.
 */
import { describe, expect, it } from 'vitest';
import {
  byUnitName,
  compareUnitNames,
  dueRuleLabel,
  formatDate,
  formatDateTime,
  formatDeadline,
  remindersLabel,
  formatNumber,
  formatPercent,
  periodLabel,
  periodPhrase,
  scheduleLabel,
  STATUS_LABEL,
  targetLabel,
  timeLeft,
} from '../../../schemas/labels';
import { OBLIGATION_STATUSES } from '../../../schemas/plans';
import { REPORT_STATUSES } from '../../../schemas/reports';

const TZ = 'Asia/Ho_Chi_Minh';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('periodLabel: the period as people say it, never its code', () => {
  it.each([
    ['2026Q1', 'Quý I/2026'],
    ['2026Q2', 'Quý II/2026'],
    ['2026Q3', 'Quý III/2026'],
    ['2026Q4', 'Quý IV/2026'],
    ['2026S1', '6 tháng đầu năm 2026'],
    ['2026S2', '6 tháng cuối năm 2026'],
    ['2026N9', '9 tháng đầu năm 2026'],
    ['2026', 'Năm 2026'],
    ['202601', 'Tháng 1/2026'],
    ['202605', 'Tháng 5/2026'],
    ['202612', 'Tháng 12/2026'],
    ['ONCE', 'Một lần'],
  ])('%s → %s', (code, label) => {
    expect(periodLabel(code)).toBe(label);
  });
});

describe('periodPhrase: a period inside a sentence of a report', () => {
  it('lower-cases only the first letter, keeps the Roman numeral, and names no period for a one-off report', () => {
    expect(periodPhrase('2025Q3')).toBe('trong quý III/2025');
    expect(periodPhrase('2026S1')).toBe('trong 6 tháng đầu năm 2026');
    expect(periodPhrase('2026')).toBe('trong năm 2026');
    expect(periodPhrase('202605')).toBe('trong tháng 5/2026');
    expect(periodPhrase('ONCE')).toBe('');
  });
});

describe('remindersLabel: when the units are reminded, as the preview of activation says it', () => {
  it('names the days before the deadline (farthest first) and after it (nearest first)', () => {
    expect(remindersLabel({ before: [1, 7], after: [7, 1] })).toBe('nhắc trước hạn 7 ngày và 1 ngày; khi quá hạn, nhắc sau 1 ngày và 7 ngày');
    expect(remindersLabel({ before: [14, 7, 3] })).toBe('nhắc trước hạn 14 ngày, 7 ngày và 3 ngày');
    expect(remindersLabel({ after: [1] })).toBe('khi quá hạn, nhắc sau 1 ngày');
  });
  it('says a reminder on the day itself in words, counts a repeated day once, and says when there are none', () => {
    expect(remindersLabel({ before: [3, 0, 3] })).toBe('nhắc trước hạn 3 ngày và vào ngày đến hạn');
    expect(remindersLabel({ before: [0] })).toBe('nhắc vào ngày đến hạn');
    expect(remindersLabel({ before: [], after: [] })).toBe('không nhắc việc');
    expect(remindersLabel(undefined)).toBe('không nhắc việc');
  });
});

describe('scheduleLabel', () => {
  it('uses the name the plan gives the schedule', () => {
    expect(scheduleLabel({ name: 'Báo cáo kết quả thực hiện năm', periodType: 'year' })).toBe('Báo cáo kết quả thực hiện năm');
  });

  it.each([
    ['month', 'Báo cáo tháng'],
    ['quarter', 'Báo cáo quý'],
    ['half', 'Báo cáo 6 tháng'],
    ['nine_months', 'Báo cáo 9 tháng'],
    ['year', 'Báo cáo năm'],
    ['once', 'Báo cáo (một lần)'],
  ])('an unnamed %s schedule reads "%s"', (periodType, label) => {
    expect(scheduleLabel({ periodType })).toBe(label);
    expect(scheduleLabel({ name: null, periodType })).toBe(label);
  });
});

describe('formatNumber: "." groups thousands, "," marks decimals', () => {
  it.each([
    [1234, '1.234'],
    [1234567.891, '1.234.567,89'],
    [95.8, '95,8'],
    [0, '0'],
    [100, '100'],
    [999, '999'],
    [1000, '1.000'],
    [-1234.5, '-1.234,5'],
    [-0.5, '-0,5'],
    [-0.001, '0'], // rounds to zero: no "-0"
    [2.5, '2,5'],
    [12.3456, '12,35'],
  ])('%d → %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  it('keeps more decimals when asked', () => {
    expect(formatNumber(0.12345, 4)).toBe('0,1235');
  });
});

describe('formatPercent', () => {
  it.each([
    [95.83, '95,8 %'],
    [100, '100 %'],
    [0, '0 %'],
    [90.909, '90,9 %'],
  ])('%d → %s', (x, text) => {
    expect(formatPercent(x)).toBe(text);
  });
});

describe('dates and times in Asia/Ho_Chi_Minh', () => {
  it('writes a date day first', () => {
    expect(formatDate('2026-06-14')).toBe('14/06/2026');
    expect(formatDate('2021-01-05')).toBe('05/01/2021');
  });

  it.each([
    ['2026-06-14T16:59:00Z', '23:59 ngày 14/06/2026'],
    ['2021-05-12T03:30:00Z', '10:30 ngày 12/05/2021'],
    ['2026-12-31T17:30:00Z', '00:30 ngày 01/01/2027'], // already the new year in Việt Nam
    ['2026-12-31T16:59:00Z', '23:59 ngày 31/12/2026'],
    ['2025-12-31T17:00:00Z', '00:00 ngày 01/01/2026'],
  ])('formatDateTime(%s) → %s', (iso, text) => {
    expect(formatDateTime(iso, TZ)).toBe(text);
    expect(formatDateTime(new Date(iso), TZ)).toBe(text);
  });
});

describe('formatDeadline: the last allowed moment', () => {
  it.each([
    // "trước ngày 15/5": due at local midnight of the 15th, so the 14th is the last day
    ['2021-05-14T17:00:00Z', 'chậm nhất 23:59 ngày 14/05/2021'],
    ['2026-06-14T17:00:00Z', 'chậm nhất 23:59 ngày 14/06/2026'],
    // midnight at the turn of a year names the 31 December before
    ['2026-12-31T17:00:00Z', 'chậm nhất 23:59 ngày 31/12/2026'],
    // midnight at the turn of a month
    ['2021-02-28T17:00:00Z', 'chậm nhất 23:59 ngày 28/02/2021'],
  ])('a due instant at local midnight, %s, reads "%s"', (due, text) => {
    expect(formatDeadline(due, TZ)).toBe(text);
  });

  it.each([
    ['2021-05-15T03:30:00Z', 'trước 10:30 ngày 15/05/2021'],
    ['2021-05-14T17:01:00Z', 'trước 00:01 ngày 15/05/2021'],
  ])('any other instant, %s, reads "%s"', (due, text) => {
    expect(formatDeadline(due, TZ)).toBe(text);
  });
});

describe('timeLeft: counted honestly', () => {
  const due = new Date('2021-05-14T17:00:00Z');
  const before = (ms: number) => new Date(due.getTime() - ms);

  it.each([
    ['9 h 20 min left', 9 * HOUR + 20 * MINUTE, 'còn 9 giờ'],
    ['23 h 59 min left', 23 * HOUR + 59 * MINUTE, 'còn 23 giờ'],
    ['1 day 6 h left', DAY + 6 * HOUR, 'còn 1 ngày 6 giờ'],
    ['exactly 2 days left', 2 * DAY, 'còn 2 ngày'],
    ['5 days left', 5 * DAY, 'còn 5 ngày'],
    ['5 days 7 h left (hours no longer matter)', 5 * DAY + 7 * HOUR, 'còn 5 ngày'],
    ['30 min left', 30 * MINUTE, 'còn 30 phút'],
    ['20 s left', 20_000, 'còn 1 phút'],
  ])('%s → %s', (_, ms, text) => {
    expect(timeLeft(due, before(ms))).toBe(text);
    expect(timeLeft(due.toISOString(), before(ms))).toBe(text);
  });

  it('never rounds 9 hours up to a day', () => {
    expect(timeLeft(due, before(9 * HOUR + 20 * MINUTE))).not.toContain('ngày');
  });

  it.each([
    [2 * DAY, 'đã quá hạn 2 ngày'],
    [2 * DAY + 3 * HOUR, 'đã quá hạn 2 ngày 3 giờ'],
    [5 * HOUR, 'đã quá hạn 5 giờ'],
    [10 * MINUTE, 'đã quá hạn 10 phút'],
    [59 * DAY, 'đã quá hạn 59 ngày'],
    [75 * DAY, 'đã quá hạn hơn 2 tháng'],
    [2026 * DAY, 'đã quá hạn hơn 5 năm'], // never "2026 ngày", which reads like a year
  ])('%d ms after the deadline → %s', (ms, text) => {
    expect(timeLeft(due, new Date(due.getTime() + ms))).toBe(text);
  });
});

describe('dueRuleLabel', () => {
  it.each([
    ['fixed date, "trước"', { rule: 'fixedDate', month: 5, day: 15, before: true }, 'trước ngày 15/5 hằng năm'],
    ['fixed date, before left out', { rule: 'fixedDate', month: 5, day: 15 }, 'trước ngày 15/5 hằng năm'],
    ['fixed date, "chậm nhất"', { rule: 'fixedDate', month: 11, day: 25, before: false }, 'chậm nhất ngày 25/11 hằng năm'],
    ['fixed date in the next year', { rule: 'fixedDate', month: 1, day: 15, yearOffset: 1 }, 'trước ngày 15/1 năm sau'],
    ['a day of the last month', { rule: 'dayOfLastMonth', day: 20, before: false }, 'chậm nhất ngày 20 của tháng cuối kỳ'],
    ['days after the period', { rule: 'afterPeriodEnd', days: 15 }, 'trong vòng 15 ngày sau khi hết kỳ'],
    ['days after the period, "chậm nhất"', { rule: 'afterPeriodEnd', days: 5, before: false }, 'chậm nhất 5 ngày sau khi hết kỳ'],
    ['a one-off date', { rule: 'date', date: '2021-03-31', before: false }, 'chậm nhất ngày 31/03/2021'],
    ['a one-off date, "trước"', { rule: 'date', date: '2021-02-01' }, 'trước ngày 01/02/2021'],
  ])('%s → %s', (_, rule, text) => {
    expect(dueRuleLabel(rule)).toBe(text);
  });
});

describe('targetLabel', () => {
  it.each([
    [{ op: '>', value: 95 }, 'percent', undefined, 'trên 95 %'],
    [{ op: '>=', value: 98 }, 'percent', 'hồ sơ', 'từ 98 % trở lên'],
    [{ op: '=', value: 100 }, 'percent', undefined, 'đạt 100 %'],
    [{ op: '>=', value: 2 }, 'count', 'lớp', 'từ 2 lớp trở lên'],
    [{ op: '<=', value: 0.5 }, 'ratio', undefined, 'không quá 0,5'],
    [{ op: '<', value: 3 }, 'count', 'đơn', 'dưới 3 đơn'],
    [{ op: '=', value: 1 }, 'boolean', undefined, 'Có'],
    [{ op: '=', value: 0 }, 'boolean', undefined, 'Không'],
  ])('%j of a %s (%s) → %s', (target, kind, unit, text) => {
    expect(targetLabel(target, kind, unit)).toBe(text);
  });
});

describe('units in the order people count them', () => {
  it('Phường 1, 2, 10, 15: numbers compared as numbers', () => {
    const wards = ['Phường 15', 'Phường 10', 'Phường 2', 'Phường 1'];
    expect([...wards].sort(compareUnitNames)).toEqual(['Phường 1', 'Phường 2', 'Phường 10', 'Phường 15']);
  });

  it('sorts Ă after A, Â after Ă and Đ after D, as the Vietnamese alphabet does', () => {
    const communes = ['Xã Đông Hòa', 'Xã Âu Lâu', 'Xã Dương Hòa', 'Xã Ẳng Nưa', 'Xã Bình Minh', 'Xã An Phú', 'Xã Ea Kao'];
    expect([...communes].sort(compareUnitNames)).toEqual([
      'Xã An Phú', 'Xã Ẳng Nưa', 'Xã Âu Lâu', 'Xã Bình Minh', 'Xã Dương Hòa', 'Xã Đông Hòa', 'Xã Ea Kao',
    ]);
  });

  it('byUnitName sorts by name, not by code, and leaves its input alone', () => {
    const quan10 = [
      { code: '27163', name: 'Phường 15' },
      { code: '27178', name: 'Phường 10' },
      { code: '27184', name: 'Phường 1' },
      { code: '27190', name: 'Phường 2' },
    ];
    expect(byUnitName(quan10).map((u) => u.name)).toEqual(['Phường 1', 'Phường 2', 'Phường 10', 'Phường 15']);
    expect(quan10[0]!.code).toBe('27163');
  });
});

describe('STATUS_LABEL', () => {
  it.each([...new Set([...OBLIGATION_STATUSES, ...REPORT_STATUSES])])('names the status %s in Vietnamese', (status) => {
    const label = STATUS_LABEL[status];
    expect(label).toBeTruthy();
    expect(label).not.toBe(status);
  });

  it('gives every status its own words', () => {
    const labels = Object.values(STATUS_LABEL);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
