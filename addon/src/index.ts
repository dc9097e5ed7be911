/**
 * The add-on's entry points: every function here becomes a top-level function of Code.js, callable from the menu,
 * from google.script.run, or by Apps Script itself (onOpen, onInstall).
 */
import type { Obligation, Plan, ReportReceipt, RollupNode } from '../../schemas';
import { normaliseBase } from './core/api';
import { parseReportGrid, receiptText, reportGrid, ROW, TASK_STATUS_LABEL, validateParsed, WIDTH, YES, NO, type PlanPart, type ReportMeta } from './core/report-sheet';
import { rollupGrid } from './core/rollup-sheet';
import { api, apiAll, saveConnectionProps, UserError } from './gas/http';
import CONNECT_HTML from './pages/connect.html';
import ROLLUP_HTML from './pages/rollup.html';
import SIDEBAR_HTML from './pages/sidebar.html';

const MENU = 'Cascade';

function ui() {
  return SpreadsheetApp.getUi();
}

/** Runs an action; a UserError becomes an alert (from the menu) or a rejected promise (from the sidebar). */
function guarded<T>(fn: () => T, alert: boolean): T | undefined {
  try {
    return fn();
  } catch (e) {
    const message = e instanceof UserError ? e.message : 'Đã có lỗi ngoài dự kiến; thao tác chưa hoàn tất. Thử lại, hoặc báo cho quản trị viên.';
    if (!(e instanceof UserError)) console.error(e);
    if (alert) {
      ui().alert('Cascade', message, ui().ButtonSet.OK);
      return undefined;
    }
    throw new Error(message);
  }
}

export function onOpen() {
  ui()
    .createAddonMenu()
    .addItem('Kết nối', 'showConnect')
    .addItem('Báo cáo của tôi', 'showSidebar')
    .addItem('Tạo sheet báo cáo', 'showSidebar')
    .addSeparator()
    .addItem('Kiểm tra', 'validateActiveSheet')
    .addItem('Nộp báo cáo', 'submitActiveSheet')
    .addSeparator()
    .addItem('Lấy tổng hợp', 'showRollupDialog')
    .addItem('Tổng hợp lên cấp trên', 'compileActiveSheet')
    .addSeparator()
    .addItem('Hướng dẫn', 'showHelp')
    .addToUi();
}

export function onInstall() {
  onOpen();
}

export function showConnect() {
  ui().showModalDialog(HtmlService.createHtmlOutput(CONNECT_HTML).setWidth(420).setHeight(300), 'Kết nối Cascade');
}

/** From the Connect dialog: keeps URL and token in the user's properties (never in a cell) and tests them. */
export function saveConnection(url: string, token: string) {
  return guarded(() => {
    const base = normaliseBase(url);
    if (!base) throw new UserError('Địa chỉ máy chủ phải có dạng https://…');
    if (!token.trim()) throw new UserError('Hãy nhập mã truy cập của đơn vị.');
    saveConnectionProps(base, token.trim());
    const mine = api<{ items: Obligation[] }>('get', '/v1/obligations?limit=1');
    return { ok: true, message: `Đã kết nối tới ${base}. ${mine.items.length ? `Đơn vị: ${mine.items[0]!.unitName}.` : ''}` };
  }, false);
}

export function showSidebar() {
  ui().showSidebar(HtmlService.createHtmlOutput(SIDEBAR_HTML).setTitle('Báo cáo của tôi'));
}

/** For the sidebar: what my unit owes, overdue and open first. */
export function listObligations() {
  return guarded(() => {
    const [overdue, returned, open, submitted] = apiAll<{ items: Obligation[] }>([
      '/v1/obligations?status=overdue&limit=200', '/v1/obligations?status=returned&limit=200',
      '/v1/obligations?status=open&limit=200', '/v1/obligations?status=submitted&limit=50',
    ]);
    return [...returned!.items, ...overdue!.items, ...open!.items, ...submitted!.items];
  }, false);
}

function planPart(plan: Plan): PlanPart {
  return { indicators: plan.indicators, tasks: plan.tasks.map((t) => ({ code: t.code, title: t.title })), validationRules: plan.validationRules };
}

type ReportView = { values: { indicator: string; value?: unknown; numerator?: number | null; denominator?: number | null; note?: string | null }[]; tasks: any[] };

/** Writes a report sheet (a new tab) for one obligation: one setValues, one protect, validations, widths. */
function writeReportSheet(o: Obligation, plan: Plan, prefill?: ReportView, receipt = '') {
  const schedule = plan.schedules.find((s) => s.id === o.schedule)!;
  const meta: ReportMeta = {
    unit: o.unit, unitName: o.unitName, plan: plan.id, planLabel: `${plan.number} — ${plan.title}`, schedule: o.schedule,
    scheduleLabel: schedule.name ?? schedule.code, period: o.period, deadline: o.deadline, key: '', receipt,
  };
  const { rows, firstIndicatorRow, firstTaskRow } = reportGrid(meta, planPart(plan), prefill as never);
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const name = `${o.unit} ${schedule.code} ${o.period}`.slice(0, 90);
  const sheet = book.getSheetByName(name) ?? book.insertSheet(name);
  sheet.clear();
  sheet.getRange(1, 1, rows.length, WIDTH).setValues(rows);
  const header = sheet.getRange(1, 1, ROW.receipt, WIDTH);
  header.protect().setDescription('Cascade: thông tin báo cáo, không sửa').setWarningOnly(true);
  // Data validation by kind, for the whole input block in one call.
  const rules = plan.indicators.map((ind) => {
    const numberRule = SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false).build();
    const anyNumber = SpreadsheetApp.newDataValidation().requireNumberBetween(-1e15, 1e15).setAllowInvalid(false).build();
    const yesNo = SpreadsheetApp.newDataValidation().requireValueInList([YES, NO], true).build();
    if (ind.kind === 'percent' || ind.kind === 'ratio') return [null, numberRule, numberRule];
    if (ind.kind === 'count') return [numberRule, null, null];
    if (ind.kind === 'number') return [anyNumber, null, null];
    if (ind.kind === 'boolean') return [yesNo, null, null];
    return [null, null, null];
  });
  if (rules.length) sheet.getRange(firstIndicatorRow, 6, rules.length, 3).setDataValidations(rules);
  if (plan.tasks.length) {
    const status = SpreadsheetApp.newDataValidation().requireValueInList(Object.values(TASK_STATUS_LABEL), true).build();
    sheet.getRange(firstTaskRow, 3, plan.tasks.length, 1).setDataValidations(plan.tasks.map(() => [status]));
  }
  sheet.getRange(1, 1, 1, WIDTH).setFontWeight('bold');
  sheet.setColumnWidths(1, WIDTH, 140);
  book.setActiveSheet(sheet);
  return sheet;
}

/** From the sidebar: a report sheet for one of my obligations. */
export function insertReportSheet(unit: string, scheduleId: string, period: string) {
  return guarded(() => {
    const [owed] = apiAll<{ items: Obligation[] }>([`/v1/obligations?unit=${encodeURIComponent(unit)}&schedule=${encodeURIComponent(scheduleId)}&period=${encodeURIComponent(period)}`]);
    const o = owed!.items.find((x) => x.unit === unit);
    if (!o) throw new UserError(`Không tìm thấy kỳ báo cáo ${period} của ${unit}.`);
    const plan = api<Plan>('get', `/v1/plans/${o.plan}`);
    const sheet = writeReportSheet(o, plan);
    return { sheet: sheet.getName() };
  }, false);
}

function activeReport() {
  const sheet = SpreadsheetApp.getActiveSheet();
  const range = sheet.getDataRange();
  const parsed = parseReportGrid(range.getValues());
  if ('error' in parsed) throw new UserError(parsed.error);
  return { sheet, range, parsed };
}

/** Marks bad cells with notes and red backgrounds (one read, one write each); returns the problems. */
function markProblems(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, problems: { row: number | null; column: number | null; message: string }[]) {
  const notes: string[][] = Array.from({ length: rows }, () => Array(WIDTH).fill(''));
  const colours: (string | null)[][] = Array.from({ length: rows }, () => Array(WIDTH).fill(null));
  for (const p of problems) {
    if (p.row === null || p.column === null || p.row > rows) continue;
    notes[p.row - 1]![p.column - 1] = p.message;
    colours[p.row - 1]![p.column - 1] = '#ffcdd2';
  }
  const all = sheet.getRange(1, 1, rows, WIDTH);
  all.setNotes(notes);
  all.setBackgrounds(colours);
}

function check(submit: boolean) {
  const { sheet, range, parsed } = activeReport();
  const plan = api<Plan>('get', `/v1/plans/${parsed.meta.plan}`);
  const problems = validateParsed(planPart(plan), parsed, submit);
  markProblems(sheet, range.getNumRows(), problems);
  return { sheet, parsed, problems };
}

export function validateActiveSheet() {
  return guarded(() => {
    const { problems } = check(true);
    const message = problems.length
      ? `Có ${problems.length} lỗi, đã đánh dấu bằng ghi chú màu đỏ:\n${problems.slice(0, 10).map((p) => `• ${p.message}`).join('\n')}`
      : 'Báo cáo hợp lệ, có thể nộp.';
    ui().alert('Kiểm tra báo cáo', message, ui().ButtonSet.OK);
    return problems;
  }, true);
}

/**
 * Submits the active report sheet in one request. Its Idempotency-Key is written into the sheet before sending and
 * cleared only after success, so a retry after a lost answer — even days later — can never record it twice.
 */
export function submitActiveSheet() {
  return guarded(() => {
    const lock = LockService.getDocumentLock();
    if (!lock.tryLock(10_000)) throw new UserError('Một người khác đang nộp báo cáo trong bảng tính này; thử lại sau ít phút.');
    try {
      const { sheet, parsed, problems } = check(true);
      if (problems.length) throw new UserError(`Báo cáo còn ${problems.length} lỗi, đã đánh dấu trên sheet. Sửa rồi nộp lại.`);
      const key = parsed.meta.key || Utilities.getUuid();
      if (!parsed.meta.key) sheet.getRange(ROW.key, 2).setValue(key);
      const receipt = api<ReportReceipt>(
        'put',
        `/v1/reports/${encodeURIComponent(parsed.meta.unit)}/${encodeURIComponent(parsed.meta.schedule)}/${encodeURIComponent(parsed.meta.period)}`,
        { ...parsed.body, submit: true },
        { 'idempotency-key': key },
      );
      sheet.getRange(ROW.key, 2, 2, 1).setValues([[''], [receiptText(receipt)]]);
      ui().alert('Đã nộp báo cáo', receiptText(receipt), ui().ButtonSet.OK);
      return receipt;
    } finally {
      lock.releaseLock();
    }
  }, true);
}

export function showRollupDialog() {
  ui().showModalDialog(HtmlService.createHtmlOutput(ROLLUP_HTML).setWidth(460).setHeight(320), 'Lấy tổng hợp');
}

/** For the roll-up dialog: the active plans I can see. */
export function listPlans() {
  return guarded(() => api<{ items: { id: string; number: string; title: string }[] }>('get', '/v1/plans?status=active&limit=200').items, false);
}

/** A district pulls its wards' roll-up into a new sheet: one setValues, one setBackgrounds, one chart. */
export function pullRollup(planId: string, period: string, unit?: string) {
  return guarded(() => {
    const q = `plan=${encodeURIComponent(planId)}&period=${encodeURIComponent(period)}${unit ? `&unit=${encodeURIComponent(unit)}` : ''}`;
    const [rollup, plan] = apiAll<unknown>([`/v1/rollups?${q}`, `/v1/plans/${encodeURIComponent(planId)}`]) as [RollupNode, Plan];
    const g = rollupGrid(rollup, `${plan.number} — ${plan.title}`);
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const name = `Tổng hợp ${rollup.unit} ${period}`.slice(0, 90);
    const sheet = book.getSheetByName(name) ?? book.insertSheet(name);
    sheet.clear();
    sheet.getCharts().forEach((c) => sheet.removeChart(c));
    const range = sheet.getRange(1, 1, g.rows.length, g.width);
    range.setValues(g.rows);
    range.setBackgrounds(g.backgrounds);
    if (g.width > 4 && g.lastDataRow >= g.firstDataRow) {
      const chart = sheet.newChart().asBarChart()
        .addRange(sheet.getRange(g.headerRow, 2, g.lastDataRow - g.headerRow + 1, 1))
        .addRange(sheet.getRange(g.headerRow, 5, g.lastDataRow - g.headerRow + 1, 1))
        .setNumHeaders(1).setPosition(g.lastDataRow + 3, 2, 0, 0).setOption('title', String(g.rows[g.headerRow - 1]![4]))
        .build();
      sheet.insertChart(chart);
    }
    book.setActiveSheet(sheet);
    return { sheet: name, rows: g.rows.length };
  }, false);
}

/**
 * Compile upward: the active sheet is this unit's own report to the level above; the API pre-fills a draft from
 * its children's roll-up, and the sheet is rewritten with those values for review before submitting.
 */
export function compileActiveSheet() {
  return guarded(() => {
    const { parsed } = activeReport();
    const m = parsed.meta;
    const path = `/v1/reports/${encodeURIComponent(m.unit)}/${encodeURIComponent(m.schedule)}/${encodeURIComponent(m.period)}`;
    const draft = api<ReportReceipt>('post', `${path}/compile`);
    const [report, owed, plan] = apiAll<unknown>([path, `/v1/obligations?unit=${encodeURIComponent(m.unit)}&schedule=${encodeURIComponent(m.schedule)}&period=${encodeURIComponent(m.period)}`, `/v1/plans/${encodeURIComponent(m.plan)}`]) as [ReportView, { items: Obligation[] }, Plan];
    const o = owed.items.find((x) => x.unit === m.unit)!;
    writeReportSheet(o, plan, report, receiptText(draft));
    ui().alert('Tổng hợp lên cấp trên', 'Đã điền số liệu tổng hợp từ các đơn vị cấp dưới (bản nháp). Kiểm tra rồi chọn Nộp báo cáo.', ui().ButtonSet.OK);
    return draft;
  }, true);
}

export function showHelp() {
  ui().alert(
    'Hướng dẫn Cascade',
    [
      '1. Kết nối: nhập địa chỉ máy chủ Cascade và mã truy cập của đơn vị (do cấp trên cấp).',
      '2. Báo cáo của tôi: xem các kỳ báo cáo phải nộp, hạn nộp và trạng thái; chọn một kỳ để tạo sheet báo cáo.',
      '3. Điền cột Giá trị (hoặc Tử số/Mẫu số với chỉ tiêu tỷ lệ); ô để trống nghĩa là chưa có số liệu, không phải 0.',
      '4. Kiểm tra, rồi Nộp báo cáo: biên nhận (phiên bản, thời gian, đúng hạn hay trễ hạn) ghi vào đầu sheet.',
      '5. Cấp quận/huyện: Lấy tổng hợp để xem số liệu các phường; Tổng hợp lên cấp trên để lập báo cáo của mình.',
    ].join('\n'),
    ui().ButtonSet.OK,
  );
}
