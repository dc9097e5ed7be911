/** Reading and writing sheets: each range in one call, never cell by cell (every call costs quota and time). */
import type { ReportKeys } from '../core/api';
import { FIRST_INPUT_COLUMN, inputRules, problemNotes, sheetStyle, type InputRule, type Placed } from '../core/checks';
import {
  asWritten, asWrittenCell, HEADER_ROWS, readHeader, reportSheetName, ROW, TASK_COL, TASK_STATUS_LABEL, TECH, VISIBLE, WIDTH, YES, NO,
  type Cell, type Layout, type PlanPart, type ReportHeader,
} from '../core/report-sheet';
import type { RollupGrid } from '../core/rollup-sheet';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Validation = GoogleAppsScript.Spreadsheet.DataValidation;
/** Copies of a tab name tried before giving up (two reports whose names are the same). */
const MAX_COPIES = 20;

/** The active sheet and everything on it, in one read. */
export function activeGrid(): { sheet: Sheet; grid: Cell[][] } {
  const sheet = SpreadsheetApp.getActiveSheet();
  return { sheet, grid: sheet.getDataRange().getValues() as Cell[][] };
}

/** Just the header rows of the active sheet (a panel or a link needs no more). */
export function activeHeaderRows(): Cell[][] {
  return SpreadsheetApp.getActiveSheet().getRange(1, 1, HEADER_ROWS, WIDTH).getValues() as Cell[][];
}

const sameKeys = (a: ReportKeys, b: ReportKeys) => a.unit === b.unit && a.plan === b.plan && a.schedule === b.schedule && a.period === b.period;

/**
 * The tab of a report: the one already made for it, or a free name ("… (2)" when another report has the same
 * name). `existing` carries its header, so a re-opened sheet keeps what the clerk typed and the pending key.
 */
export function reportTab(h: ReportHeader): { sheet: Sheet; existing: ReportHeader | null } {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  for (let copy = 1; copy <= MAX_COPIES; copy++) {
    const name = reportSheetName(h, copy);
    const sheet = book.getSheetByName(name);
    if (!sheet) return { sheet: book.insertSheet(name), existing: null };
    const found = readHeader(sheet.getRange(1, 1, HEADER_ROWS, WIDTH).getValues() as Cell[][]);
    if (!('error' in found) && sameKeys(found.keys, h.keys)) return { sheet, existing: found };
  }
  return { sheet: book.insertSheet(), existing: null };
}

function validation(rule: InputRule, built: Map<InputRule, Validation>): Validation | null {
  if (rule === null) return null;
  let v = built.get(rule);
  if (!v) {
    const b = SpreadsheetApp.newDataValidation();
    v = (rule === 'nonNegative' ? b.requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false)
      : rule === 'number' ? b.requireNumberBetween(-1e15, 1e15).setAllowInvalid(false)
        : b.requireValueInList([YES, NO], true)).build();
    built.set(rule, v);
  }
  return v;
}

/** A new report tab's one-time format: the header protected (warning only), the technical column hidden, widths. */
export function formatNewReportSheet(sheet: Sheet) {
  sheet.getRange(1, 1, HEADER_ROWS, WIDTH).protect().setDescription('Cascade: thông tin báo cáo, không sửa').setWarningOnly(true);
  sheet.hideColumns(TECH);
  sheet.setColumnWidths(1, VISIBLE, 120);
  sheet.setColumnWidths(2, 1, 320);
}

/** The whole report (one setValues), its colours, weights and cleared notes, and the input rules by kind. */
export function writeReportSheet(sheet: Sheet, rows: Cell[][], layout: Layout, plan: PlanPart) {
  sheet.clear();
  const all = sheet.getRange(1, 1, rows.length, WIDTH);
  all.setValues(asWritten(rows));
  const style = sheetStyle(rows.length, layout);
  all.setBackgrounds(style.backgrounds);
  all.setFontWeights(style.weights);
  all.setNotes(problemNotes(rows.length, []));
  const built = new Map<InputRule, Validation>();
  const rules = inputRules(plan).map((r) => r.map((rule) => validation(rule, built)));
  if (rules.length) sheet.getRange(layout.indicators[0]!, FIRST_INPUT_COLUMN, rules.length, rules[0]!.length).setDataValidations(rules);
  if (layout.tasks.length) {
    const status = SpreadsheetApp.newDataValidation().requireValueInList(Object.values(TASK_STATUS_LABEL), true).build();
    sheet.getRange(layout.tasks[0]!, TASK_COL.status, layout.tasks.length, 1).setDataValidations(layout.tasks.map(() => [status]));
  }
}

/** Rewrites only the header rows (a re-opened sheet: the clerk's figures and any pending key stay). */
export function writeHeader(sheet: Sheet, rows: Cell[][]) {
  sheet.getRange(1, 1, rows.length, WIDTH).setValues(asWritten(rows));
}

/** Notes and red backgrounds on the bad cells, every other note cleared: one setNotes, one setBackgrounds. */
export function markProblems(sheet: Sheet, rows: number, layout: Layout | null, problems: Placed[]) {
  const all = sheet.getRange(1, 1, rows, WIDTH);
  all.setNotes(problemNotes(rows, problems));
  all.setBackgrounds(sheetStyle(rows, layout, problems).backgrounds);
}

/** The Idempotency-Key of a submission, written before it is sent. */
export function writeKey(sheet: Sheet, key: string) {
  sheet.getRange(ROW.key, 2).setValue(asWrittenCell(key));
}

/** After a confirmed submission: the key cleared, the receipt and the notice written, in one call. */
export function writeReceipt(sheet: Sheet, receipt: string, notice: string) {
  sheet.getRange(ROW.key, 2, 3, 1).setValues(asWritten([[''], [receipt], [notice]]));
}

/** A roll-up tab (rewritten each time it is pulled): values, colours and notes in one call each, and one chart. */
export function writeRollupSheet(name: string, g: RollupGrid) {
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = book.getSheetByName(name) ?? book.insertSheet(name);
  sheet.clear();
  sheet.getCharts().forEach((c) => sheet.removeChart(c));
  const range = sheet.getRange(1, 1, g.rows.length, g.width);
  range.setValues(asWritten(g.rows));
  range.setBackgrounds(g.backgrounds);
  range.setNotes(g.notes);
  const first = g.firstIndicatorColumn;
  if (g.width >= first && g.lastDataRow >= g.firstDataRow) {
    const rows = g.lastDataRow - g.headerRow + 1;
    const chart = sheet.newChart().asBarChart()
      .addRange(sheet.getRange(g.headerRow, 1, rows, 1))
      .addRange(sheet.getRange(g.headerRow, first, rows, 1))
      .setNumHeaders(1).setPosition(g.lastDataRow + 3, 2, 0, 0).setOption('title', String(g.rows[g.headerRow - 1]![first - 1]))
      .build();
    sheet.insertChart(chart);
  }
  book.setActiveSheet(sheet);
  return sheet;
}
