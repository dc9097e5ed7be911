/** Quận 10's roll-up of Quý I/2021 as a CSV for Excel and Sheets. */
import { describe, expect, it } from 'vitest';
import type { RollupNode } from '../../../schemas';
import { parseCsv } from '../../../worker/src/domain/csv';
import { rollupCsv } from '../../../worker/src/domain/exports';

type Ind = RollupNode['indicators'][number];

const ind = (code: string, name: string, kind: string, fields: Partial<Ind> = {}): Ind => ({
  code, name, kind, aggregation: 'sum', value: null, numerator: null, denominator: null, target: null, met: null,
  unitsReporting: 0, unitsNotApplicable: 0, unitsMeetingTarget: null, outliers: 0, ...fields,
});
const onTime = (num: number | null, den: number | null, met: boolean | null) => ind('TTHC_DUNG_HAN', 'Tỷ lệ hồ sơ đúng hạn', 'percent', {
  aggregation: 'ratio', numerator: num, denominator: den, value: num === null || !den ? null : (100 * num) / den,
  target: { op: '>', value: 95 }, met, unitsReporting: num === null ? 0 : 1,
});
const letters = (value: number | null, fields: Partial<Ind> = {}) => ind('THU_XIN_LOI', 'Số thư xin lỗi', 'count', { value, unitsReporting: value === null ? 0 : 1, ...fields });
const online = (fields: Partial<Ind>) => ind('HS_TRUC_TUYEN', 'Số hồ sơ trực tuyến', 'number', fields);
const difficulties = ind('KHO_KHAN', 'Khó khăn, vướng mắc', 'text', { aggregation: 'list', texts: [{ unit: '27163', text: 'Thiếu cán bộ; máy hỏng' }] });

const node = (unit: string, name: string, indicators: Ind[], completeness: Partial<RollupNode['completeness']> = {}): RollupNode => ({
  unit, name, period: '2021Q1', periodLabel: 'Quý I/2021',
  completeness: { expected: 1, submitted: 1, onTime: 1, late: 0, returned: 0, missing: [], ...completeness },
  indicators,
});

/** Children in the order the roll-up gives them (by name: Phường 1, 2, 15), whatever their codes. */
const quan10: RollupNode = {
  ...node('771', 'Quận 10', [onTime(190, 200, false), letters(0), online({ value: 95.5, unitsReporting: 2, unitsNotApplicable: 1 }), difficulties],
    { expected: 3, submitted: 2, onTime: 1, late: 1, returned: 0, missing: ['27190'] }),
  children: [
    node('27184', 'Phường 1', [onTime(100, 100, true), letters(0), online({ value: 95.5, unitsReporting: 1 }), difficulties]),
    node('27190', 'Phường 2', [onTime(null, null, null), letters(null), online({ unitsNotApplicable: 1 }), difficulties],
      { submitted: 0, onTime: 0, missing: ['27190'] }),
    node('27163', 'Phường 15', [onTime(90, 100, false), letters(null), online({ value: 0, unitsReporting: 1 }), difficulties],
      { onTime: 0, late: 1 }),
  ],
};

const table = (csv: string) => parseCsv(csv).map((r) => r.cells);
/** The cells of each line, split at `sep` (only for rows without quoted cells). */
const split = (csv: string, sep: string) => csv.slice(1).split('\r\n').filter(Boolean).map((l) => l.split(sep));

describe('rollupCsv', () => {
  const csv = rollupCsv(quan10);
  const [head, ...rows] = table(csv);
  const col = (name: string) => {
    const i = head!.indexOf(name);
    expect(i, `column "${name}" in ${head!.join(' | ')}`).toBeGreaterThanOrEqual(0);
    return i;
  };

  it('starts with a UTF-8 BOM and ends each line with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('heads its columns in Vietnamese, with the period label', () => {
    expect(head!.slice(0, 9)).toEqual(['Mã đơn vị', 'Đơn vị', 'Kỳ báo cáo', 'Phải nộp', 'Đã nộp', 'Đúng hạn', 'Trễ hạn', 'Bị trả lại', 'Chưa nộp']);
    expect(head).toContain('Tỷ lệ hồ sơ đúng hạn');
    expect(head).toContain('Tỷ lệ hồ sơ đúng hạn – tử số');
    expect(head).toContain('Tỷ lệ hồ sơ đúng hạn – mẫu số');
    expect(head).toContain('Tỷ lệ hồ sơ đúng hạn – đạt chỉ tiêu trên 95 %');
  });

  it('says the period as people do, and never its code', () => {
    expect(rows.map((r) => r[col('Kỳ báo cáo')])).toEqual(['Quý I/2021', 'Quý I/2021', 'Quý I/2021', 'Quý I/2021']);
    expect(csv).not.toContain('2021Q1');
  });

  it('has one row per child in the given order, then the totals', () => {
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['27184', 'Phường 1'],
      ['27190', 'Phường 2'],
      ['27163', 'Phường 15'],
      ['771', 'Tổng cộng: Quận 10'],
    ]);
  });

  it('writes the completeness of each row', () => {
    const total = rows[3]!;
    expect([total[col('Phải nộp')], total[col('Đã nộp')], total[col('Đúng hạn')], total[col('Trễ hạn')], total[col('Bị trả lại')], total[col('Chưa nộp')]])
      .toEqual(['3', '2', '1', '1', '0', '1']);
  });

  it('writes rates with their numerator, denominator and whether the target is met', () => {
    const [p1, p2, p15, total] = rows;
    const rate = (r: string[]) => [r[col('Tỷ lệ hồ sơ đúng hạn')], r[col('Tỷ lệ hồ sơ đúng hạn – tử số')], r[col('Tỷ lệ hồ sơ đúng hạn – mẫu số')],
      r[col('Tỷ lệ hồ sơ đúng hạn – đạt chỉ tiêu trên 95 %')]];
    expect(rate(p1!)).toEqual(['100', '100', '100', 'Đạt']);
    expect(rate(p15!)).toEqual(['90', '90', '100', 'Không đạt']);
    expect(rate(total!)).toEqual(['95', '190', '200', 'Không đạt']);
    expect(rate(p2!)).toEqual(['', '', '', '']);
  });

  it('leaves a cell empty for no data, writes 0 for zero and "Không áp dụng" when every unit said so', () => {
    const [p1, p2, p15, total] = rows;
    expect(p1![col('Số thư xin lỗi')]).toBe('0');
    expect(p2![col('Số thư xin lỗi')]).toBe('');
    expect(p15![col('Số hồ sơ trực tuyến')]).toBe('0');
    expect(p2![col('Số hồ sơ trực tuyến')]).toBe('Không áp dụng');
    // some units answered "not applicable" but others gave a value: the value stands
    expect(total![col('Số hồ sơ trực tuyến')]).toBe('95.5');
  });

  it('leaves out text indicators', () => {
    expect(head!.some((h) => h.startsWith('Khó khăn'))).toBe(false);
    expect(csv).not.toContain('Thiếu cán bộ');
  });

  it('rounds to two decimals', () => {
    const [h, total] = table(rollupCsv(node('771', 'Quận 10', [onTime(100, 110, false)])));
    expect(total![h!.indexOf('Tỷ lệ hồ sơ đúng hạn')]).toBe('90.91');
  });

  it('has as many cells in every row as in its head', () => {
    expect(rows.every((r) => r.length === head!.length)).toBe(true);
  });
});

describe('rollupCsv for Excel under Vietnamese settings (locale vi)', () => {
  const csv = rollupCsv(quan10, 'vi');

  const [head, phuong1] = split(csv, ';');
  const online = head!.indexOf('Số hồ sơ trực tuyến');

  it('puts ";" between cells and "," as the decimal mark', () => {
    expect(head!.slice(0, 4)).toEqual(['Mã đơn vị', 'Đơn vị', 'Kỳ báo cáo', 'Phải nộp']);
    expect(online).toBeGreaterThan(0);
    expect(phuong1![online]).toBe('95,5');
    expect(csv).not.toContain('95.5');
  });

  it('keeps one cell per column', () => {
    expect(new Set(split(csv, ';').map((cells) => cells.length)).size).toBe(1);
  });

  it('the default uses "," and "."', () => {
    const [defaultHead, defaultPhuong1] = split(rollupCsv(quan10), ',');
    expect(defaultHead!.slice(0, 4)).toEqual(['Mã đơn vị', 'Đơn vị', 'Kỳ báo cáo', 'Phải nộp']);
    expect(defaultPhuong1![online]).toBe('95.5');
  });
});

describe('quoting', () => {
  const named = (name: string) => node('771', name, [letters(3)]);

  it.each([
    ['default', 'Phòng Tài chính, Kế hoạch', ',', '"Tổng cộng: Phòng Tài chính, Kế hoạch"'],
    ['vi', 'Phòng Tài chính; Kế hoạch', ';', '"Tổng cộng: Phòng Tài chính; Kế hoạch"'],
  ] as const)('quotes a cell holding the %s separator', (locale, name, sep, cell) => {
    const line = rollupCsv(named(name), locale).slice(1).split('\r\n')[1]!;
    expect(line.split(sep)[0]).toBe('771');
    expect(line).toContain(`${sep}${cell}${sep}`);
  });

  it('does not quote a comma under the vi locale, where it is no separator', () => {
    const line = rollupCsv(named('Phòng Tài chính, Kế hoạch'), 'vi').slice(1).split('\r\n')[1]!;
    expect(line).toContain(';Tổng cộng: Phòng Tài chính, Kế hoạch;');
  });

  it('doubles quotes inside a quoted cell and reads back the same', () => {
    const csv = rollupCsv(named('Trung tâm "Hòa Bình"'));
    expect(csv).toContain('"Tổng cộng: Trung tâm ""Hòa Bình"""');
    expect(table(csv)[1]![1]).toBe('Tổng cộng: Trung tâm "Hòa Bình"');
  });
});
