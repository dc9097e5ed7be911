import { describe, expect, it } from 'vitest';
import type { Indicator, ValidationRule } from '../../../schemas';
import { TASK_STATUSES } from '../../../schemas/limits';
import { checkReport as check, meetsTarget, type TaskInput, type ValueInput } from '../../../schemas/report-check';

/** The checks with their English messages, as the tests below state them (the Vietnamese is checked in report-check.test.ts). */
const checkReport = (...args: Parameters<typeof check>) => {
  const r = check(...args);
  return { ...r, problems: r.problems.map((p) => ({ path: p.path, message: p.message.en })) };
};

/** Seed 001: Phường Phú Hữu's administrative-reform plan (KH-TTCCHC/PPH), its targets as written. */
const phuHuu = {
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ giải quyết TTHC đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
    { code: 'TTHC_NHA_DAT', name: 'Tỷ lệ hồ sơ lĩnh vực nhà đất giải quyết đúng hạn', kind: 'percent', target: { op: '>=', value: 98 } },
    { code: 'TTHC_LINH_VUC_KHAC', name: 'Tỷ lệ hồ sơ các lĩnh vực còn lại giải quyết đúng hạn', kind: 'percent', target: { op: '=', value: 100 } },
    { code: 'HS_MOT_CUA_DIEN_TU', name: 'Tỷ lệ hồ sơ qua một cửa điện tử', kind: 'percent', target: { op: '=', value: 100 } },
    { code: 'BAI_PHAT_THANH', name: 'Số bài phát thanh', kind: 'count', required: false },
  ] satisfies Indicator[],
  tasks: [{ code: 'T1' }, { code: 'T2' }, { code: 'T3' }, { code: 'T4' }],
};

/**
 * Seed 004: Thị xã Duy Tiên's "Chính quyền thân thiện" plan (KH-CQTT/DT), plus a number and a ratio indicator
 * (no seed has one) so that every kind is covered.
 */
const duyTien = {
  indicators: [
    { code: 'PHIEU_KHAO_SAT', name: 'Số phiếu khảo sát', kind: 'count' },
    { code: 'DON_THU_TIEP_NHAN', name: 'Số đơn thư tiếp nhận', kind: 'count', required: false },
    { code: 'DON_THU_GIAI_QUYET', name: 'Số đơn thư đã giải quyết', kind: 'count', required: false },
    { code: 'TY_LE_HAI_LONG', name: 'Tỷ lệ hài lòng', kind: 'percent', required: false },
    { code: 'HOM_THU_GOP_Y', name: 'Có hòm thư góp ý', kind: 'boolean', target: { op: '=', value: 1 }, required: false },
    { code: 'KHO_KHAN', name: 'Khó khăn, vướng mắc', kind: 'text', required: false },
    { code: 'KINH_PHI', name: 'Kinh phí thực hiện', kind: 'number', unit: 'triệu đồng', required: false },
    { code: 'CBCC_MOI_QUAY', name: 'Cán bộ trên một quầy tiếp dân', kind: 'ratio', target: { op: '<=', value: 0.5 }, required: false },
  ] satisfies Indicator[],
  tasks: [{ code: 'T1' }, { code: 'T2' }],
  validationRules: [
    { left: 'DON_THU_GIAI_QUYET', op: '<=', right: 'DON_THU_TIEP_NHAN', message: 'Số đơn thư đã giải quyết không thể lớn hơn số đơn thư tiếp nhận' },
    { left: 'TY_LE_HAI_LONG', op: '>=', right: 'KINH_PHI' },
  ] satisfies ValidationRule[],
};

const draft = (plan: Parameters<typeof checkReport>[0], values: ValueInput[], tasks: TaskInput[] = []) => checkReport(plan, { values, tasks }, false);
const submit = (plan: Parameters<typeof checkReport>[0], values: ValueInput[], tasks: TaskInput[] = []) => checkReport(plan, { values, tasks }, true);
/** Loose input, as a client may send it: the checks must not trust the TypeScript types. */
const loose = (x: object) => x as Partial<ValueInput>;

describe("Phú Hữu's targets (seed 001)", () => {
  it.each([
    ['TTHC_DUNG_HAN', 'on time > 95 %', 96, 100, 96, 1],
    ['TTHC_DUNG_HAN', 'on time > 95 %', 95, 100, 95, 0],
    ['TTHC_NHA_DAT', 'land ≥ 98 %', 49, 50, 98, 1],
    ['TTHC_NHA_DAT', 'land ≥ 98 %', 48, 50, 96, 0],
    ['TTHC_LINH_VUC_KHAC', 'other fields = 100 %', 20, 20, 100, 1],
    ['TTHC_LINH_VUC_KHAC', 'other fields = 100 %', 19, 20, 95, 0],
    ['HS_MOT_CUA_DIEN_TU', 'one-stop shop = 100 %', 0, 7, 0, 0],
    ['HS_MOT_CUA_DIEN_TU', 'one-stop shop = 100 %', 7, 25, 28, 0],
  ])('%s (%s): %i of %i = %f %% → met %i', (indicator, _target, numerator, denominator, value, met) => {
    const r = draft(phuHuu, [{ indicator, numerator, denominator }]);
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual([{ indicator, kind: 'percent', value, numerator, denominator, text: null, note: null, na: 0, met }]);
  });

  it('computes a percent as 100·n/d, exactly as JS does', () => {
    const r = draft(phuHuu, [{ indicator: 'TTHC_DUNG_HAN', numerator: 2, denominator: 3 }]);
    expect(r.values[0]!.value).toBe((100 * 2) / 3);
    expect(r.values[0]!.met).toBe(0);
  });

  it('submits the whole report when every required rate is in', () => {
    const r = submit(
      phuHuu,
      [
        { indicator: 'TTHC_DUNG_HAN', numerator: 96, denominator: 100 },
        { indicator: 'TTHC_NHA_DAT', numerator: 49, denominator: 50 },
        { indicator: 'TTHC_LINH_VUC_KHAC', numerator: 20, denominator: 20 },
        { indicator: 'HS_MOT_CUA_DIEN_TU', numerator: 19, denominator: 20, note: 'một hồ sơ nộp trực tiếp' },
        { indicator: 'BAI_PHAT_THANH', value: 12 },
      ],
      [{ task: 'T2', status: 'done', result: 'Phát 12 bài trên loa phường', difficulties: null, proposals: '' }],
    );
    expect(r.problems).toEqual([]);
    expect(r.values.map((v) => [v.indicator, v.value, v.met, v.note])).toEqual([
      ['TTHC_DUNG_HAN', 96, 1, null],
      ['TTHC_NHA_DAT', 98, 1, null],
      ['TTHC_LINH_VUC_KHAC', 100, 1, null],
      ['HS_MOT_CUA_DIEN_TU', 95, 0, 'một hồ sơ nộp trực tiếp'],
      ['BAI_PHAT_THANH', 12, null, null],
    ]);
  });
});

describe('meetsTarget', () => {
  it.each([
    [96, '>', 95, true],
    [95, '>', 95, false],
    [95, '>=', 95, true],
    [94.99, '>=', 95, false],
    [100, '=', 100, true],
    [99.9, '=', 100, false],
    [15, '<=', 15, true],
    [15.01, '<=', 15, false],
    [14, '<', 15, true],
    [15, '<', 15, false],
    [0, '=', 0, true],
    [-3, '<', 0, true],
  ] as const)('%f %s %f → %s', (value, op, target, expected) => {
    expect(meetsTarget(value, { op, value: target })).toBe(expected);
  });

  it.each([
    ['=', true],
    ['>=', true],
    ['<=', true],
    ['>', false],
    ['<', false],
  ] as const)('treats values within 1e-9 as equal for %s', (op, expected) => {
    const hair = 0.1 + 0.2; // 0.30000000000000004
    expect(meetsTarget(hair, { op, value: 0.3 })).toBe(expected);
    expect(meetsTarget(100 + 5e-10, { op, value: 100 })).toBe(expected);
    expect(meetsTarget(100 - 5e-10, { op, value: 100 })).toBe(expected);
  });

  it('tells a real difference beyond the tolerance', () => {
    expect(meetsTarget(100 - 1e-8, { op: '=', value: 100 })).toBe(false);
    expect(meetsTarget(100 - 1e-8, { op: '<', value: 100 })).toBe(true);
  });

  it('says nothing without data or without a target', () => {
    expect(meetsTarget(null, { op: '>', value: 95 })).toBeNull();
    expect(meetsTarget(0, undefined)).toBeNull();
  });
});

describe('values by kind', () => {
  it.each<[string, ValueInput, { value: number | null; numerator?: number; denominator?: number; text?: string; met?: 0 | 1 | null }]>([
    ['count', { indicator: 'PHIEU_KHAO_SAT', value: 120 }, { value: 120 }],
    ['count zero', { indicator: 'PHIEU_KHAO_SAT', value: 0 }, { value: 0 }],
    ['number, negative and fractional', { indicator: 'KINH_PHI', value: -12.5 }, { value: -12.5 }],
    ['number zero', { indicator: 'KINH_PHI', value: 0 }, { value: 0 }],
    ['percent', { indicator: 'TY_LE_HAI_LONG', numerator: 45, denominator: 60 }, { value: 75, numerator: 45, denominator: 60 }],
    ['percent of fractional parts', { indicator: 'TY_LE_HAI_LONG', numerator: 1.5, denominator: 2 }, { value: 75, numerator: 1.5, denominator: 2 }],
    ['percent 0 of n', { indicator: 'TY_LE_HAI_LONG', numerator: 0, denominator: 60 }, { value: 0, numerator: 0, denominator: 60 }],
    ['ratio', { indicator: 'CBCC_MOI_QUAY', numerator: 3, denominator: 8 }, { value: 0.375, numerator: 3, denominator: 8, met: 1 }],
    ['ratio 1', { indicator: 'CBCC_MOI_QUAY', numerator: 8, denominator: 8 }, { value: 1, numerator: 8, denominator: 8, met: 0 }],
    ['boolean yes', { indicator: 'HOM_THU_GOP_Y', value: true }, { value: 1, met: 1 }],
    ['boolean no', { indicator: 'HOM_THU_GOP_Y', value: false }, { value: 0, met: 0 }],
    ['text', { indicator: 'KHO_KHAN', value: 'Thiếu kinh phí in tờ rơi' }, { value: null, text: 'Thiếu kinh phí in tờ rơi' }],
    ['text of 2,000 characters', { indicator: 'KHO_KHAN', value: 'x'.repeat(2000) }, { value: null, text: 'x'.repeat(2000) }],
  ])('accepts %s', (_what, input, expected) => {
    const r = draft(duyTien, [input]);
    expect(r.problems).toEqual([]);
    expect(r.values).toHaveLength(1);
    expect(r.values[0]).toEqual({
      indicator: input.indicator,
      kind: duyTien.indicators.find((i) => i.code === input.indicator)!.kind,
      numerator: null,
      denominator: null,
      text: null,
      note: null,
      na: 0,
      met: null,
      ...expected,
    });
  });

  it.each<[string, ValueInput, string, RegExp]>([
    ['a fractional count', { indicator: 'PHIEU_KHAO_SAT', value: 2.5 }, 'values[0].value', /^must be a whole number ≥ 0$/],
    ['a negative count', { indicator: 'PHIEU_KHAO_SAT', value: -1 }, 'values[0].value', /^must be a whole number ≥ 0$/],
    ['a count as a string', { indicator: 'PHIEU_KHAO_SAT', value: '3' }, 'values[0].value', /^must be a whole number ≥ 0$/],
    ['a count as true', { indicator: 'PHIEU_KHAO_SAT', value: true }, 'values[0].value', /^must be a whole number ≥ 0$/],
    ['a number as a string', { indicator: 'KINH_PHI', value: '12,5' }, 'values[0].value', /must be a number/],
    ['a number as true', { indicator: 'KINH_PHI', value: true }, 'values[0].value', /must be a number/],
    ['an infinite number', { indicator: 'KINH_PHI', value: Infinity }, 'values[0].value', /must be a number/],
    ['NaN', { indicator: 'KINH_PHI', value: NaN }, 'values[0].value', /must be a number/],
    ['a boolean as 1', { indicator: 'HOM_THU_GOP_Y', value: 1 }, 'values[0].value', /true or false/],
    ['a boolean as "true"', { indicator: 'HOM_THU_GOP_Y', value: 'true' }, 'values[0].value', /true or false/],
    ['text as a number', { indicator: 'KHO_KHAN', value: 7 }, 'values[0].value', /must be text/],
    ['text of 2,001 characters', { indicator: 'KHO_KHAN', value: 'x'.repeat(2001) }, 'values[0].value', /at most 2,000 characters \(this one has 2,001\)/],
    ['a percent given as value', { indicator: 'TY_LE_HAI_LONG', value: 96 }, 'values[0].value', /enter numerator and denominator.*e\.g\. 95 of 100 files/],
    ['a ratio given as value', { indicator: 'CBCC_MOI_QUAY', value: 0.4 }, 'values[0].value', /enter numerator and denominator/],
    ['a numerator above the denominator', { indicator: 'TY_LE_HAI_LONG', numerator: 11, denominator: 10 }, 'values[0].numerator', /between 0 and the denominator \(10\); it is 11/],
    ['a negative numerator', { indicator: 'TY_LE_HAI_LONG', numerator: -1, denominator: 10 }, 'values[0].numerator', /≥ 0/],
    ['a zero denominator', { indicator: 'TY_LE_HAI_LONG', numerator: 0, denominator: 0 }, 'values[0].denominator', /greater than 0/],
    ['a negative denominator', { indicator: 'CBCC_MOI_QUAY', numerator: 0, denominator: -4 }, 'values[0].denominator', /greater than 0/],
    ['an infinite denominator', { indicator: 'CBCC_MOI_QUAY', numerator: 1, denominator: Infinity }, 'values[0].denominator', /greater than 0/],
    ['a numerator without denominator', { indicator: 'TY_LE_HAI_LONG', numerator: 5 }, 'values[0].denominator', /denominator is missing/],
    ['a denominator without numerator', { indicator: 'CBCC_MOI_QUAY', numerator: null, denominator: 8 }, 'values[0].numerator', /numerator is missing/],
    ['a numerator as a string', { indicator: 'TY_LE_HAI_LONG', ...loose({ numerator: '5' }), denominator: 10 }, 'values[0].numerator', /must be a number/],
    ['a numerator on a count', { indicator: 'PHIEU_KHAO_SAT', numerator: 1 }, 'values[0].numerator', /enter it as value; numerator and denominator are only for percent and ratio/],
    ['a denominator on a text', { indicator: 'KHO_KHAN', value: 'ok', denominator: 2 }, 'values[0].denominator', /only for percent and ratio/],
    ['a numerator on a boolean', { indicator: 'HOM_THU_GOP_Y', value: true, numerator: 0 }, 'values[0].numerator', /only for percent and ratio/],
    ['a note of 1,001 characters', { indicator: 'PHIEU_KHAO_SAT', value: 3, note: 'n'.repeat(1001) }, 'values[0].note', /at most 1,000 characters/],
    ['a note that is not text', { indicator: 'PHIEU_KHAO_SAT', ...loose({ note: 5 }) }, 'values[0].note', /must be text/],
    ['an indicator of another plan', { indicator: 'TTHC_DUNG_HAN', numerator: 1, denominator: 1 }, 'values[0].indicator', /^unknown indicator TTHC_DUNG_HAN in this plan$/],
  ])('rejects %s', (_what, input, path, message) => {
    const r = draft(duyTien, [input]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe(path);
    expect(r.problems[0]!.message).toMatch(message);
    expect(r.values).toEqual([]);
  });

  it('accepts a note of 1,000 characters', () => {
    const r = draft(duyTien, [{ indicator: 'PHIEU_KHAO_SAT', value: 3, note: 'n'.repeat(1000) }]);
    expect(r.problems).toEqual([]);
    expect(r.values[0]!.note).toHaveLength(1000);
  });

  it('reports both halves of a rate when numerator and denominator are both wrong', () => {
    const r = draft(duyTien, [{ indicator: 'TY_LE_HAI_LONG', value: 80, numerator: -2, denominator: 0 }]);
    expect(r.problems.map((p) => p.path)).toEqual(['values[0].value', 'values[0].denominator', 'values[0].numerator']);
  });
});

describe('no data is not zero', () => {
  it.each<[string, ValueInput]>([
    ['a count left null', { indicator: 'PHIEU_KHAO_SAT', value: null }],
    ['a count left out', { indicator: 'PHIEU_KHAO_SAT' }],
    ['a count left blank', { indicator: 'PHIEU_KHAO_SAT', value: '' }],
    ['a number left null', { indicator: 'KINH_PHI', value: null }],
    ['a percent with neither half', { indicator: 'TY_LE_HAI_LONG', numerator: null, denominator: null }],
    ['a ratio left out', { indicator: 'CBCC_MOI_QUAY' }],
    ['a boolean left null', { indicator: 'HOM_THU_GOP_Y', value: null }],
    ['an empty text', { indicator: 'KHO_KHAN', value: '' }],
    ['an empty note', { indicator: 'KINH_PHI', note: '' }],
  ])('%s gives no row', (_what, input) => {
    expect(draft(duyTien, [input])).toEqual({ problems: [], values: [] });
  });

  it('keeps 0 as a value, and a note without data as a row of nulls', () => {
    const r = draft(duyTien, [
      { indicator: 'PHIEU_KHAO_SAT', value: 0 },
      { indicator: 'KINH_PHI', value: null, note: 'chưa quyết toán' },
      { indicator: 'TY_LE_HAI_LONG', numerator: 0, denominator: 5 },
      { indicator: 'HOM_THU_GOP_Y', value: false },
      { indicator: 'CBCC_MOI_QUAY', note: 'chưa bố trí quầy' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.values.map((v) => [v.indicator, v.value, v.numerator, v.denominator, v.note, v.met])).toEqual([
      ['PHIEU_KHAO_SAT', 0, null, null, null, null],
      ['KINH_PHI', null, null, null, 'chưa quyết toán', null],
      ['TY_LE_HAI_LONG', 0, 0, 5, null, null],
      ['HOM_THU_GOP_Y', 0, null, null, null, 0],
      ['CBCC_MOI_QUAY', null, null, null, 'chưa bố trí quầy', null],
    ]);
  });
});

describe('tasks', () => {
  it.each(TASK_STATUSES)('accepts status %s', (status) => {
    expect(draft(duyTien, [], [{ task: 'T1', status }]).problems).toEqual([]);
  });

  it('accepts a task with nothing but its code, and texts of 5,000 characters', () => {
    expect(draft(duyTien, [], [{ task: 'T1' }, { task: 'T2', status: null, result: 'r'.repeat(5000), difficulties: 'd'.repeat(5000), proposals: 'p'.repeat(5000) }]).problems).toEqual([]);
  });

  it.each<[string, TaskInput, string, RegExp]>([
    ['an unknown status', { task: 'T1', ...({ status: 'finished' } as object) }, 'tasks[0].status', /^must be one of not_started, in_progress, done$/],
    ['a result of 5,001 characters', { task: 'T1', result: 'r'.repeat(5001) }, 'tasks[0].result', /at most 5,000 characters/],
    ['difficulties of 5,001 characters', { task: 'T1', difficulties: 'd'.repeat(5001) }, 'tasks[0].difficulties', /at most 5,000 characters/],
    ['proposals that are not text', { task: 'T1', ...({ proposals: 42 } as object) }, 'tasks[0].proposals', /must be text/],
    ['a task of another plan', { task: 'T9' }, 'tasks[0].task', /^unknown task T9 in this plan$/],
  ])('rejects %s', (_what, input, path, message) => {
    const r = draft(duyTien, [], [input]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe(path);
    expect(r.problems[0]!.message).toMatch(message);
  });
});

describe('duplicates', () => {
  it('rejects an indicator or task given twice, naming the first', () => {
    const r = draft(
      duyTien,
      [{ indicator: 'PHIEU_KHAO_SAT', value: 1 }, { indicator: 'KINH_PHI', value: 2 }, { indicator: 'PHIEU_KHAO_SAT', value: 2 }],
      [{ task: 'T2' }, { task: 'T1' }, { task: 'T2', status: 'done' }],
    );
    expect(r.problems).toEqual([
      { path: 'values[2].indicator', message: 'duplicate indicator PHIEU_KHAO_SAT (also at values[0])' },
      { path: 'tasks[2].task', message: 'duplicate task T2 (also at tasks[0])' },
    ]);
    expect(r.values.map((v) => [v.indicator, v.value])).toEqual([['PHIEU_KHAO_SAT', 1], ['KINH_PHI', 2]]);
  });

  it('still checks what a repeat holds, so everything to fix comes back at once', () => {
    const r = draft(duyTien, [{ indicator: 'KINH_PHI', value: 1 }, { indicator: 'KINH_PHI', value: 'nhiều' }]);
    expect(r.problems.map((p) => p.path)).toEqual(['values[1].indicator', 'values[1].value']);
  });

  it('counts an unknown code once, not as a duplicate', () => {
    const r = draft(duyTien, [{ indicator: 'KHONG_CO', value: 1 }, { indicator: 'KHONG_CO', value: 1 }]);
    expect(r.problems.map((p) => p.message)).toEqual(['unknown indicator KHONG_CO in this plan', 'unknown indicator KHONG_CO in this plan']);
  });
});

describe('required indicators', () => {
  it('may be missing from a draft', () => {
    expect(draft(phuHuu, [])).toEqual({ problems: [], values: [] });
  });

  it('must all have data to submit, each named', () => {
    expect(submit(phuHuu, [{ indicator: 'TTHC_DUNG_HAN', numerator: 96, denominator: 100 }]).problems).toEqual([
      { path: 'values', message: 'indicator TTHC_NHA_DAT needs a value, or "na": true with a note saying why, to submit' },
      { path: 'values', message: 'indicator TTHC_LINH_VUC_KHAC needs a value, or "na": true with a note saying why, to submit' },
      { path: 'values', message: 'indicator HS_MOT_CUA_DIEN_TU needs a value, or "na": true with a note saying why, to submit' },
    ]);
  });

  it.each<[string, ValueInput, string[]]>([
    ['0 is data', { indicator: 'PHIEU_KHAO_SAT', value: 0 }, []],
    ['null is not', { indicator: 'PHIEU_KHAO_SAT', value: null }, ['indicator PHIEU_KHAO_SAT needs a value, or "na": true with a note saying why, to submit']],
    ['a note alone is not', { indicator: 'PHIEU_KHAO_SAT', note: 'đang tổng hợp' }, ['indicator PHIEU_KHAO_SAT needs a value, or "na": true with a note saying why, to submit']],
    ['a wrong value is told as wrong, not as missing', { indicator: 'PHIEU_KHAO_SAT', value: -5 }, ['must be a whole number ≥ 0']],
  ])('on submit, %s', (_what, input, messages) => {
    expect(submit(duyTien, [input]).problems.map((p) => p.message)).toEqual(messages);
  });

  it('asks a rate for both halves: a note does not stand in for them', () => {
    const r = submit(phuHuu, [
      { indicator: 'TTHC_DUNG_HAN', numerator: 96, denominator: 100 },
      { indicator: 'TTHC_NHA_DAT', numerator: 49, denominator: 50 },
      { indicator: 'TTHC_LINH_VUC_KHAC', numerator: 20, denominator: 20 },
      { indicator: 'HS_MOT_CUA_DIEN_TU', note: 'hệ thống một cửa điện tử chưa vận hành' },
    ]);
    expect(r.problems).toEqual([{ path: 'values', message: 'indicator HS_MOT_CUA_DIEN_TU needs a value, or "na": true with a note saying why, to submit' }]);
  });
});

describe('validation rules (on submit)', () => {
  const base: ValueInput[] = [{ indicator: 'PHIEU_KHAO_SAT', value: 150 }];

  it.each<[string, ValueInput[], { path: string; message: string }[]]>([
    ['holds when solved ≤ received', [{ indicator: 'DON_THU_GIAI_QUYET', value: 10 }, { indicator: 'DON_THU_TIEP_NHAN', value: 12 }], []],
    ['holds at equality', [{ indicator: 'DON_THU_GIAI_QUYET', value: 12 }, { indicator: 'DON_THU_TIEP_NHAN', value: 12 }], []],
    [
      'is broken when solved > received, with the plan\'s message',
      [{ indicator: 'DON_THU_GIAI_QUYET', value: 13 }, { indicator: 'DON_THU_TIEP_NHAN', value: 12 }],
      [{ path: 'validationRules[0]', message: 'Số đơn thư đã giải quyết không thể lớn hơn số đơn thư tiếp nhận' }],
    ],
    ['is skipped when the right side has no data', [{ indicator: 'DON_THU_GIAI_QUYET', value: 13 }], []],
    ['is skipped when the left side is blank', [{ indicator: 'DON_THU_GIAI_QUYET', value: '' }, { indicator: 'DON_THU_TIEP_NHAN', value: 12 }], []],
    ['is skipped when a side has only a note', [{ indicator: 'DON_THU_GIAI_QUYET', value: 13 }, { indicator: 'DON_THU_TIEP_NHAN', note: 'sổ tiếp nhận bị thất lạc' }], []],
    ['compares 0 as data', [{ indicator: 'DON_THU_GIAI_QUYET', value: 1 }, { indicator: 'DON_THU_TIEP_NHAN', value: 0 }], [{ path: 'validationRules[0]', message: 'Số đơn thư đã giải quyết không thể lớn hơn số đơn thư tiếp nhận' }]],
    [
      'compares a percent by its effective value, with a message built from the rule',
      [{ indicator: 'TY_LE_HAI_LONG', numerator: 2, denominator: 3 }, { indicator: 'KINH_PHI', value: 70 }],
      [{ path: 'validationRules[1]', message: 'TY_LE_HAI_LONG (66.6666666667) must be >= KINH_PHI (70)' }],
    ],
  ])('%s', (_what, values, problems) => {
    expect(submit(duyTien, [...base, ...values]).problems).toEqual(problems);
  });

  it('is not checked on a draft', () => {
    expect(draft(duyTien, [{ indicator: 'DON_THU_GIAI_QUYET', value: 13 }, { indicator: 'DON_THU_TIEP_NHAN', value: 12 }]).problems).toEqual([]);
  });

  it('builds "left (x) must be op right (y)" when the rule has no message', () => {
    const plan = { ...duyTien, validationRules: [{ left: 'DON_THU_GIAI_QUYET', op: '<=', right: 'DON_THU_TIEP_NHAN' }] satisfies ValidationRule[] };
    const r = submit(plan, [...base, { indicator: 'DON_THU_GIAI_QUYET', value: 12 }, { indicator: 'DON_THU_TIEP_NHAN', value: 10 }]);
    expect(r.problems).toEqual([{ path: 'validationRules[0]', message: 'DON_THU_GIAI_QUYET (12) must be <= DON_THU_TIEP_NHAN (10)' }]);
  });

  it('skips a side whose value is wrong: the value problem is what to fix', () => {
    const r = submit(duyTien, [...base, { indicator: 'DON_THU_GIAI_QUYET', value: 13.5 }, { indicator: 'DON_THU_TIEP_NHAN', value: 12 }]);
    expect(r.problems.map((p) => p.path)).toEqual(['values[1].value']);
  });
});

describe('the whole report', () => {
  it('collects every problem at once, in the order of the body', () => {
    const r = submit(
      duyTien,
      [
        { indicator: 'KINH_PHI', value: 'nhiều' },
        { indicator: 'KHONG_CO', value: 1 },
        { indicator: 'TY_LE_HAI_LONG', numerator: 11, denominator: 10 },
        { indicator: 'KINH_PHI', value: 3 },
        { indicator: 'DON_THU_GIAI_QUYET', value: 5, note: 'n'.repeat(1001) },
        { indicator: 'DON_THU_TIEP_NHAN', value: 4 },
        { indicator: 'DON_THU_GIAI_QUYET', value: 7 },
      ],
      [{ task: 'T1', status: 'done' }, { task: 'T9' }, { task: 'T1', result: 'r'.repeat(5001) }],
    );
    expect(r.problems.map((p) => p.path)).toEqual([
      'values[0].value',
      'values[1].indicator',
      'values[2].numerator',
      'values[3].indicator',
      'values[4].note',
      'values[6].indicator',
      'tasks[1].task',
      'tasks[2].task',
      'tasks[2].result',
      'values',
    ]);
    expect(r.problems.at(-1)!.message).toBe('indicator PHIEU_KHAO_SAT needs a value, or "na": true with a note saying why, to submit');
    expect(r.values.map((v) => v.indicator)).toEqual(['DON_THU_TIEP_NHAN']);
  });

  it('writes every message as a sentence the user can act on', () => {
    const r = submit(phuHuu, [{ indicator: 'TTHC_DUNG_HAN', value: 96 }, { indicator: 'BAI_PHAT_THANH', value: 'ba' }]);
    expect(r.problems).toEqual([
      { path: 'values[0].value', message: 'TTHC_DUNG_HAN is a percent: enter numerator and denominator instead of value, e.g. 95 of 100 files' },
      { path: 'values[1].value', message: 'must be a whole number ≥ 0' },
      { path: 'values', message: 'indicator TTHC_NHA_DAT needs a value, or "na": true with a note saying why, to submit' },
      { path: 'values', message: 'indicator TTHC_LINH_VUC_KHAC needs a value, or "na": true with a note saying why, to submit' },
      { path: 'values', message: 'indicator HS_MOT_CUA_DIEN_TU needs a value, or "na": true with a note saying why, to submit' },
    ]);
  });
});
