/**
 * DESIGN §13: a submitted value far from the unit's own history or from its peers (robust median/MAD z-score) is
 * accepted and flagged with a Vietnamese warning.
 */
import { describe, expect, it } from 'vitest';
import type { ValueRow } from '../../../schemas/report-check';
import { OUTLIER, outlierWarnings, robustZ, type History } from '../../../worker/src/domain/outliers';

const ON_TIME = 'TTHC_DUNG_HAN';
const names = new Map([
  [ON_TIME, 'Tỷ lệ hồ sơ giải quyết TTHC đúng hạn'],
  ['BAI_PHAT_THANH', 'Số bài phát thanh tuyên truyền về cải cách hành chính'],
  ['CONG_KHAI', 'Đã công khai danh sách hộ nghèo'],
  ['KHO_KHAN', 'Khó khăn, vướng mắc'],
]);

const row = (indicator: string, kind: ValueRow['kind'], value: number | null, extra: Partial<ValueRow> = {}): ValueRow => ({
  indicator, kind, value, numerator: null, denominator: null, text: null, note: null, na: 0, met: null, ...extra,
});
const percent = (value: number) => row(ON_TIME, 'percent', value, { numerator: value, denominator: 100 });
const history = (entries: Record<string, { own?: number[]; peers?: number[] }>): History =>
  new Map(Object.entries(entries).map(([code, h]) => [code, { own: h.own ?? [], peers: h.peers ?? [] }]));

/** Phường Phú Hữu's on-time rate over the four quarters before (seed 001). */
const phuHuu = history({ [ON_TIME]: { own: [58, 61, 60, 62] } });

describe('Phú Hữu reports its on-time rate', () => {
  it('100 % after four quarters near 60 % is flagged, once, in Vietnamese, with the usual level', () => {
    const { warnings, rows } = outlierWarnings([percent(100)], phuHuu, names);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.indicator).toBe(ON_TIME);
    expect(warnings[0]!.message).toContain('Tỷ lệ hồ sơ giải quyết TTHC đúng hạn');
    expect(warnings[0]!.message).toContain('100 %');
    expect(warnings[0]!.message).toContain('các kỳ trước của đơn vị');
    expect(warnings[0]!.message).toContain('60,5 %');
    expect(warnings[0]!.message).toContain('hãy kiểm tra lại số liệu');
    expect(rows[0]!.outlier).toBe(1);
  });

  it('61 % after the same history is not', () => {
    const { warnings, rows } = outlierWarnings([percent(61)], phuHuu, names);
    expect(warnings).toEqual([]);
    expect(rows[0]!.outlier).toBe(0);
  });

  it('three earlier quarters are too little history to judge', () => {
    const { warnings } = outlierWarnings([percent(100)], history({ [ON_TIME]: { own: [58, 61, 60] } }), names);
    expect(warnings).toEqual([]);
  });

  it('a ward with no history at all is not flagged', () => {
    expect(outlierWarnings([percent(100)], new Map(), names).warnings).toEqual([]);
  });
});

describe('against the peers this period', () => {
  const tenWards = [94, 95, 96, 95, 97, 93, 95, 96, 94, 95];

  it('20 % when ten siblings report around 95 % is flagged, naming the peers', () => {
    const { warnings, rows } = outlierWarnings([percent(20)], history({ [ON_TIME]: { peers: tenWards } }), names);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('các đơn vị cùng cấp');
    expect(warnings[0]!.message).toContain('95 %');
    expect(rows[0]!.outlier).toBe(1);
  });

  it('96 % among them is not', () => {
    expect(outlierWarnings([percent(96)], history({ [ON_TIME]: { peers: tenWards } }), names).warnings).toEqual([]);
  });

  it('four peers are too few', () => {
    expect(outlierWarnings([percent(20)], history({ [ON_TIME]: { peers: [94, 95, 96, 95] } }), names).warnings).toEqual([]);
  });

  it('far from both: one warning giving both reasons', () => {
    const both = history({ [ON_TIME]: { own: [94, 95, 96, 95], peers: tenWards } });
    const { warnings } = outlierWarnings([percent(20)], both, names);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('các kỳ trước của đơn vị');
    expect(warnings[0]!.message).toContain('các đơn vị cùng cấp');
  });
});

describe('a flat history', () => {
  const flat = history({ BAI_PHAT_THANH: { own: [60, 60, 60, 60] } });
  const count = (value: number) => row('BAI_PHAT_THANH', 'count', value);

  it('60 after 60, 60, 60, 60 is not flagged', () => {
    expect(outlierWarnings([count(60)], flat, names).warnings).toEqual([]);
  });

  it('90 after 60, 60, 60, 60 is, with the count written as a number', () => {
    const { warnings } = outlierWarnings([count(90)], flat, names);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('= 90 ');
    expect(warnings[0]!.message).toContain('khoảng 60)');
    expect(warnings[0]!.message).not.toContain('%');
  });
});

describe('what is never flagged', () => {
  const far = history({
    [ON_TIME]: { own: [58, 61, 60, 62], peers: [60, 61, 59, 60, 62, 58] },
    CONG_KHAI: { own: [1, 1, 1, 1], peers: [1, 1, 1, 1, 1, 1] },
    KHO_KHAN: { own: [1, 1, 1, 1], peers: [1, 1, 1, 1, 1, 1] },
  });

  it.each([
    ['a not-applicable answer', row(ON_TIME, 'percent', null, { na: 1, note: 'Phường không có hồ sơ' })],
    ['a boolean', row('CONG_KHAI', 'boolean', 0)],
    ['a text', row('KHO_KHAN', 'text', null, { text: 'Thiếu cán bộ' })],
    ['no data', row(ON_TIME, 'percent', null)],
  ])('%s', (_, value) => {
    const { warnings, rows } = outlierWarnings([value], far, names);
    expect(warnings).toEqual([]);
    expect(rows[0]!.outlier).toBe(0);
  });
});

describe('rows', () => {
  it('carry outlier: 1 exactly for the flagged values, and keep everything else', () => {
    const h = history({ [ON_TIME]: { own: [58, 61, 60, 62] }, BAI_PHAT_THANH: { own: [3, 4, 3, 5] } });
    const values = [percent(100), row('BAI_PHAT_THANH', 'count', 4), row('CONG_KHAI', 'boolean', 1)];
    const { rows, warnings } = outlierWarnings(values, h, names);
    expect(rows.map((r) => r.outlier)).toEqual([1, 0, 0]);
    expect(rows.map(({ outlier: _, ...r }) => r)).toEqual(values);
    expect(warnings.map((w) => w.indicator)).toEqual([ON_TIME]);
  });

  it('name an indicator by its code when its name is unknown', () => {
    const { warnings } = outlierWarnings([percent(100)], phuHuu, new Map());
    expect(warnings[0]!.message).toContain(`"${ON_TIME}"`);
  });
});

describe('robustZ', () => {
  it('is 0.6745 · (x − median) / MAD', () => {
    // median 60.5; deviations 2.5, 0.5, 0.5, 1.5 → MAD 1
    const r = robustZ(100, [58, 61, 60, 62], 4)!;
    expect(r.median).toBe(60.5);
    expect(r.z).toBeCloseTo(0.6745 * 39.5, 10);
    expect(robustZ(59, [58, 61, 60, 62], 4)!.z).toBeCloseTo(0.6745 * -1.5, 10);
  });

  it('is null when the sample is smaller than asked', () => {
    expect(robustZ(100, [58, 61, 60], 4)).toBeNull();
    expect(robustZ(100, [], 1)).toBeNull();
  });

  it('is not thrown off by one wild value in the history', () => {
    const r = robustZ(100, [58, 61, 60, 62, 5], 4)!;
    expect(r.median).toBe(60);
    expect(Math.abs(r.z)).toBeGreaterThan(OUTLIER.z);
  });

  it('uses the mean absolute deviation when most of the history is the same', () => {
    // median 60, MAD 0, mean absolute deviation 2
    const r = robustZ(70, [60, 60, 60, 60, 70], 4)!;
    expect(r.median).toBe(60);
    expect(r.z).toBeCloseTo(10 / (1.2533 * 2), 10);
  });

  it('with no spread at all, flags a change of more than a tenth of the level', () => {
    expect(robustZ(65, [60, 60, 60, 60], 4)!.z).toBe(0);
    expect(robustZ(67, [60, 60, 60, 60], 4)!.z).toBe(Infinity);
    expect(robustZ(50, [60, 60, 60, 60], 4)!.z).toBe(-Infinity);
    expect(robustZ(0, [0, 0, 0, 0], 4)!.z).toBe(0);
    expect(robustZ(2, [0, 0, 0, 0], 4)!.z).toBe(Infinity);
  });
});
