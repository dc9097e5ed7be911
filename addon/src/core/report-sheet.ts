/**
 * One report as a sheet: the layout, the grid written with one setValues, and the grid read back (one getValues)
 * into the PUT body. Pure: no Apps Script here, so it is tested in Node.
 */
import type { Obligation, Plan, ReportTask, ReportValue } from '../../../schemas';
import { targetLabel } from '../../../schemas/labels';
import type { TaskStatus } from '../../../schemas/limits';
import type { ReportKeys } from './api';

export type Cell = string | number | boolean | Date;

/**
 * Sheets reads a string written by setValues as if it were typed: "00004" becomes the number 4, "2/3" a date,
 * "TRUE" a boolean, "=…" a formula. A leading apostrophe keeps such a string text; Sheets neither shows it nor
 * returns it, so unit codes, periods and answers from the API come back as they were written.
 */
const TAKEN_FOR_INPUT = /^([=+\-@'\d]|true$|false$)/i;
export const asWrittenCell = (c: Cell): Cell => (typeof c === 'string' && TAKEN_FOR_INPUT.test(c) ? `'${c}` : c);
export const asWritten = (rows: Cell[][]): Cell[][] => rows.map((r) => r.map(asWrittenCell));
export type PlanPart = Pick<Plan, 'indicators' | 'tasks' | 'validationRules'>;
type Indicator = Plan['indicators'][number];
type Kind = Indicator['kind'];

/** Indicator table columns (1-based). */
export const COL = { code: 1, name: 2, kind: 3, unit: 4, target: 5, value: 6, numerator: 7, denominator: 8, na: 9, note: 10 } as const;
export const TASK_COL = { code: 1, title: 2, status: 3, result: 4, difficulties: 5, proposals: 6 } as const;
/** Columns people read; the machine keys live in the hidden technical column just after them. */
export const VISIBLE = 10;
export const TECH = 11;
export const WIDTH = 11;

/** Header rows (1-based): label in column A, value in B; the keys in the technical column. */
export const ROW = { title: 1, unit: 2, plan: 3, schedule: 4, period: 5, deadline: 6, key: 7, receipt: 8, notice: 9 } as const;
export const HEADER_ROWS = 9;
/** In the technical column of row 1: what makes a sheet a Cascade report sheet (a title can be retyped; this is hidden). */
export const MARKER = 'cascade-report/2';
const TITLE = 'CASCADE — BÁO CÁO';
export const INDICATOR_HEAD = ['Mã', 'Chỉ tiêu', 'Loại', 'Đơn vị tính', 'Mục tiêu', 'Giá trị', 'Tử số', 'Mẫu số', 'Không áp dụng', 'Ghi chú / lý do'];
export const TASK_HEAD = ['Mã', 'Nhiệm vụ', 'Trạng thái', 'Kết quả', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị'];
const KIND_LABEL: Record<Kind, string> = {
  count: 'Số lượng', number: 'Số', percent: 'Tỷ lệ %', ratio: 'Tỷ số', boolean: 'Có/Không', text: 'Văn bản',
};
export const YES = 'Có';
export const NO = 'Không';
export const TASK_STATUS_LABEL: Record<TaskStatus, string> = { not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành' };
export const NOT_A_REPORT = 'Trang tính này không phải là sheet báo cáo Cascade. Mở Cascade › Báo cáo của tôi và chọn một kỳ báo cáo để tạo sheet.';
const KEY_HELP = 'giữ nguyên cho đến khi nộp thành công';

export type ReportHeader = {
  keys: ReportKeys;
  unitName: string; planLabel: string; scheduleName: string; periodLabel: string; deadline: string; dueAt: string;
  /** the Idempotency-Key of a submission not yet confirmed */
  key: string;
  receipt: string;
  /** the return reason and the warnings, as written in the header */
  notice: string;
};

/** Rows (1-based) of the two tables, as written or as found again in a grid. */
export type Layout = { indicatorHead: number; indicators: number[]; taskHead: number | null; tasks: number[] };

export function headerFor(o: Obligation, plan: Pick<Plan, 'number' | 'title'>, state: Pick<ReportHeader, 'receipt' | 'notice'>): ReportHeader {
  return {
    keys: { unit: o.unit, plan: o.plan, schedule: o.schedule, period: o.period },
    unitName: o.unitName, planLabel: `${plan.number} — ${plan.title}`, scheduleName: o.scheduleName, periodLabel: o.periodLabel,
    deadline: o.deadline, dueAt: o.dueAt, key: '', ...state,
  };
}

/** "Phường 15 · Báo cáo sơ kết · Một lần": a tab name from what people call the report. */
export function reportSheetName(h: Pick<ReportHeader, 'unitName' | 'scheduleName' | 'periodLabel'>, copy = 1): string {
  return fitName([h.unitName, h.scheduleName, h.periodLabel], copy);
}

const MAX_SHEET_NAME = 100;

/** Parts joined by " · " within Sheets' 100 characters; the last part (the period) is kept whole, the rest shortened. */
export function fitName(parts: string[], copy = 1): string {
  const suffix = copy > 1 ? ` (${copy})` : '';
  const room = MAX_SHEET_NAME - suffix.length;
  const joined = parts.join(' · ');
  if (joined.length <= room) return joined + suffix;
  const last = parts[parts.length - 1] ?? '';
  const head = parts.slice(0, -1).join(' · ');
  const keep = Math.max(0, room - last.length - ' · '.length - 1);
  return `${head.slice(0, keep).trimEnd()}… · ${last}`.slice(0, room) + suffix;
}

const row = (cells: Cell[]): Cell[] => [...cells, ...Array<Cell>(WIDTH - cells.length).fill('')].slice(0, WIDTH);
/** A header row: label and value where people read them, the machine key in the technical column. */
const headerRow = (label: string, value: string, tech = '', help = ''): Cell[] => {
  const r = row([label, value, help]);
  r[TECH - 1] = tech;
  return r;
};

export function headerRows(h: ReportHeader): Cell[][] {
  return [
    headerRow(TITLE, '', MARKER),
    headerRow('Đơn vị', h.unitName, h.keys.unit),
    headerRow('Kế hoạch', h.planLabel, h.keys.plan),
    headerRow('Chế độ báo cáo', h.scheduleName, h.keys.schedule),
    headerRow('Kỳ báo cáo', h.periodLabel, h.keys.period),
    headerRow('Hạn nộp', h.deadline, h.dueAt),
    headerRow('Khóa gửi', h.key, '', KEY_HELP),
    headerRow('Biên nhận', h.receipt),
    headerRow('Lý do trả lại / Cảnh báo', h.notice),
  ];
}

const show = (x: unknown): Cell => (x === null || x === undefined ? '' : (x as Cell));
const targetOf = (i: Indicator) => (i.target ? targetLabel(i.target, i.kind, i.unit) : '');

function indicatorRow(ind: Indicator, v: ReportValue | undefined): Cell[] {
  const value = typeof v?.value === 'boolean' ? (v.value ? YES : NO) : show(v?.value);
  return row([ind.code, ind.name, KIND_LABEL[ind.kind], ind.unit ?? '', targetOf(ind), value, show(v?.numerator), show(v?.denominator), v?.na ? YES : '', show(v?.note)]);
}

function taskRow(t: Plan['tasks'][number], p: ReportTask | undefined): Cell[] {
  return row([t.code, t.title, p?.status ? TASK_STATUS_LABEL[p.status] : '', show(p?.result), show(p?.difficulties), show(p?.proposals)]);
}

/** The whole sheet as one rectangle (one setValues), pre-filled from a saved version if there is one. */
export function reportGrid(h: ReportHeader, plan: PlanPart, prefill?: { values: ReportValue[]; tasks: ReportTask[] } | null) {
  const valueOf = new Map((prefill?.values ?? []).map((v) => [v.indicator, v]));
  const taskOf = new Map((prefill?.tasks ?? []).map((t) => [t.task, t]));
  const rows: Cell[][] = [...headerRows(h), row([]), row(INDICATOR_HEAD)];
  const indicatorHead = rows.length;
  for (const ind of plan.indicators) rows.push(indicatorRow(ind, valueOf.get(ind.code)));
  rows.push(row([]), row(TASK_HEAD));
  const taskHead = rows.length;
  for (const t of plan.tasks) rows.push(taskRow(t, taskOf.get(t.code)));
  const layout: Layout = {
    indicatorHead, indicators: plan.indicators.map((_, i) => indicatorHead + 1 + i), taskHead, tasks: plan.tasks.map((_, i) => taskHead + 1 + i),
  };
  return { rows, layout };
}

const text = (x: unknown) => (x === null || x === undefined ? '' : String(x).trim());
const at = (grid: Cell[][], r: number, c: number) => grid[r - 1]?.[c - 1];

/** The header read back; the keys come from the technical column, never from what people read. */
export function readHeader(grid: Cell[][]): ReportHeader | { error: string } {
  const tech = (r: number) => text(at(grid, r, TECH));
  const shown = (r: number) => text(at(grid, r, 2));
  if (tech(ROW.title) !== MARKER) return { error: NOT_A_REPORT };
  const keys = { unit: tech(ROW.unit), plan: tech(ROW.plan), schedule: tech(ROW.schedule), period: tech(ROW.period) };
  if (!keys.unit || !keys.plan || !keys.schedule || !keys.period) return { error: NOT_A_REPORT };
  return {
    keys, unitName: shown(ROW.unit), planLabel: shown(ROW.plan), scheduleName: shown(ROW.schedule), periodLabel: shown(ROW.period),
    deadline: shown(ROW.deadline), dueAt: tech(ROW.deadline), key: shown(ROW.key), receipt: shown(ROW.receipt), notice: shown(ROW.notice),
  };
}

/** Finds the two tables by their heading rows, so people may add rows below or notes beside them. */
export function layoutOf(grid: Cell[][]): Layout | null {
  const headAt = (label: string) => grid.findIndex((r) => text(r[0]) === 'Mã' && text(r[1]) === label) + 1;
  const block = (head: number) => {
    const rows: number[] = [];
    for (let r = head + 1; r <= grid.length && text(at(grid, r, 1)) !== ''; r++) rows.push(r);
    return rows;
  };
  const indicatorHead = headAt(INDICATOR_HEAD[1]!);
  if (!indicatorHead) return null;
  const taskHead = headAt(TASK_HEAD[1]!) || null;
  return { indicatorHead, indicators: block(indicatorHead), taskHead, tasks: taskHead ? block(taskHead) : [] };
}

/** A problem the way the checker names it: a path into the body ("values[2].numerator") and what to fix. */
export type PathProblem = { path: string; message: string };

export type Answers = {
  body: { values: ReportValue[]; tasks: ReportTask[] };
  /** the sheet row of each values[i] / tasks[i], to put notes on the right cells */
  valueRows: number[];
  taskRows: number[];
  /** the row of every indicator of the table, answered or not */
  indicatorRows: Map<string, number>;
  /** cells whose content cannot even be sent (text where a number belongs) */
  problems: PathProblem[];
};

/** A number cell as the API wants it: '' is "no data" (never 0); "1.234,5" stays text, to be refused with a note. */
function num(x: Cell | undefined): number | string | null {
  if (x === undefined || x === '') return null;
  if (typeof x === 'number') return x;
  const s = text(x);
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

const isYes = (x: Cell | undefined) => x === true || text(x) === YES;

function cellValue(kind: Kind | undefined, raw: Cell | undefined): ReportValue['value'] {
  if (kind === 'boolean') return isYes(raw) ? true : raw === false || text(raw) === NO ? false : text(raw) || null;
  if (kind === 'text') return text(raw) || null;
  return num(raw);
}

/** One indicator row → its entry (null when the row holds nothing at all: no data). */
function readValue(r: Cell[], kind: Kind | undefined, i: number, problems: PathProblem[]): ReportValue | null {
  const before = problems.length;
  const entry: ReportValue = { indicator: text(r[COL.code - 1]) };
  if (isYes(r[COL.na - 1])) entry.na = true;
  const value = cellValue(kind, r[COL.value - 1]);
  if (value !== null) entry.value = value;
  for (const [side, col] of [['numerator', COL.numerator], ['denominator', COL.denominator]] as const) {
    const n = num(r[col - 1]);
    if (typeof n === 'number') entry[side] = n;
    else if (n !== null) problems.push({ path: `values[${i}].${side}`, message: `phải là một số, ví dụ 95 (đang là "${n}")` });
  }
  const note = text(r[COL.note - 1]);
  if (note) entry.note = note;
  return Object.keys(entry).length > 1 || problems.length > before ? entry : null;
}

const STATUS_OF = new Map<string, TaskStatus>(Object.entries(TASK_STATUS_LABEL).map(([k, v]) => [v, k as TaskStatus]));

function readTask(r: Cell[], i: number, problems: PathProblem[]): ReportTask | null {
  const before = problems.length;
  const task: ReportTask = { task: text(r[TASK_COL.code - 1]) };
  const status = text(r[TASK_COL.status - 1]);
  if (status) {
    const known = STATUS_OF.get(status);
    if (known) task.status = known;
    else problems.push({ path: `tasks[${i}].status`, message: `chọn ${Object.values(TASK_STATUS_LABEL).join(', ')}` });
  }
  for (const field of ['result', 'difficulties', 'proposals'] as const) {
    const s = text(r[TASK_COL[field] - 1]);
    if (s) task[field] = s;
  }
  return Object.keys(task).length > 1 || problems.length > before ? task : null;
}

/** The grid read back with one getValues → the PUT body. Kinds come from the plan, not from the sheet's words. */
export function readAnswers(grid: Cell[][], layout: Layout, plan: PlanPart): Answers {
  const kindOf = new Map(plan.indicators.map((ind) => [ind.code, ind.kind]));
  const answers: Answers = { body: { values: [], tasks: [] }, valueRows: [], taskRows: [], indicatorRows: new Map(), problems: [] };
  for (const r of layout.indicators) {
    const cells = grid[r - 1] ?? [];
    answers.indicatorRows.set(text(cells[0]), r);
    const v = readValue(cells, kindOf.get(text(cells[0])), answers.body.values.length, answers.problems);
    if (!v) continue;
    answers.body.values.push(v);
    answers.valueRows.push(r);
  }
  for (const r of layout.tasks) {
    const t = readTask(grid[r - 1] ?? [], answers.body.tasks.length, answers.problems);
    if (!t) continue;
    answers.body.tasks.push(t);
    answers.taskRows.push(r);
  }
  return answers;
}
