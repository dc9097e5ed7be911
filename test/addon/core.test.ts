import { describe, expect, it } from 'vitest';
import type { Obligation, RollupNode } from '../../schemas';
import { checkSheet, placeProblems, problemNotes, sheetStyle, inputRules } from '../../addon/src/core/checks';
import { dataOrNull, interpret, normaliseBase, networkMessage, OLD_SERVER, RELOGIN, reportPath, sidebarPaths } from '../../addon/src/core/api';
import { documentDialog, documentLinkPath } from '../../addon/src/core/document';
import { fillPage } from '../../addon/src/core/html';
import { noticeText, problemsMessage, receiptText, reportState, submittedMessage } from '../../addon/src/core/notices';
import { entered } from './fakes';
import {
  asWritten, fitName, headerFor, headerRows, layoutOf, readAnswers, readHeader, reportGrid, reportSheetName, COL, HEADER_ROWS, TECH, VISIBLE,
  type Cell, type PlanPart, type ReportHeader,
} from '../../addon/src/core/report-sheet';
import { rollupGrid, rollupPeriods, rollupSheetName } from '../../addon/src/core/rollup-sheet';
import { sheetPanel, sidebarItems } from '../../addon/src/core/sidebar';

/** What must never reach a person: period codes and the old "schedule code + period" names. */
const RAW_CODES = [/\b20\d\d(Q[1-4]|S[12]|N9)\b/, /\bONCE\b/, /\bQUY\b/, /\b6T\b/];
const expectNoRawCodes = (texts: string[]) => {
  for (const t of texts) for (const code of RAW_CODES) expect(t, `"${t}" shows a raw code`).not.toMatch(code);
};

const OBLIGATION: Obligation = {
  id: '7', unit: '26866', unitName: 'Phường Phú Hữu', plan: 'pl_1', schedule: 'sc_Q', scheduleCode: 'QUY', scheduleName: 'Báo cáo quý',
  period: '2020Q1', periodLabel: 'Quý I/2020', dueAt: '2020-03-20T17:00:00.000Z', deadline: 'chậm nhất 23:59 ngày 20/03/2020',
  status: 'open', onTime: null, submittedAt: null, returnReason: null,
};
const PLAN_INFO = { number: 'KH-TTCCHC/PPH', title: 'Cải cách hành chính năm 2020' };
const HEADER: ReportHeader = headerFor(OBLIGATION, PLAN_INFO, { receipt: '', notice: '' });
const assignees = { units: ['26866'] };
// Phú Hữu's targets (seed 001) and one of each other kind.
const PLAN: PlanPart = {
  indicators: [
    { code: 'TTHC_DUNG_HAN', name: 'Hồ sơ đúng hạn', kind: 'percent', target: { op: '>', value: 95 } },
    { code: 'BAI_PHAT_THANH', name: 'Bài phát thanh', kind: 'count', unit: 'bài', target: { op: '>=', value: 2 } },
    { code: 'KINH_PHI', name: 'Kinh phí', kind: 'number', required: false },
    { code: 'HOM_THU', name: 'Hòm thư góp ý', kind: 'boolean' },
    { code: 'Y_KIEN', name: 'Ý kiến', kind: 'text', required: false },
  ],
  tasks: [{ code: 'T1', title: 'Tuyên truyền CCHC', assignees }, { code: 'T2', title: 'Kiểm tra', assignees }],
  validationRules: [{ left: 'BAI_PHAT_THANH', op: '<=', right: 'KINH_PHI', message: 'Số bài phát thanh không vượt quá kinh phí' }],
};

function filled(cells: Record<string, [number, Cell][]>) {
  const { rows } = reportGrid(HEADER, PLAN);
  for (const [code, sets] of Object.entries(cells)) {
    const r = rows.findIndex((row) => row[0] === code);
    for (const [col, v] of sets) rows[r]![col - 1] = v;
  }
  return rows;
}
function read(grid: Cell[][]) {
  const layout = layoutOf(grid);
  if (!layout) throw new Error('no layout');
  return readAnswers(grid, layout, PLAN);
}
const rowOf = (code: string) => reportGrid(HEADER, PLAN).rows.findIndex((r) => r[0] === code) + 1;

describe('sheet ⇄ payload', () => {
  it('a filled grid becomes the PUT body: three states — a value, empty (no data, never 0), not applicable with its reason', () => {
    const answers = read(filled({
      TTHC_DUNG_HAN: [[COL.numerator, 96], [COL.denominator, 100]], BAI_PHAT_THANH: [[COL.value, 0]], KINH_PHI: [[COL.value, '1250.5']],
      HOM_THU: [[COL.na, 'Có'], [COL.note, 'Phường chưa có trụ sở tiếp dân riêng']], T1: [[3, 'Đang thực hiện'], [4, '12 bài']],
    }));
    expect(answers.body).toEqual({
      values: [
        { indicator: 'TTHC_DUNG_HAN', numerator: 96, denominator: 100 },
        { indicator: 'BAI_PHAT_THANH', value: 0 },
        { indicator: 'KINH_PHI', value: 1250.5 },
        { indicator: 'HOM_THU', na: true, note: 'Phường chưa có trụ sở tiếp dân riêng' },
      ],
      tasks: [{ task: 'T1', status: 'in_progress', result: '12 bài' }],
    });
    expect(answers.valueRows).toEqual([rowOf('TTHC_DUNG_HAN'), rowOf('BAI_PHAT_THANH'), rowOf('KINH_PHI'), rowOf('HOM_THU')]);
    expect(checkSheet(PLAN, answers, true)).toEqual([]);
  });

  it('kinds come from the plan, not from the words on the sheet; Có/Không and checkboxes are booleans', () => {
    const grid = filled({ HOM_THU: [[COL.kind, 'Số'], [COL.value, true]], Y_KIEN: [[COL.value, '  Đề nghị bổ sung máy scan ']] });
    expect(read(grid).body.values).toEqual([{ indicator: 'HOM_THU', value: true }, { indicator: 'Y_KIEN', value: 'Đề nghị bổ sung máy scan' }]);
    expect(read(filled({ HOM_THU: [[COL.value, 'Không']] })).body.values).toEqual([{ indicator: 'HOM_THU', value: false }]);
  });

  it('a report read back from the API pre-fills the same grid (compile upward, a returned report)', () => {
    const prefill = {
      values: [
        { indicator: 'TTHC_DUNG_HAN', numerator: 100, denominator: 110, note: 'Tổng hợp từ 2/11 báo cáo' },
        { indicator: 'HOM_THU', value: false },
        { indicator: 'BAI_PHAT_THANH', na: true, note: 'Không có đài truyền thanh' },
      ],
      tasks: [{ task: 'T2', status: 'done' as const, difficulties: 'Thiếu người' }],
    };
    const answers = read(reportGrid(HEADER, PLAN, prefill).rows);
    expect(answers.body.values).toEqual([prefill.values[0], prefill.values[2], prefill.values[1]]); // in the plan's order
    expect(answers.body.tasks).toEqual(prefill.tasks);
  });

  it('the header shows names; the keys live in the hidden technical column and are read back from there', () => {
    const rows = headerRows({ ...HEADER, key: 'k-1', receipt: 'Đã nộp…', notice: 'Cảnh báo: …' });
    expect(rows).toHaveLength(HEADER_ROWS);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['CASCADE — BÁO CÁO', ''], ['Đơn vị', 'Phường Phú Hữu'], ['Kế hoạch', 'KH-TTCCHC/PPH — Cải cách hành chính năm 2020'], ['Chế độ báo cáo', 'Báo cáo quý'],
      ['Kỳ báo cáo', 'Quý I/2020'], ['Hạn nộp', 'chậm nhất 23:59 ngày 20/03/2020'], ['Khóa gửi', 'k-1'], ['Biên nhận', 'Đã nộp…'], ['Lý do trả lại / Cảnh báo', 'Cảnh báo: …'],
    ]);
    expect(rows.slice(1, 6).map((r) => r[TECH - 1])).toEqual(['26866', 'pl_1', 'sc_Q', '2020Q1', '2020-03-20T17:00:00.000Z']);
    expectNoRawCodes(rows.flatMap((r) => r.slice(0, VISIBLE).map(String)));
    expect(readHeader(rows)).toEqual({ ...HEADER, key: 'k-1', receipt: 'Đã nộp…', notice: 'Cảnh báo: …' });
  });

  it('writes codes Sheets would take for numbers, dates or formulas so that they come back as they were', () => {
    const h: ReportHeader = { ...HEADER, keys: { unit: '00004', plan: 'pl_1', schedule: 'sc_Q', period: '2026' }, key: '3e8a1c2d-0000-4000-8000-000000000000' };
    const stored = asWritten(headerRows(h)).map((r) => r.map(entered));
    expect(readHeader(stored)).toEqual(h);
    expect(asWritten([['2/3', '=HYPERLINK("x")', 'TRUE', 'Phường 1', 12]])).toEqual([["'2/3", '\'=HYPERLINK("x")', "'TRUE", 'Phường 1', 12]]);
  });

  it('refuses a sheet that is not a Cascade report', () => {
    expect(readHeader([['Bảng lương'], ['x']])).toEqual({ error: expect.stringContaining('không phải là sheet báo cáo Cascade') });
    expect(readHeader([['CASCADE — BÁO CÁO']])).toEqual({ error: expect.stringContaining('không phải là sheet báo cáo Cascade') }); // a title alone is not enough
  });

  it('names the tab in words, within 100 characters, keeping the period; copies are numbered', () => {
    expect(reportSheetName(HEADER)).toBe('Phường Phú Hữu · Báo cáo quý · Quý I/2020');
    expect(reportSheetName(HEADER, 2)).toBe('Phường Phú Hữu · Báo cáo quý · Quý I/2020 (2)');
    const long = fitName(['Ủy ban nhân dân Phường Phú Hữu, thành phố Thủ Đức'.repeat(2), 'Báo cáo kết quả thực hiện công tác cải cách hành chính', '6 tháng đầu năm 2026'], 3);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith(' · 6 tháng đầu năm 2026 (3)')).toBe(true);
  });
});

describe('checks placed on their cells', () => {
  it('puts each problem of the shared checker on its cell, in Vietnamese', () => {
    const answers = read(filled({ TTHC_DUNG_HAN: [[COL.numerator, 120], [COL.denominator, 'một trăm']], BAI_PHAT_THANH: [[COL.value, '3,5']], T2: [[3, 'Xong rồi']] }));
    const problems = checkSheet(PLAN, answers, false);
    const at = (code: string, column: number) => problems.filter((p) => p.row === rowOf(code) && p.column === column).map((p) => p.message);
    expect(at('TTHC_DUNG_HAN', COL.denominator)).toEqual(['phải là một số, ví dụ 95 (đang là "một trăm")']);
    expect(at('BAI_PHAT_THANH', COL.value)).toEqual(['phải là số nguyên không âm']);
    expect(at('T2', 3)).toEqual(['chọn Chưa thực hiện, Đang thực hiện, Hoàn thành']);
    expect(problems.find((p) => p.row === rowOf('BAI_PHAT_THANH'))?.label).toBe('Bài phát thanh');
  });

  it('on submit, names each unanswered indicator on its own cell; optional ones may stay empty', () => {
    const answers = read(filled({ BAI_PHAT_THANH: [[COL.value, 3]] }));
    expect(checkSheet(PLAN, answers, false)).toEqual([]);
    const problems = checkSheet(PLAN, answers, true);
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [rowOf('TTHC_DUNG_HAN'), COL.numerator, 'chưa có số liệu cho chỉ tiêu "Hồ sơ đúng hạn": nhập số liệu, hoặc chọn "không áp dụng" và ghi lý do'],
      [rowOf('HOM_THU'), COL.value, 'chưa có số liệu cho chỉ tiêu "Hòm thư góp ý": nhập số liệu, hoặc chọn "không áp dụng" và ghi lý do'],
    ]);
  });

  it('"không áp dụng" needs its reason and nothing else entered', () => {
    const answers = read(filled({ BAI_PHAT_THANH: [[COL.na, 'Có'], [COL.value, 2]] }));
    const problems = checkSheet(PLAN, answers, false).filter((p) => p.row === rowOf('BAI_PHAT_THANH'));
    expect(problems.map((p) => p.column).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([COL.value, COL.note]);
  });

  it("puts a plan's validation rule on its left indicator, and the API's own refusals on their cells", () => {
    const answers = read(filled({
      TTHC_DUNG_HAN: [[COL.numerator, 1], [COL.denominator, 1]], BAI_PHAT_THANH: [[COL.value, 5]], KINH_PHI: [[COL.value, 2]], HOM_THU: [[COL.value, 'Có']],
    }));
    expect(checkSheet(PLAN, answers, true)).toEqual([
      { row: rowOf('BAI_PHAT_THANH'), column: COL.value, label: 'Bài phát thanh', message: 'Số bài phát thanh không vượt quá kinh phí' },
    ]);
    const fromApi = placeProblems([{ path: 'values[2].note', message: 'dài tối đa 1.000 ký tự' }, { path: 'tasks', message: 'tối đa 500 mục' }], PLAN, answers);
    expect(fromApi).toEqual([
      { row: rowOf('KINH_PHI'), column: COL.note, label: 'Kinh phí', message: 'dài tối đa 1.000 ký tự' },
      { row: null, column: null, label: null, message: 'tối đa 500 mục' },
    ]);
  });

  it('writes notes and colours for the whole sheet in one grid each; input rules by kind', () => {
    const grid = filled({});
    const layout = layoutOf(grid)!;
    const problem = { row: rowOf('HOM_THU'), column: COL.value, label: null, message: 'sai' };
    const notes = problemNotes(grid.length, [problem]);
    expect(notes[rowOf('HOM_THU') - 1]![COL.value - 1]).toBe('sai');
    expect(notes.flat().filter(Boolean)).toEqual(['sai']);
    const style = sheetStyle(grid.length, layout, [problem]);
    expect(style.backgrounds[rowOf('HOM_THU') - 1]![COL.value - 1]).toBe('#ffcdd2');
    expect(style.backgrounds[rowOf('KINH_PHI') - 1]![COL.value - 1]).toBe('#fffde7'); // where to type
    expect(style.weights[layout.indicatorHead - 1]![0]).toBe('bold');
    expect(inputRules(PLAN)).toEqual([
      [null, 'nonNegative', 'nonNegative', 'yesNo'], ['nonNegative', null, null, 'yesNo'], ['number', null, null, 'yesNo'],
      ['yesNo', null, null, 'yesNo'], [null, null, null, 'yesNo'],
    ]);
  });

  it('lists problems for an alert with the indicator they concern', () => {
    const message = problemsMessage([{ row: 12, column: 6, label: 'Bài phát thanh', message: 'phải là số nguyên không âm' }], true);
    expect(message).toBe('Chưa nộp: báo cáo còn 1 lỗi, đã đánh dấu bằng ghi chú màu đỏ trên sheet. Sửa rồi nộp lại.\n• Bài phát thanh: phải là số nguyên không âm');
    expect(problemsMessage([], false)).toBe('Báo cáo hợp lệ, có thể nộp.');
  });
});

describe('receipts, return reasons and warnings', () => {
  const receipt = {
    reportId: 'rp_1', version: 2, status: 'submitted' as const, submittedAt: '2020-03-19T03:30:00Z', onTime: true, dueAt: OBLIGATION.dueAt,
    deadline: OBLIGATION.deadline, period: '2020Q1', periodLabel: 'Quý I/2020', warnings: [{ indicator: 'BAI_PHAT_THANH', message: '"Bài phát thanh" = 300 khác nhiều so với các kỳ trước của đơn vị (thường khoảng 12); hãy kiểm tra lại số liệu.' }],
  };

  it('writes a receipt a person can read, in local time', () => {
    expect(receiptText(receipt)).toBe('Đã nộp phiên bản 2 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN'); // UTC+7
    expect(receiptText({ ...receipt, onTime: false })).toMatch(/· TRỄ HẠN$/);
    expect(receiptText({ ...receipt, status: 'returned' })).toBe('Đã nộp phiên bản 2 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN · BỊ TRẢ LẠI');
    expect(receiptText({ version: 1, status: 'draft', submittedAt: null, onTime: null })).toBe('Bản nháp, phiên bản 1');
  });

  it('puts the return reason in full, then each warning, into the header', () => {
    expect(noticeText({ returnReason: 'Thiếu số liệu quý I.\nBổ sung trước ngày 25.', warnings: receipt.warnings })).toBe(
      `Bị trả lại — lý do: Thiếu số liệu quý I.\nBổ sung trước ngày 25.\nCảnh báo: ${receipt.warnings[0]!.message}`);
    expect(reportState(null, null)).toEqual({ receipt: '', notice: '' });
    expect(reportState(receipt, null).notice).toBe(`Cảnh báo: ${receipt.warnings[0]!.message}`);
  });

  it('tells a clerk after submitting which values to look at again', () => {
    expect(submittedMessage(receipt).split('\n')).toEqual([
      'Đã nộp phiên bản 2 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN', '',
      'Báo cáo đã nộp thành công, nhưng có 1 số liệu khác nhiều so với thường lệ; hãy kiểm tra lại (đã ghi ở đầu sheet):',
      `• ${receipt.warnings[0]!.message}`,
    ]);
    expect(submittedMessage({ ...receipt, warnings: [] })).toBe('Đã nộp phiên bản 2 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN');
  });
});

describe('API answers in Vietnamese', () => {
  it.each([
    [401, '{"detail":"Mã truy cập không hợp lệ."}', RELOGIN],
    [403, '{"detail":"Mã truy cập của Phường 15 không xem được Phường 13."}', 'Mã truy cập của Phường 15 không xem được Phường 13.'],
    [403, '', 'Mã truy cập này không có quyền với đơn vị hoặc báo cáo này.'],
    [409, '{"detail":"Báo cáo đã được tiếp nhận; cần cấp trên trả lại thì mới sửa được."}', 'Báo cáo đã được tiếp nhận; cần cấp trên trả lại thì mới sửa được.'],
    [422, '{"detail":"Khóa gửi (Idempotency-Key) này đã dùng cho một nội dung khác."}', 'Khóa gửi (Idempotency-Key) này đã dùng cho một nội dung khác.\nXóa ô "Khóa gửi" ở đầu sheet rồi nộp lại.'],
    [400, '{"detail":"Báo cáo có 1 lỗi (xem danh sách); chưa lưu gì.","errors":[{"path":"values[0].value","message":"phải là số nguyên không âm"}]}',
      'Báo cáo có 1 lỗi (xem danh sách); chưa lưu gì.\n• phải là số nguyên không âm'],
    [404, '{"detail":"Không có đường dẫn POST /v1/reports/27163/sc_1/2026Q3/document-link"}', OLD_SERVER],
    [404, '{"detail":"Đơn vị Phường 15 chưa lưu báo cáo này."}', 'Đơn vị Phường 15 chưa lưu báo cáo này.'],
    [502, '<html>Bad gateway</html>', 'Máy chủ Cascade đang gặp sự cố (lỗi 502); thử lại sau ít phút.'],
  ])('%i %s', (status, body, message) => {
    const r = interpret(status, body);
    expect(r).toMatchObject({ ok: false, status, message });
  });

  it('keeps the fields of a refusal, lists at most five, and treats "not found" as an answer where asked', () => {
    const errors = Array.from({ length: 7 }, (_, i) => ({ path: `values[${i}].value`, message: `lỗi ${i}` }));
    const r = interpret(400, JSON.stringify({ detail: 'Có 7 lỗi.', errors }));
    expect(r.ok || r.errors).toEqual(errors);
    expect(r.ok || r.message.split('\n')).toEqual(['Có 7 lỗi.', '• lỗi 0', '• lỗi 1', '• lỗi 2', '• lỗi 3', '• lỗi 4', '… và 2 lỗi khác.']);
    expect(dataOrNull(interpret(404, '{"detail":"Chưa lưu."}'))).toBeNull();
    expect(() => dataOrNull(interpret(403, '{"detail":"Không có quyền."}'))).toThrow('Không có quyền.');
  });

  it('accepts only http(s) base URLs, without a trailing slash; hints at the installed address after a network failure', () => {
    expect(normaliseBase(' https://cascade.hcmc.gov.vn/ ')).toBe('https://cascade.hcmc.gov.vn');
    expect(normaliseBase('https://gov.vn/cascade/')).toBe('https://gov.vn/cascade');
    expect(normaliseBase('cascade.hcmc.gov.vn')).toBeNull();
    expect(networkMessage('https://a.gov.vn', 'https://a.gov.vn')).toBe('Không kết nối được tới máy chủ Cascade. Kiểm tra mạng rồi thử lại; báo cáo chưa bị mất.');
    expect(networkMessage('https://b.gov.vn', 'https://a.gov.vn')).toContain('tiện ích được cài cho địa chỉ https://a.gov.vn');
  });

  it('builds the report paths from the keys', () => {
    const k = { unit: '27163', plan: 'pl_1', schedule: 'sc_1', period: '2026Q3' };
    expect(reportPath(k)).toBe('/v1/reports/27163/sc_1/2026Q3');
    expect(sidebarPaths(new Date('2026-06-14T00:00:00Z'))).toContain('/v1/obligations?status=submitted&dueAfter=2025-06-14T00%3A00%3A00.000Z&limit=100');
  });
});

describe('sidebar', () => {
  const now = new Date('2026-06-14T07:30:00Z'); // 14:30 in Hà Nội
  const o = (over: Partial<Obligation>): Obligation => ({ ...OBLIGATION, ...over });
  const items = sidebarItems([
    o({ id: '1', status: 'submitted', period: '2026S1', periodLabel: '6 tháng đầu năm 2026', scheduleName: 'Báo cáo 6 tháng', scheduleCode: '6T', dueAt: '2026-06-01T17:00:00Z', submittedAt: '2026-05-30T03:00:00Z', onTime: true }),
    o({ id: '2', status: 'open', period: '2026Q3', periodLabel: 'Quý III/2026', dueAt: '2026-09-14T17:00:00Z', deadline: 'chậm nhất 23:59 ngày 14/09/2026' }),
    o({ id: '3', status: 'open', period: '2026Q2', periodLabel: 'Quý II/2026', dueAt: '2026-06-14T16:59:00Z', deadline: 'trước 23:59 ngày 14/06/2026' }),
    o({ id: '4', status: 'overdue', period: 'ONCE', periodLabel: 'Một lần', scheduleName: 'Báo cáo sơ kết', dueAt: '2026-01-31T17:00:00Z', deadline: 'chậm nhất 23:59 ngày 31/01/2026' }),
    o({ id: '5', status: 'returned', period: '2026Q1', periodLabel: 'Quý I/2026', returnReason: 'Tỷ lệ hồ sơ đúng hạn chưa khớp với phần mềm một cửa; đề nghị rà soát lại toàn bộ số liệu quý I.', submittedAt: '2026-04-01T03:00:00Z', onTime: true }),
    o({ id: '3', status: 'open', period: '2026Q2', periodLabel: 'Quý II/2026', dueAt: '2026-06-14T16:59:00Z' }), // listed twice by the API pages
  ], now);

  it('orders returned, overdue, open (soonest first), then submitted, and words each item', () => {
    expect(items.map((i) => `${i.statusLabel} · ${i.title}`)).toEqual([
      'Bị trả lại · Báo cáo quý — Quý I/2026', 'Quá hạn · Báo cáo sơ kết — Một lần', 'Chưa đến hạn · Báo cáo quý — Quý II/2026',
      'Chưa đến hạn · Báo cáo quý — Quý III/2026', 'Đã nộp · Báo cáo 6 tháng — 6 tháng đầu năm 2026',
    ]);
    expect(items[0]!.reason).toBe('Bị trả lại — lý do: Tỷ lệ hồ sơ đúng hạn chưa khớp với phần mềm một cửa; đề nghị rà soát lại toàn bộ số liệu quý I.');
    expect(items[2]!.when).toBe('Hạn nộp: trước 23:59 ngày 14/06/2026 · còn 9 giờ');
    expect(items[1]!.when).toMatch(/· đã quá hạn hơn 4 tháng$/);
    expect(items[4]!.when).toBe('Đã nộp lúc 10:00 ngày 30/05/2026 · Đúng hạn');
    expect(items.map((i) => i.opens)).toEqual([true, true, true, true, false]);
    expect(items[3]!.key).toEqual({ unit: '26866', plan: 'pl_1', schedule: 'sc_Q', period: '2026Q3' });
    expectNoRawCodes(items.flatMap((i) => [i.statusLabel, i.unitName, i.title, i.when, i.reason ?? '']));
  });

  it("shows the active sheet's receipt and notice", () => {
    expect(sheetPanel({ ...HEADER, receipt: 'Đã nộp phiên bản 1 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN', notice: 'Cảnh báo: …' })).toEqual({
      title: 'Phường Phú Hữu · Báo cáo quý · Quý I/2020', deadline: 'Hạn nộp: chậm nhất 23:59 ngày 20/03/2020',
      receipt: 'Biên nhận: Đã nộp phiên bản 1 lúc 10:30 ngày 19/03/2020 · ĐÚNG HẠN', notice: 'Cảnh báo: …',
    });
    expect(sheetPanel(HEADER).receipt).toBe('Chưa nộp.');
    expect(sheetPanel({ ...HEADER, key: 'k' }).receipt).toMatch(/^Đang chờ xác nhận lần nộp trước/);
  });
});

describe('roll-up sheet', () => {
  type Ind = RollupNode['indicators'][number];
  const ind = (over: Partial<Ind>): Ind => ({
    code: 'R', name: 'Tỷ lệ', kind: 'percent', aggregation: 'ratio', value: null, numerator: null, denominator: null, target: { op: '>', value: 95 },
    met: null, unitsReporting: 0, unitsNotApplicable: 0, unitsMeetingTarget: 0, outliers: 0, ...over,
  });
  const comp = (s: number) => ({ expected: 1, submitted: s, onTime: s, late: 0, returned: 0, missing: s ? [] : ['x'] });
  const node = (name: string, s: number, indicators: Ind[]): RollupNode => ({ unit: name, name, period: '2021S1', periodLabel: '6 tháng đầu năm 2021', completeness: comp(s), indicators });
  const rollup: RollupNode = {
    ...node('Quận 10', 2, [ind({ value: 93.5, met: false, unitsReporting: 2, unitsNotApplicable: 1, unitsMeetingTarget: 1, outliers: 1 })]),
    completeness: { ...comp(2), expected: 3 },
    children: [
      node('Phường 2', 1, [ind({ value: 97, met: true, unitsReporting: 1, unitsMeetingTarget: 1 })]),
      node('Phường 10', 1, [ind({ value: 90, met: false, unitsReporting: 1, outliers: 1 })]),
      node('Phường 15', 1, [ind({ unitsNotApplicable: 1 })]),
      node('Phường 14', 0, [ind({})]),
    ],
  };
  const g = rollupGrid(rollup, { planLabel: 'KH-PAPI/Q10 — Nâng cao Chỉ số PAPI', scheduleName: 'Báo cáo 6 tháng' });

  it('one row per child in the API order, a totals row, "Không áp dụng", empty for no data, colours where a target is met or missed', () => {
    expect(g.rows[0]![0]).toBe('TỔNG HỢP — Quận 10 — 6 tháng đầu năm 2021');
    expect(g.rows[1]![0]).toBe('KH-PAPI/Q10 — Nâng cao Chỉ số PAPI · Báo cáo 6 tháng');
    expect(g.rows[2]).toEqual(['Đơn vị', 'Đã nộp / phải nộp', 'Đúng hạn', 'Tỷ lệ (trên 95 %)']);
    expect(g.rows.slice(3)).toEqual([
      ['Phường 2', '1/1', 1, 97], ['Phường 10', '1/1', 1, 90], ['Phường 15', '1/1', 1, 'Không áp dụng'], ['Phường 14', '0/1', 0, ''], ['Tổng cộng', '2/3', 2, 93.5],
    ]);
    expect(g.backgrounds.slice(3).map((r) => r[3])).toEqual(['#c8e6c9', '#ffcdd2', null, null, '#ffcdd2']);
    expectNoRawCodes(g.rows.flat().map(String));
  });

  it('explains how each indicator adds up, and flags outliers, in notes', () => {
    expect(g.notes[2]![3]).toBe('Cách tính: tổng tử số chia tổng mẫu số.');
    expect(g.notes[4]![3]).toBe('Có số liệu khác nhiều so với các kỳ trước hoặc các đơn vị cùng cấp; cần xem lại.');
    expect(g.notes[7]![3]).toBe('Cách tính: tổng tử số chia tổng mẫu số. 2 đơn vị có số liệu. 1 đơn vị không áp dụng. 1 đơn vị đạt mục tiêu. 1 số liệu cần xem lại (khác nhiều so với thường lệ).');
    expect(g.notes[3]![3]).toBe('');
  });

  it('names the tab and offers periods by label', () => {
    expect(rollupSheetName(rollup, 'KH-PAPI/Q10', 'Báo cáo 6 tháng')).toBe('Tổng hợp · Quận 10 · KH-PAPI/Q10 · Báo cáo 6 tháng · 6 tháng đầu năm 2021');
    const o = (schedule: string, period: string, periodLabel: string, scheduleName: string) => ({ ...OBLIGATION, schedule, period, periodLabel, scheduleName });
    expect(rollupPeriods([
      o('sc_6T', '2021S1', '6 tháng đầu năm 2021', 'Báo cáo 6 tháng'), o('sc_6T', '2021S1', '6 tháng đầu năm 2021', 'Báo cáo 6 tháng'),
      o('sc_SK', 'ONCE', 'Một lần', 'Báo cáo sơ kết'), o('sc_6T', '2021S2', '6 tháng cuối năm 2021', 'Báo cáo 6 tháng'),
    ])).toEqual([
      { schedule: 'sc_6T', period: '2021S1', label: 'Báo cáo 6 tháng — 6 tháng đầu năm 2021' },
      { schedule: 'sc_SK', period: 'ONCE', label: 'Báo cáo sơ kết — Một lần' },
      { schedule: 'sc_6T', period: '2021S2', label: 'Báo cáo 6 tháng — 6 tháng cuối năm 2021' },
    ]);
  });
});

describe('Tải báo cáo Word', () => {
  const keys = { unit: '27163', plan: 'pl_1', schedule: 'sc_6T', period: '2026S1' };

  it('asks for a link at the report\'s document-link route', () => {
    expect(documentLinkPath(keys)).toBe('/v1/reports/27163/sc_6T/2026S1/document-link');
    expect(documentLinkPath({ ...keys, unit: '771-NV' })).toBe('/v1/reports/771-NV/sc_6T/2026S1/document-link');
  });

  it('offers the link in a new tab, and says in words until when it works', () => {
    const html = documentDialog({ url: 'https://cascade.hcmc.gov.vn/v1/documents/rp_1.docx?exp=1781426400&sig=a"b&c=<x>', expiresAt: '2026-06-14T03:45:00Z' }, new Date('2026-06-14T03:30:00Z'))!;
    expect(html).toContain('<a href="https://cascade.hcmc.gov.vn/v1/documents/rp_1.docx?exp=1781426400&amp;sig=a&quot;b&amp;c=&lt;x&gt;" target="_blank" rel="noopener">Mở báo cáo Word</a>');
    expect(html).toContain('Liên kết dùng được đến 10:45 ngày 14/06/2026 (còn 15 phút); sau đó chọn lại Cascade › Tải báo cáo Word.');
    expectNoRawCodes([html.replace(/<[^>]*>/g, ' ')]);
  });

  it('offers nothing a browser should not open', () => {
    expect(documentDialog({ url: 'javascript:alert(1)', expiresAt: '2026-06-14T03:45:00Z' }, new Date())).toBeNull();
    expect(documentDialog({ url: 'https://x', expiresAt: 'soon' }, new Date())).toBeNull();
  });
});

describe('pages', () => {
  it('fill placeholders with escaped values only', () => {
    expect(fillPage('<input value="{{apiUrl}}"> {{other}}', { apiUrl: 'https://a.gov.vn/?a="1"&b' })).toBe('<input value="https://a.gov.vn/?a=&quot;1&quot;&amp;b"> {{other}}');
  });
});
