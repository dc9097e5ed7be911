/** The report sheet's actions: open one, check it, submit it, compile it upward, get its Word document. */
import type { Obligation, Plan, Report, ReportReceipt } from '../../../schemas';
import { ApiRefusal, dataOf, dataOrNull, obligationPath, planPath, reportPath, sidebarPaths, UserError, type ReportKeys } from '../core/api';
import { checkSheet, placeProblems, type Placed } from '../core/checks';
import { documentDialog, documentLinkPath, NO_DOCUMENT, type DocumentLink } from '../core/document';
import { COMPILED, noticeText, problemsMessage, receiptText, reportState, submittedMessage } from '../core/notices';
import { headerFor, headerRows, layoutOf, readAnswers, readHeader, reportGrid, reportSheetName, type Cell, type ReportHeader } from '../core/report-sheet';
import { sheetPanel, sidebarItems, type SheetPanel, type SidebarItem } from '../core/sidebar';
import { api, apiAll } from './http';
import { activeGrid, activeHeaderRows, formatNewReportSheet, markProblems, reportTab, writeHeader, writeKey, writeReceipt, writeReportSheet } from './sheets';
import { alert, dialog } from './ui';

type ReportView = Report;

/** For the sidebar: what my unit owes, worded and ordered, from one round trip. */
export function listObligations(): SidebarItem[] {
  const now = new Date();
  const lists = apiAll(sidebarPaths(now)).map((o) => dataOf<{ items: Obligation[] }>(o).items);
  return sidebarItems(lists.flat(), now);
}

function headerOrError(grid: Cell[][]): ReportHeader {
  const h = readHeader(grid);
  if ('error' in h) throw new UserError(h.error);
  return h;
}

/** For the sidebar's panel: the active report sheet's receipt and warnings, from its header (null elsewhere). */
export function activeReportPanel(): SheetPanel | null {
  const h = readHeader(activeHeaderRows());
  return 'error' in h ? null : sheetPanel(h);
}

/**
 * From the sidebar: the report sheet of one obligation, in one round trip (obligation, plan, last saved version). A
 * new tab is pre-filled from the saved version; a tab already made for it keeps what was typed and gets a fresh header.
 */
export function insertReportSheet(k: ReportKeys): { sheet: string; message: string } {
  const [owed, planAnswer, reportAnswer] = apiAll([obligationPath(k), planPath(k.plan), reportPath(k)]);
  const o = dataOf<{ items: Obligation[] }>(owed!).items.find((x) => x.unit === k.unit);
  if (!o) throw new UserError('Không tìm thấy kỳ báo cáo này; có thể kế hoạch đã thay đổi. Chọn Tải lại trong danh sách.');
  const plan = dataOf<Plan>(planAnswer!);
  const report = dataOrNull<ReportView>(reportAnswer!);
  const header = headerFor(o, plan, reportState(report, o.returnReason));
  const { sheet, existing } = reportTab(header);
  if (existing) {
    writeHeader(sheet, headerRows({ ...header, key: existing.key }));
  } else {
    const { rows, layout } = reportGrid(header, plan, report);
    writeReportSheet(sheet, rows, layout, plan);
    formatNewReportSheet(sheet);
  }
  SpreadsheetApp.getActiveSpreadsheet().setActiveSheet(sheet);
  const name = sheet.getName();
  return {
    sheet: name,
    message: existing
      ? `Đã mở lại sheet "${name}" (giữ nguyên số liệu đã nhập).${header.notice ? `\n${header.notice}` : ''}`
      : `Đã tạo sheet "${name}". Điền số liệu rồi chọn Cascade › Nộp báo cáo.`,
  };
}

/** The active report sheet read once and checked against its plan (one fetch); problems are marked on the sheet. */
function check(submit: boolean) {
  const { sheet, grid } = activeGrid();
  const header = headerOrError(grid);
  const layout = layoutOf(grid);
  if (!layout) throw new UserError('Không tìm thấy bảng chỉ tiêu (dòng tiêu đề "Mã | Chỉ tiêu") trên sheet này.');
  const plan = api<Plan>('get', planPath(header.keys.plan));
  const answers = readAnswers(grid, layout, plan);
  const problems = checkSheet(plan, answers, submit);
  markProblems(sheet, grid.length, layout, problems);
  return { sheet, grid, header, layout, plan, answers, problems };
}

export function validateActiveSheet(): Placed[] {
  const { problems } = check(true);
  alert('Kiểm tra báo cáo', problemsMessage(problems, false));
  return problems;
}

/**
 * Submits the active report sheet in one request. Its Idempotency-Key is written into the sheet before sending and
 * cleared only after success, so a retry after a lost answer — even days later — can never record it twice.
 */
export function submitActiveSheet(): ReportReceipt {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(10_000)) throw new UserError('Một người khác đang nộp báo cáo trong bảng tính này; thử lại sau ít phút.');
  try {
    const c = check(true);
    if (c.problems.length) throw new UserError(problemsMessage(c.problems, true));
    const key = c.header.key || Utilities.getUuid();
    if (!c.header.key) writeKey(c.sheet, key);
    let receipt: ReportReceipt;
    try {
      receipt = api<ReportReceipt>('put', reportPath(c.header.keys), { ...c.answers.body, submit: true }, { 'idempotency-key': key });
    } catch (e) {
      // The API may know more than the sheet (a plan changed since it was read): its fields go on their cells too.
      if (e instanceof ApiRefusal && e.errors.length) markProblems(c.sheet, c.grid.length, c.layout, placeProblems(e.errors, c.plan, c.answers));
      throw e;
    }
    writeReceipt(c.sheet, receiptText(receipt), noticeText({ warnings: receipt.warnings }));
    alert('Đã nộp báo cáo', submittedMessage(receipt));
    return receipt;
  } finally {
    lock.releaseLock();
  }
}

/**
 * Compile upward: the active sheet is this unit's own report to the level above; the API pre-fills a draft from
 * its children's roll-up, and the sheet is rewritten with that draft to review before submitting.
 */
export function compileActiveSheet(): ReportReceipt {
  const { sheet, grid } = activeGrid();
  const header = headerOrError(grid);
  const draft = api<ReportReceipt>('post', `${reportPath(header.keys)}/compile`);
  const [reportAnswer, planAnswer] = apiAll([reportPath(header.keys), planPath(header.keys.plan)]);
  const plan = dataOf<Plan>(planAnswer!);
  const { rows, layout } = reportGrid({ ...header, key: '', receipt: receiptText(draft), notice: noticeText(draft) }, plan, dataOf<ReportView>(reportAnswer!));
  writeReportSheet(sheet, rows, layout, plan);
  alert('Tổng hợp lên cấp trên', COMPILED);
  return draft;
}

/** "Tải báo cáo Word": a short-lived link to the active report's Decree 30 document, in a small dialog. */
export function downloadReportDocument(): DocumentLink {
  const header = headerOrError(activeHeaderRows());
  const link = api<DocumentLink>('post', documentLinkPath(header.keys), {});
  const html = documentDialog(link, new Date());
  if (!html) throw new UserError(NO_DOCUMENT);
  dialog(html, `Báo cáo Word — ${reportSheetName(header)}`, 420, 160);
  return link;
}
