import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../schemas';
import { interpret, normaliseBase } from '../../addon/src/core/api';
import { parseReportGrid, receiptText, reportGrid, validateParsed, type ReportMeta } from '../../addon/src/core/report-sheet';
import { rollupGrid } from '../../addon/src/core/rollup-sheet';

const META: ReportMeta = { unit: '26866', unitName: 'Phường Phú Hữu', plan: 'pl_1', planLabel: 'KH-TTCCHC/PPH', schedule: 'sc_Q', scheduleLabel: 'Báo cáo quý', period: '2020Q1', deadline: 'chậm nhất 23:59 ngày 20/03/2020', key: '', receipt: '' };
// Phú Hữu's targets (seed 001) and one of each other kind.
const PLAN = {
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Hồ sơ đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
    { code: 'BAI_PHAT_THANH', name: 'Bài phát thanh', kind: 'count', unit: 'bài' },
    { code: 'KINH_PHI', name: 'Kinh phí', kind: 'number' },
    { code: 'HOM_THU', name: 'Hòm thư góp ý', kind: 'boolean' },
    { code: 'Y_KIEN', name: 'Ý kiến', kind: 'text' },
  ] as Indicator[],
  tasks: [{ code: 'T1', title: 'Tuyên truyền CCHC' }, { code: 'T2', title: 'Kiểm tra' }],
};

function filled(cells: Record<string, [number, unknown][]>) {
  const { rows } = reportGrid(META, PLAN);
  for (const [code, sets] of Object.entries(cells)) {
    const r = rows.findIndex((row) => row[0] === code);
    for (const [col, v] of sets) rows[r]![col - 1] = v as never;
  }
  return rows;
}

describe('sheet ⇄ payload', () => {
  it('a filled grid becomes the PUT body; empty cells are no data, never 0', () => {
    const parsed = parseReportGrid(filled({
      TTHC_DUNG_HAN: [[7, 96], [8, 100]], BAI_PHAT_THANH: [[6, 0]], KINH_PHI: [[6, '1250.5']], HOM_THU: [[6, 'Có']], Y_KIEN: [[6, 'Đề nghị bổ sung máy scan']],
      T1: [[3, 'Đang thực hiện'], [4, '12 bài']],
    }));
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.meta).toMatchObject({ unit: '26866', plan: 'pl_1', schedule: 'sc_Q', period: '2020Q1' });
    expect(parsed.body).toEqual({
      values: [
        { indicator: 'TTHC_DUNG_HAN', numerator: 96, denominator: 100 },
        { indicator: 'BAI_PHAT_THANH', value: 0 },
        { indicator: 'KINH_PHI', value: 1250.5 },
        { indicator: 'HOM_THU', value: true },
        { indicator: 'Y_KIEN', value: 'Đề nghị bổ sung máy scan' },
      ],
      tasks: [{ task: 'T1', status: 'in_progress', result: '12 bài' }],
    });
    expect(validateParsed(PLAN, parsed, true)).toEqual([]);
  });

  it('a report read back from the API pre-fills the same grid (compile upward, resubmission)', () => {
    const prefill = { values: [{ indicator: 'TTHC_DUNG_HAN', numerator: 100, denominator: 110, note: 'Tổng hợp từ 2/11 báo cáo' }, { indicator: 'HOM_THU', value: false }], tasks: [] };
    const parsed = parseReportGrid(reportGrid(META, PLAN, prefill).rows);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.body.values).toEqual(prefill.values);
  });

  it('places each problem on its cell, with the shared checks of the API', () => {
    const parsed = parseReportGrid(filled({ TTHC_DUNG_HAN: [[7, 120], [8, 100]], BAI_PHAT_THANH: [[6, '3,5']], T2: [[3, 'Xong rồi']] }));
    if ('error' in parsed) throw new Error(parsed.error);
    const problems = validateParsed(PLAN, parsed, true);
    const rowOf = (code: string) => reportGrid(META, PLAN).rows.findIndex((r) => r[0] === code) + 1;
    expect(problems.map((p) => [p.row, p.column])).toEqual(expect.arrayContaining([[rowOf('TTHC_DUNG_HAN'), 7], [rowOf('BAI_PHAT_THANH'), 6]]));
    expect(problems.find((p) => p.row === rowOf('T2'))?.column).toBe(3);
  });

  it('refuses a sheet that is not a Cascade report', () => {
    expect(parseReportGrid([['Bảng lương'], ['x']])).toEqual({ error: expect.stringContaining('không phải là sheet báo cáo Cascade') });
  });

  it('writes a receipt a person can read', () => {
    expect(receiptText({ version: 2, status: 'submitted', submittedAt: '2020-03-19T03:30:00Z', onTime: true })).toBe('Đã nộp phiên bản 2 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN'); // local time, UTC+7
    expect(receiptText({ version: 3, status: 'submitted', submittedAt: '2020-03-21T03:30:00Z', onTime: false })).toMatch(/TRỄ HẠN$/);
    expect(receiptText({ version: 1, status: 'draft', submittedAt: null, onTime: null })).toBe('Bản nháp, phiên bản 1');
  });
});

describe('API answers in Vietnamese', () => {
  it.each([
    [401, '', /Mã truy cập không hợp lệ/],
    [403, '{"detail":"Unit 27166 is outside"}', /không có quyền.*27166/],
    [409, '{"detail":"accepted"}', /đã được tiếp nhận/],
    [422, '', /Khóa gửi/],
    [400, '{"errors":[{"path":"values[0].value","message":"must be a whole number ≥ 0"}]}', /values\[0\]\.value: must be a whole number/],
    [502, 'Bad gateway', /lỗi 502/],
  ])('%i', (status, body, message) => {
    const r = interpret(status, body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
  it('accepts only http(s) base URLs, without a trailing slash', () => {
    expect(normaliseBase(' https://cascade.hcmc.gov.vn/ ')).toBe('https://cascade.hcmc.gov.vn');
    expect(normaliseBase('cascade.hcmc.gov.vn')).toBeNull();
  });
});

describe('roll-up sheet', () => {
  it('one row per child, a totals row, and colours where a target is met or missed', () => {
    const ind = (value: number | null, met: boolean | null) => [{ code: 'R', name: 'Tỷ lệ', kind: 'percent', value, numerator: null, denominator: null, target: { op: '>', value: 95 }, met, unitsReporting: 1, unitsMeetingTarget: met ? 1 : 0 }];
    const comp = (s: number) => ({ expected: 1, submitted: s, onTime: s, late: 0, returned: 0, missing: s ? [] : ['x'] });
    const g = rollupGrid({
      unit: '771', name: 'Quận 10', period: '2021S1', completeness: { ...comp(1), expected: 2 }, indicators: ind(93.5, false),
      children: [
        { unit: '27163', name: 'Phường 15', period: '2021S1', completeness: comp(1), indicators: ind(97, true) },
        { unit: '27166', name: 'Phường 13', period: '2021S1', completeness: comp(0), indicators: ind(null, null) },
      ],
    }, 'KH-PAPI/Q10');
    expect(g.rows.slice(3)).toEqual([['27163', 'Phường 15', '1/1', 1, 97], ['27166', 'Phường 13', '0/1', 0, ''], ['771', 'Tổng cộng', '1/2', 1, 93.5]]);
    expect(g.backgrounds.slice(3).map((r) => r[4])).toEqual(['#c8e6c9', null, '#ffcdd2']);
  });
});
