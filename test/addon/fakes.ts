/**
 * Apps Script fakes for Node: each implements the slice of the @types/google-apps-script interface the add-on uses
 * (so tsc checks the signatures), keeps the state a sheet would, and counts every service call — Apps Script's
 * quotas and latency are per call, so the tests can hold the add-on to "one read, one write per operation".
 * UrlFetchApp makes real, synchronous HTTP calls (as Apps Script does) through a child process.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Cell = string | number | boolean | Date;

/**
 * What Sheets stores for a value written by setValues: a string is read as if typed — digits become a number,
 * "d/m" a date, TRUE/FALSE a boolean — unless it starts with an apostrophe, which keeps the rest as text.
 */
export function entered(v: Cell): Cell {
  if (typeof v !== 'string') return v;
  if (v.startsWith("'")) return v.slice(1);
  if (/^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  if (/^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  const date = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?$/.exec(v.trim());
  if (date) return new Date(Number(date[3] ?? 2026), Number(date[2]) - 1, Number(date[1]));
  return v;
}

export class CallLog {
  counts: Record<string, number> = {};
  hit(name: string) {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
  total(prefix: string) {
    return Object.entries(this.counts).filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
  }
  reset() {
    this.counts = {};
  }
}

class FakeRange implements Pick<Range, 'getValues' | 'setValues' | 'setValue' | 'setDataValidations' | 'protect' | 'setFontWeights' | 'setNotes' | 'setBackgrounds' | 'getNumRows'> {
  constructor(readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly rows: number, readonly cols: number, private log: CallLog) {}
  private self = () => this as unknown as Range;
  getNumRows() {
    this.log.hit('Range.getNumRows');
    return this.rows;
  }
  getValues() {
    this.log.hit('Range.getValues');
    return Array.from({ length: this.rows }, (_, r) => Array.from({ length: this.cols }, (_, c) => this.sheet.cell(this.row + r, this.col + c)));
  }
  setValues(values: Cell[][]) {
    this.log.hit('Range.setValues');
    if (values.length !== this.rows || values.some((r) => r.length !== this.cols)) {
      throw new Error(`The number of rows or columns in the data does not match the range (${this.rows}×${this.cols})`);
    }
    values.forEach((r, i) => r.forEach((v, j) => this.sheet.set(this.row + i, this.col + j, entered(v))));
    return this.self();
  }
  setValue(value: Cell) {
    this.log.hit('Range.setValue');
    this.sheet.set(this.row, this.col, entered(value));
    return this.self();
  }
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]) {
    this.log.hit('Range.setDataValidations');
    rules.forEach((r, i) => r.forEach((rule, j) => this.sheet.validations.set(`${this.row + i},${this.col + j}`, rule)));
    return this.self();
  }
  protect() {
    this.log.hit('Range.protect');
    const protection = {
      setDescription: () => protection,
      setWarningOnly: () => protection,
    };
    this.sheet.protectedRows = this.rows;
    return protection as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  setFontWeights(weights: (GoogleAppsScript.Spreadsheet.FontWeight | null)[][]) {
    this.log.hit('Range.setFontWeights');
    weights.forEach((r, i) => r.forEach((w, j) => this.sheet.weights.set(`${this.row + i},${this.col + j}`, w)));
    return this.self();
  }
  setNotes(notes: string[][]) {
    this.log.hit('Range.setNotes');
    notes.forEach((r, i) => r.forEach((n, j) => this.sheet.notes.set(`${this.row + i},${this.col + j}`, n)));
    return this.self();
  }
  setBackgrounds(colours: (string | null)[][]) {
    this.log.hit('Range.setBackgrounds');
    colours.forEach((r, i) => r.forEach((c, j) => this.sheet.backgrounds.set(`${this.row + i},${this.col + j}`, c)));
    return this.self();
  }
}

export class FakeSheet implements Pick<Sheet, 'getName' | 'clear' | 'getRange' | 'getDataRange' | 'setColumnWidths' | 'hideColumns' | 'getCharts' | 'removeChart' | 'newChart' | 'insertChart'> {
  grid: Cell[][] = [];
  notes = new Map<string, string>();
  backgrounds = new Map<string, string | null>();
  weights = new Map<string, string | null>();
  hiddenColumns = new Set<number>();
  validations = new Map<string, unknown>();
  charts: { ranges: string[]; options: Record<string, unknown> }[] = [];
  protectedRows = 0;
  constructor(private name: string, private log: CallLog) {}
  cell(row: number, col: number): Cell {
    return this.grid[row - 1]?.[col - 1] ?? '';
  }
  set(row: number, col: number, v: Cell) {
    while (this.grid.length < row) this.grid.push([]);
    const r = this.grid[row - 1]!;
    while (r.length < col) r.push('');
    r[col - 1] = v;
  }
  /** What a person typing into the sheet does (not an Apps Script call). */
  type(row: number, col: number, v: Cell) {
    this.set(row, col, v);
  }
  rowOf(code: string): number {
    return this.grid.findIndex((r) => r[0] === code) + 1;
  }
  getName() {
    this.log.hit('Sheet.getName');
    return this.name;
  }
  clear() {
    this.log.hit('Sheet.clear');
    this.grid = [];
    // Like Sheet.clear(): contents and formats go; notes and data validation stay (the add-on rewrites both).
    this.backgrounds.clear();
    this.weights.clear();
    return this as unknown as Sheet;
  }
  getRange(row: number | string, col = 1, rows = 1, cols = 1): Range {
    this.log.hit('Sheet.getRange');
    if (typeof row === 'string') throw new Error('A1 notation is not used by the add-on');
    return new FakeRange(this, row, col, rows, cols, this.log) as unknown as Range;
  }
  getDataRange(): Range {
    this.log.hit('Sheet.getDataRange');
    const cols = Math.max(1, ...this.grid.map((r) => r.length));
    return new FakeRange(this, 1, 1, Math.max(1, this.grid.length), cols, this.log) as unknown as Range;
  }
  setColumnWidths() {
    this.log.hit('Sheet.setColumnWidths');
    return this as unknown as Sheet;
  }
  hideColumns(column: number, count = 1) {
    this.log.hit('Sheet.hideColumns');
    for (let c = column; c < column + count; c++) this.hiddenColumns.add(c);
  }
  /** What a person sees of row `row`: its cells, without the hidden columns. */
  visibleRow(row: number): Cell[] {
    return (this.grid[row - 1] ?? []).filter((_, i) => !this.hiddenColumns.has(i + 1));
  }
  getCharts() {
    this.log.hit('Sheet.getCharts');
    return this.charts as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart[];
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    this.log.hit('Sheet.removeChart');
    this.charts = this.charts.filter((c) => c !== (chart as unknown));
  }
  newChart() {
    this.log.hit('Sheet.newChart');
    const spec = { ranges: [] as string[], options: {} as Record<string, unknown> };
    const builder = {
      asBarChart: () => builder,
      addRange: (r: FakeRange) => {
        spec.ranges.push(`R${r.row}C${r.col}:${r.rows}x${r.cols}`);
        return builder;
      },
      setNumHeaders: () => builder,
      setPosition: () => builder,
      setOption: (k: string, v: unknown) => {
        spec.options[k] = v;
        return builder;
      },
      build: () => spec,
    };
    return builder as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) {
    this.log.hit('Sheet.insertChart');
    this.charts.push(chart as unknown as FakeSheet['charts'][number]);
  }
}

class FakeSpreadsheet implements Pick<Spreadsheet, 'getSheetByName' | 'insertSheet' | 'setActiveSheet' | 'getActiveSheet'> {
  sheets: FakeSheet[] = [];
  active: FakeSheet;
  constructor(private log: CallLog) {
    this.active = new FakeSheet('Trang tính1', log);
    this.sheets.push(this.active);
  }
  getSheetByName(name: string) {
    this.log.hit('Spreadsheet.getSheetByName');
    return (this.sheets.find((s) => s.getName() === name) ?? null) as unknown as Sheet | null;
  }
  insertSheet(name?: unknown): Sheet {
    this.log.hit('Spreadsheet.insertSheet');
    const sheet = new FakeSheet(typeof name === 'string' ? name : `Trang tính${this.sheets.length + 1}`, this.log);
    this.sheets.push(sheet);
    return sheet as unknown as Sheet;
  }
  setActiveSheet(sheet: Sheet) {
    this.log.hit('Spreadsheet.setActiveSheet');
    this.active = sheet as unknown as FakeSheet;
    return sheet;
  }
  getActiveSheet() {
    this.log.hit('Spreadsheet.getActiveSheet');
    return this.active as unknown as Sheet;
  }
}

/** What the user saw: alerts, sidebars and dialogs, and the menu. */
export type Screen = { alerts: { title: string; message: string }[]; sidebars: string[]; dialogs: { title: string; html: string }[]; menu: string[] };

/** A network fault for the next `times` requests matching `method`: never sent ('fail'), or sent but the answer lost ('lose'). */
type Fault = { method: string; mode: 'fail' | 'lose'; times: number };

export function createFakes() {
  const log = new CallLog();
  const book = new FakeSpreadsheet(log);
  const screen: Screen = { alerts: [], sidebars: [], dialogs: [], menu: [] };
  const props: Record<string, string> = {};
  const faults: Fault[] = [];

  const ui: Pick<GoogleAppsScript.Base.Ui, 'createAddonMenu' | 'alert' | 'showSidebar' | 'showModalDialog' | 'ButtonSet'> = {
    ButtonSet: { OK: 0 } as unknown as GoogleAppsScript.Base.ButtonSet,
    createAddonMenu() {
      log.hit('Ui.createAddonMenu');
      const menu = {
        addItem: (label: string, fn: string) => (screen.menu.push(`${label} → ${fn}`), menu),
        addSeparator: () => menu,
        addToUi: () => undefined,
      };
      return menu as unknown as GoogleAppsScript.Base.Menu;
    },
    alert(title: unknown, message?: unknown) {
      log.hit('Ui.alert');
      screen.alerts.push({ title: String(title), message: String(message) });
      return 0 as unknown as GoogleAppsScript.Base.Button;
    },
    showSidebar(html: GoogleAppsScript.HTML.HtmlOutput) {
      log.hit('Ui.showSidebar');
      screen.sidebars.push(html.getContent());
    },
    showModalDialog(html: GoogleAppsScript.HTML.HtmlOutput, title: string) {
      log.hit('Ui.showModalDialog');
      screen.dialogs.push({ title, html: html.getContent() });
    },
  } as never;

  const SpreadsheetApp = {
    getUi: () => (log.hit('SpreadsheetApp.getUi'), ui),
    getActiveSpreadsheet: () => (log.hit('SpreadsheetApp.getActiveSpreadsheet'), book),
    getActiveSheet: () => (log.hit('SpreadsheetApp.getActiveSheet'), book.active),
    newDataValidation: () => {
      log.hit('SpreadsheetApp.newDataValidation');
      const rule: Record<string, unknown> = {};
      const builder = {
        requireNumberGreaterThanOrEqualTo: (n: number) => ((rule.min = n), builder),
        requireNumberBetween: (a: number, b: number) => ((rule.between = [a, b]), builder),
        requireValueInList: (list: string[]) => ((rule.list = list), builder),
        setAllowInvalid: (b: boolean) => ((rule.allowInvalid = b), builder),
        build: () => rule,
      };
      return builder;
    },
  };

  const PropertiesService = {
    getUserProperties: (): Pick<GoogleAppsScript.Properties.Properties, 'getProperties' | 'setProperties'> => {
      log.hit('PropertiesService.getUserProperties');
      return {
        getProperties: () => (log.hit('Properties.getProperties'), { ...props }),
        setProperties: (p: Record<string, string>) => (log.hit('Properties.setProperties'), Object.assign(props, p), undefined as never),
      };
    },
  };

  function httpSync(url: string, o: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): GoogleAppsScript.URL_Fetch.HTTPResponse {
    const fault = faults.find((f) => f.times > 0 && f.method === (o.method ?? 'get'));
    if (fault) fault.times--;
    if (fault?.mode === 'fail') throw new Error('Exception: Address unavailable: ' + url);
    const request = { url, method: (o.method ?? 'get').toUpperCase(), headers: { ...(o.headers as Record<string, string>), ...(o.contentType ? { 'content-type': o.contentType } : {}) }, body: o.payload ?? null };
    const script = `let d='';process.stdin.on('data',c=>d+=c).on('end',async()=>{const r=JSON.parse(d);const res=await fetch(r.url,{method:r.method,headers:r.headers,body:r.body});process.stdout.write(JSON.stringify({status:res.status,body:await res.text()}));});`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { input: JSON.stringify(request), encoding: 'utf8' }));
    if (fault?.mode === 'lose') throw new Error('Exception: Timeout: ' + url);
    return { getResponseCode: () => out.status, getContentText: () => out.body } as unknown as GoogleAppsScript.URL_Fetch.HTTPResponse;
  }
  const requests: { method: string; url: string; headers: Record<string, string> }[] = [];
  const UrlFetchApp: Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll'> = {
    fetch(url: string, o: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) {
      log.hit('UrlFetchApp.fetch');
      requests.push({ method: o.method ?? 'get', url, headers: o.headers as Record<string, string> });
      return httpSync(url, o);
    },
    fetchAll(list: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]) {
      log.hit('UrlFetchApp.fetchAll');
      return list.map((r) => {
        const req = typeof r === 'string' ? { url: r } : r;
        requests.push({ method: req.method ?? 'get', url: req.url, headers: req.headers as Record<string, string> });
        return httpSync(req.url, req);
      });
    },
  } as never;

  const HtmlService = {
    createHtmlOutput: (html: string) => {
      log.hit('HtmlService.createHtmlOutput');
      const out = { getContent: () => html, setWidth: () => out, setHeight: () => out, setTitle: () => out };
      return out;
    },
  };
  const LockService = {
    getDocumentLock: (): Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'releaseLock'> => {
      log.hit('LockService.getDocumentLock');
      return { tryLock: () => true, releaseLock: () => undefined };
    },
  };
  const Utilities = { getUuid: () => (log.hit('Utilities.getUuid'), randomUUID()) };

  return {
    log, book, screen, props, requests,
    globals: { SpreadsheetApp, PropertiesService, UrlFetchApp, HtmlService, LockService, Utilities, console },
    fault: (method: string, mode: Fault['mode'], times: number) => faults.push({ method, mode, times }),
  };
}
