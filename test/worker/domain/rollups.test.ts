/**
 * Roll-ups (DESIGN §3, §13): Quận 10 adds up its wards' reports. Rates are Σnumerator/Σdenominator at every level,
 * never a mean of the wards' percentages; counts are summed (or as the schedule chooses); children come in the order
 * people count them.
 */
import { describe, expect, it } from 'vitest';
import type { Indicator, RollupNode } from '../../../schemas';
import { aggregateValue, aggregationOf, assembleRollup, mergeTotals, type GroupTotals, type ValueTotals } from '../../../worker/src/domain/rollups';

const EMPTY: ValueTotals = { n: 0, total: null, min: null, max: null, num: null, den: null, meeting: null, na: 0, outliers: 0 };
const totals = (v: Partial<ValueTotals>): ValueTotals => ({ ...EMPTY, ...v });
/** One ward's answer, as the roll-up queries total it. */
const count = (x: number, meets?: boolean) => totals({ n: 1, total: x, min: x, max: x, meeting: meets === undefined ? null : meets ? 1 : 0 });
const rate = (num: number, den: number, meets?: boolean) => totals({ n: 1, num, den, meeting: meets === undefined ? null : meets ? 1 : 0 });
const group = (values: Record<string, ValueTotals>, completeness: Partial<Omit<GroupTotals, 'values'>> = {}): GroupTotals => ({
  expected: 1, submitted: 1, onTime: 1, returned: 0, missing: [], ...completeness, values: new Map(Object.entries(values)),
});

const ON_TIME: Indicator = { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>', value: 95 } };
const CLASSES: Indicator = { code: 'LOP_TAP_HUAN', name: 'Số lớp tập huấn', kind: 'count', unit: 'lớp', target: { op: '>=', value: 2 } };
const LETTERS: Indicator = { code: 'THU_XIN_LOI', name: 'Số Thư xin lỗi đã gửi', kind: 'count' };
const POOR_LIST: Indicator = { code: 'CONG_KHAI_HO_NGHEO', name: 'Đã công khai danh sách hộ nghèo', kind: 'boolean', target: { op: '=', value: 1 } };
const DIFFICULTIES: Indicator = { code: 'KHO_KHAN', name: 'Khó khăn, vướng mắc', kind: 'text' };
const STAFF_PER_DESK: Indicator = { code: 'CBCC_MOI_QUAY', name: 'Cán bộ trên một quầy', kind: 'ratio' };

const QUAN_10 = { code: '771', name: 'Quận 10' };
/** Quận 10's wards: their codes do not run in the order of their names. */
const NAMES = new Map([['27163', 'Phường 15'], ['27178', 'Phường 10'], ['27184', 'Phường 1'], ['27190', 'Phường 2'], ['27166', 'Phường 13']]);

const rollup = (indicators: Indicator[], groups: Record<string, GroupTotals>, texts: { unit: string; indicator: string; text: string }[] = [], aggregation?: Record<string, 'sum' | 'avg' | 'min' | 'max'>) =>
  assembleRollup(QUAN_10, '2021Q1', { indicators, aggregation }, new Map(Object.entries(groups)), NAMES, texts);
const indicatorOf = (node: RollupNode, code: string) => node.indicators.find((i) => i.code === code)!;

describe('mergeTotals', () => {
  it('sums the counts, takes the least minimum and the greatest maximum', () => {
    const merged = mergeTotals([
      group({ [LETTERS.code]: totals({ n: 2, total: 7, min: 3, max: 4, na: 1, outliers: 1, meeting: 1 }) }, { expected: 3, submitted: 2, onTime: 1, returned: 1, missing: ['27190'] }),
      group({ [LETTERS.code]: totals({ n: 3, total: 10, min: 1, max: 6, na: 0, outliers: 2, meeting: 2 }) }, { expected: 4, submitted: 3, onTime: 3, returned: 0, missing: ['27163'] }),
    ]);
    expect(merged).toMatchObject({ expected: 7, submitted: 5, onTime: 4, returned: 1 });
    expect(merged.values.get(LETTERS.code)).toEqual({ n: 5, total: 17, min: 1, max: 6, num: null, den: null, meeting: 3, na: 1, outliers: 3 });
  });

  it('sums numerators and denominators', () => {
    const merged = mergeTotals([group({ [ON_TIME.code]: rate(10, 10) }), group({ [ON_TIME.code]: rate(90, 100) })]);
    expect(merged.values.get(ON_TIME.code)).toMatchObject({ n: 2, num: 100, den: 110 });
  });

  it('sorts the missing units', () => {
    const merged = mergeTotals([group({}, { missing: ['27190', '27163'] }), group({}, { missing: ['27178'] })]);
    expect(merged.missing).toEqual(['27163', '27178', '27190']);
  });

  it('a part with no data leaves the other part as it is', () => {
    const merged = mergeTotals([
      group({ [LETTERS.code]: totals({ na: 1 }) }),
      group({ [LETTERS.code]: count(4) }),
      group({}),
    ]);
    expect(merged.values.get(LETTERS.code)).toEqual({ ...count(4), na: 1 });
  });

  it('does not change the groups it merges', () => {
    const a = group({ [LETTERS.code]: count(4) });
    mergeTotals([a, group({ [LETTERS.code]: count(5) })]);
    expect(a.values.get(LETTERS.code)).toEqual(count(4));
  });

  it('of no groups is nothing', () => {
    expect(mergeTotals([])).toEqual({ expected: 0, submitted: 0, onTime: 0, returned: 0, missing: [], values: new Map() });
  });
});

describe('aggregationOf', () => {
  it.each([
    ['count', undefined, 'sum'],
    ['count', { X: 'max' }, 'max'],
    ['number', { X: 'avg' }, 'avg'],
    ['number', { OTHER: 'min' }, 'sum'],
    ['percent', { X: 'sum' }, 'ratio'],
    ['ratio', undefined, 'ratio'],
    ['boolean', undefined, 'share'],
    ['text', undefined, 'list'],
  ] as const)('a %s indicator with %j combines by %s', (kind, chosen, aggregation) => {
    expect(aggregationOf({ code: 'X', kind }, chosen)).toBe(aggregation);
  });
});

describe('aggregateValue', () => {
  const five = totals({ n: 4, total: 20, min: 2, max: 9 });

  it.each([
    ['sum', 20],
    ['avg', 5], // Σ / n
    ['min', 2],
    ['max', 9],
  ] as const)('%s of four wards\' counts is %d', (aggregation, value) => {
    expect(aggregateValue('count', aggregation, five)).toEqual({ value, numerator: null, denominator: null });
  });

  it('a percent is Σn/Σd × 100', () => {
    expect(aggregateValue('percent', 'ratio', totals({ n: 2, num: 100, den: 110 }))).toEqual({ numerator: 100, denominator: 110, value: (100 / 110) * 100 });
  });

  it('a ratio is Σn/Σd', () => {
    expect(aggregateValue('ratio', 'ratio', totals({ n: 2, num: 3, den: 12 }))).toEqual({ numerator: 3, denominator: 12, value: 0.25 });
  });

  it('a yes/no is the units answering yes over the units reporting', () => {
    expect(aggregateValue('boolean', 'share', totals({ n: 11, total: 9 }))).toEqual({ numerator: 9, denominator: 11, value: 9 });
  });

  it('is no data when no unit reported', () => {
    const none = { value: null, numerator: null, denominator: null };
    expect(aggregateValue('count', 'sum', undefined)).toEqual(none);
    expect(aggregateValue('count', 'sum', totals({ na: 3 }))).toEqual(none);
    expect(aggregateValue('percent', 'ratio', totals({ n: 0 }))).toEqual(none);
  });

  it('a rate over no files is no value, never a division by zero', () => {
    expect(aggregateValue('percent', 'ratio', totals({ n: 1, num: 0, den: 0 })).value).toBeNull();
  });
});

describe('assembleRollup: Quận 10, Quý I/2021', () => {
  // Phường 1: 10 of 10 files on time (100 %); Phường 2: 90 of 100 (90 %)
  const r = rollup([ON_TIME, CLASSES], {
    27184: group({ [ON_TIME.code]: rate(10, 10, true), [CLASSES.code]: count(3, true) }),
    27190: group({ [ON_TIME.code]: rate(90, 100, false), [CLASSES.code]: count(1, false) }),
  });

  it('rolls 10/10 and 90/100 up to 100/110 = 90.909 %, never the mean 95 %', () => {
    const onTime = indicatorOf(r, ON_TIME.code);
    expect(onTime).toMatchObject({ aggregation: 'ratio', numerator: 100, denominator: 110, unitsReporting: 2 });
    expect(onTime.value).toBeCloseTo(90.909, 3);
  });

  it('a rate meets its target (> 95 %) or not at every level', () => {
    expect(indicatorOf(r, ON_TIME.code)).toMatchObject({ met: false, unitsMeetingTarget: 1 });
    const [phuong1, phuong2] = r.children!;
    expect(indicatorOf(phuong1!, ON_TIME.code)).toMatchObject({ value: 100, met: true });
    expect(indicatorOf(phuong2!, ON_TIME.code)).toMatchObject({ value: 90, met: false });
  });

  it('a rate can be met above although a ward misses it', () => {
    const high = rollup([ON_TIME], { 27184: group({ [ON_TIME.code]: rate(200, 200, true) }), 27190: group({ [ON_TIME.code]: rate(9, 10, false) }) });
    expect(indicatorOf(high, ON_TIME.code).met).toBe(true);
  });

  it('a count target (≥ 2 lớp per ward) is met only when every reporting ward meets it, whatever the sum', () => {
    expect(indicatorOf(r, CLASSES.code)).toMatchObject({ value: 4, met: false, unitsMeetingTarget: 1 });
    const all = rollup([CLASSES], { 27184: group({ [CLASSES.code]: count(3, true) }), 27190: group({ [CLASSES.code]: count(2, true) }) });
    expect(indicatorOf(all, CLASSES.code)).toMatchObject({ value: 5, met: true, unitsMeetingTarget: 2 });
  });

  it('a yes/no target likewise', () => {
    const poor = rollup([POOR_LIST], {
      27184: group({ [POOR_LIST.code]: totals({ n: 1, total: 1, min: 1, max: 1, meeting: 1 }) }),
      27190: group({ [POOR_LIST.code]: totals({ n: 1, total: 0, min: 0, max: 0, meeting: 0 }) }),
    });
    expect(indicatorOf(poor, POOR_LIST.code)).toMatchObject({ aggregation: 'share', value: 1, numerator: 1, denominator: 2, met: false, unitsMeetingTarget: 1 });
  });

  it('has no verdict without data, and none without a target', () => {
    const empty = rollup([ON_TIME, LETTERS], { 27184: group({}) });
    expect(indicatorOf(empty, ON_TIME.code)).toMatchObject({ value: null, met: null, unitsReporting: 0, unitsMeetingTarget: 0 });
    const letters = rollup([LETTERS], { 27184: group({ [LETTERS.code]: count(4) }) });
    expect(indicatorOf(letters, LETTERS.code)).toMatchObject({ value: 4, target: null, met: null, unitsMeetingTarget: null });
  });

  it('counts the units that answered "not applicable", and the flagged values', () => {
    const na = rollup([ON_TIME], {
      27184: group({ [ON_TIME.code]: totals({ n: 1, num: 10, den: 10, meeting: 1, outliers: 1 }) }),
      27190: group({ [ON_TIME.code]: totals({ na: 1 }) }),
      27163: group({ [ON_TIME.code]: totals({ na: 1 }) }),
    });
    expect(indicatorOf(na, ON_TIME.code)).toMatchObject({ unitsReporting: 1, unitsNotApplicable: 2, outliers: 1, value: 100 });
    const phuong2 = na.children!.find((c) => c.unit === '27190')!;
    expect(indicatorOf(phuong2, ON_TIME.code)).toMatchObject({ value: null, unitsReporting: 0, unitsNotApplicable: 1, met: null });
  });

  it('uses the aggregation the schedule chose for a count', () => {
    const avg = rollup([LETTERS], { 27184: group({ [LETTERS.code]: count(2) }), 27190: group({ [LETTERS.code]: count(6) }) }, [], { [LETTERS.code]: 'avg' });
    expect(indicatorOf(avg, LETTERS.code)).toMatchObject({ aggregation: 'avg', value: 4 });
  });

  it('sums its own obligations into the total, but gives them no row', () => {
    const own = rollup([LETTERS], { '': group({ [LETTERS.code]: count(5) }), 27184: group({ [LETTERS.code]: count(2) }) });
    expect(indicatorOf(own, LETTERS.code).value).toBe(7);
    expect(own.completeness.expected).toBe(2);
    expect(own.children!.map((c) => c.unit)).toEqual(['27184']);
  });

  it('keeps the completeness of each ward, late = submitted − on time', () => {
    const c = rollup([LETTERS], {
      27184: group({}, { expected: 1, submitted: 1, onTime: 0, returned: 0, missing: [] }),
      27190: group({}, { expected: 1, submitted: 0, onTime: 0, returned: 1, missing: ['27190'] }),
    });
    expect(c.completeness).toEqual({ expected: 2, submitted: 1, onTime: 0, late: 1, returned: 1, missing: ['27190'] });
    expect(c.children!.find((x) => x.unit === '27190')!.completeness.missing).toEqual(['27190']);
  });

  it('labels the period as people say it', () => {
    expect(r).toMatchObject({ unit: '771', name: 'Quận 10', period: '2021Q1', periodLabel: 'Quý I/2021' });
    expect(r.children!.every((c) => c.periodLabel === 'Quý I/2021')).toBe(true);
  });

  it('orders the wards as people count them — Phường 1, 2, 10, 13, 15 — by name, never by code', () => {
    const wards = rollup([LETTERS], {
      27163: group({}), 27166: group({}), 27178: group({}), 27184: group({}), 27190: group({}),
    });
    expect(wards.children!.map((c) => c.name)).toEqual(['Phường 1', 'Phường 2', 'Phường 10', 'Phường 13', 'Phường 15']);
  });

  it('names a child it has no name for by its code', () => {
    const unknown = rollup([LETTERS], { '771-NV': group({}) });
    expect(unknown.children![0]!.name).toBe('771-NV');
  });

  it('lists the texts of a text indicator at the top, and only those of that indicator', () => {
    const t = rollup([DIFFICULTIES, STAFF_PER_DESK], { 27184: group({}), 27163: group({}) }, [
      { unit: '27184', indicator: DIFFICULTIES.code, text: 'Thiếu cán bộ một cửa' },
      { unit: '27163', indicator: DIFFICULTIES.code, text: 'Đường truyền mạng chậm' },
      { unit: '27163', indicator: 'OTHER', text: 'không thuộc chỉ tiêu này' },
    ]);
    expect(indicatorOf(t, DIFFICULTIES.code)).toMatchObject({
      aggregation: 'list',
      texts: [{ unit: '27184', text: 'Thiếu cán bộ một cửa' }, { unit: '27163', text: 'Đường truyền mạng chậm' }],
    });
    expect(indicatorOf(t, STAFF_PER_DESK.code)).not.toHaveProperty('texts');
  });

  it('a text indicator has no target verdict', () => {
    const t = rollup([{ ...DIFFICULTIES, target: { op: '=', value: 1 } }], { 27184: group({ [DIFFICULTIES.code]: totals({ n: 1 }) }) });
    expect(indicatorOf(t, DIFFICULTIES.code).unitsMeetingTarget).toBeNull();
  });
});
