import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../schemas';
import { checkReport, meetsTarget } from '../../../worker/src/domain/reports';

/** Phường Phú Hữu's targets (seed 001) and a few indicators of every kind. */
const indicators: Indicator[] = [
  { code: 'TTHC_DUNG_HAN', name: 'Hồ sơ đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
  { code: 'TTHC_NHA_DAT', name: 'Hồ sơ đất đai đúng hạn', kind: 'percent', target: { op: '>=', value: 98 } },
  { code: 'TTHC_KHAC', name: 'Lĩnh vực khác', kind: 'percent', target: { op: '=', value: 100 }, required: true },
  { code: 'HOI_NGHI', name: 'Hội nghị', kind: 'count' },
  { code: 'KINH_PHI', name: 'Kinh phí', kind: 'number' },
  { code: 'CO_HOM_THU', name: 'Có hòm thư góp ý', kind: 'boolean', target: { op: '=', value: 1 } },
  { code: 'Y_KIEN', name: 'Ý kiến', kind: 'text' },
  { code: 'HO_SO_TONG', name: 'Tổng hồ sơ', kind: 'count' },
  { code: 'HO_SO_DUNG_HAN', name: 'Hồ sơ đúng hạn', kind: 'count' },
];
const plan = {
  indicators,
  tasks: [{ code: 'T1' }, { code: 'T2' }],
  validationRules: [{ left: 'HO_SO_DUNG_HAN', op: '<=' as const, right: 'HO_SO_TONG' }],
};
const check = (values: any[], submit = false, tasks: any[] = []) => checkReport(plan, { values, tasks }, submit);

describe("Phú Hữu's targets (seed 001)", () => {
  it.each([
    ['TTHC_DUNG_HAN', 96, 100, 1],
    ['TTHC_DUNG_HAN', 95, 100, 0],
    ['TTHC_NHA_DAT', 49, 50, 1],
    ['TTHC_NHA_DAT', 48, 50, 0],
    ['TTHC_KHAC', 20, 20, 1],
    ['TTHC_KHAC', 19, 20, 0],
  ])('%s %i/%i → met %i', (indicator, numerator, denominator, met) => {
    const r = check([{ indicator, numerator, denominator }]);
    expect(r.problems).toEqual([]);
    expect(r.values[0]).toMatchObject({ indicator, numerator, denominator, value: (100 * numerator) / denominator, met });
  });

  it('meetsTarget compares with every operator, exactly at the boundary, and says nothing without data', () => {
    expect(meetsTarget(95, { op: '>', value: 95 })).toBe(false);
    expect(meetsTarget(95, { op: '>=', value: 95 })).toBe(true);
    expect(meetsTarget((100 * 1) / 3 * 3, { op: '=', value: 100 })).toBe(true);
    expect(meetsTarget(15, { op: '<=', value: 15 })).toBe(true);
    expect(meetsTarget(15, { op: '<', value: 15 })).toBe(false);
    expect(meetsTarget(null, { op: '>', value: 1 })).toBeNull();
    expect(meetsTarget(3, undefined)).toBeNull();
  });
});

describe('values by kind', () => {
  it('accepts each kind in its own form', () => {
    const r = check([
      { indicator: 'HOI_NGHI', value: 3 },
      { indicator: 'KINH_PHI', value: -12.5 },
      { indicator: 'CO_HOM_THU', value: true },
      { indicator: 'Y_KIEN', value: 'Đề nghị tăng kinh phí' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.values.map((v) => [v.indicator, v.value, v.text, v.met])).toEqual([
      ['HOI_NGHI', 3, null, null],
      ['KINH_PHI', -12.5, null, null],
      ['CO_HOM_THU', 1, null, 1],
      ['Y_KIEN', null, 'Đề nghị tăng kinh phí', null],
    ]);
  });

  it.each([
    [{ indicator: 'HOI_NGHI', value: 2.5 }, 'values[0].value', /whole number/],
    [{ indicator: 'HOI_NGHI', value: -1 }, 'values[0].value', /whole number/],
    [{ indicator: 'HOI_NGHI', value: '3' }, 'values[0].value', /whole number/],
    [{ indicator: 'KINH_PHI', value: true }, 'values[0].value', /number/],
    [{ indicator: 'CO_HOM_THU', value: 1 }, 'values[0].value', /true or false/],
    [{ indicator: 'Y_KIEN', value: 'x'.repeat(2001) }, 'values[0].value', /2,000/],
    [{ indicator: 'TTHC_DUNG_HAN', value: 96 }, 'values[0].value', /numerator and denominator/],
    [{ indicator: 'TTHC_DUNG_HAN', numerator: 11, denominator: 10 }, 'values[0].numerator', /between 0 and the denominator/],
    [{ indicator: 'TTHC_DUNG_HAN', numerator: 0, denominator: 0 }, 'values[0].denominator', /greater than 0/],
    [{ indicator: 'TTHC_DUNG_HAN', numerator: 5 }, 'values[0].denominator', /missing/],
    [{ indicator: 'HOI_NGHI', numerator: 1, denominator: 2 }, 'values[0].numerator', /not numerator/],
    [{ indicator: 'KHONG_CO', value: 1 }, 'values[0].indicator', /unknown indicator KHONG_CO/],
  ])('rejects %j at %s', (value, path, message) => {
    const r = check([value]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe(path);
    expect(r.problems[0]!.message).toMatch(message);
    expect(r.values).toEqual([]);
  });

  it('keeps "no data" apart from zero', () => {
    const r = check([
      { indicator: 'HOI_NGHI', value: 0 },
      { indicator: 'KINH_PHI', value: null },
      { indicator: 'TTHC_DUNG_HAN', numerator: null, denominator: null },
      { indicator: 'Y_KIEN', value: '' },
      { indicator: 'HO_SO_TONG', note: 'chưa tổng hợp' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.values.map((v) => [v.indicator, v.value, v.note])).toEqual([['HOI_NGHI', 0, null], ['HO_SO_TONG', null, 'chưa tổng hợp']]);
  });
});

describe('the whole report', () => {
  it('collects every problem at once, duplicates and unknown tasks included', () => {
    const r = check(
      [{ indicator: 'HOI_NGHI', value: 1 }, { indicator: 'HOI_NGHI', value: 2 }, { indicator: 'KINH_PHI', value: 'nhiều' }],
      false,
      [{ task: 'T1', status: 'done' }, { task: 'T9' }, { task: 'T1' }],
    );
    expect(r.problems.map((p) => p.path)).toEqual(['values[1].indicator', 'values[2].value', 'tasks[1].task', 'tasks[2].task']);
    expect(r.problems[0]!.message).toBe('duplicate indicator HOI_NGHI (also at values[0])');
  });

  it('requires required indicators on submit only', () => {
    expect(check([], false).problems).toEqual([]);
    expect(check([], true).problems).toEqual([{ path: 'values', message: 'indicator TTHC_KHAC is required to submit' }]);
  });

  it('checks validation rules on submit, skipping a rule with a side lacking data', () => {
    const base = [{ indicator: 'TTHC_KHAC', numerator: 1, denominator: 1 }];
    const broken = check([...base, { indicator: 'HO_SO_DUNG_HAN', value: 12 }, { indicator: 'HO_SO_TONG', value: 10 }], true);
    expect(broken.problems).toEqual([{ path: 'validationRules[0]', message: 'HO_SO_DUNG_HAN (12) must be <= HO_SO_TONG (10)' }]);
    expect(check([...base, { indicator: 'HO_SO_DUNG_HAN', value: 12 }], true).problems).toEqual([]);
    expect(check([...base, { indicator: 'HO_SO_DUNG_HAN', value: 12 }, { indicator: 'HO_SO_TONG', value: 10 }], false).problems).toEqual([]);
  });
});
