/** Sheet grid ⇄ API payload for one report. Pure: no Apps Script here, so it is tested in Node. */
import { ReportPut, type Indicator } from '../../../schemas';
import { checkReport, type TaskInput, type ValueInput } from '../../../worker/src/domain/reports';

export type Cell = string | number | boolean | Date;
export const WIDTH = 9;
export const TITLE = 'CASCADE — BÁO CÁO';
/** Header block rows (1-based): label in column A, value in B, description in C. */
export const ROW = { unit: 2, plan: 3, schedule: 4, period: 5, deadline: 6, key: 7, receipt: 8 } as const;
const INDICATOR_HEAD = ['Mã', 'Chỉ tiêu', 'Loại', 'Đơn vị tính', 'Mục tiêu', 'Giá trị', 'Tử số', 'Mẫu số', 'Ghi chú'];
const TASK_HEAD = ['Mã', 'Nhiệm vụ', 'Trạng thái', 'Kết quả', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị', '', '', ''];
export const KIND_LABEL: Record<Indicator['kind'], string> = {
  count: 'Số lượng', number: 'Số', percent: 'Tỷ lệ %', ratio: 'Tỷ số', boolean: 'Có/Không', text: 'Văn bản',
};
export const YES = 'Có';
export const NO = 'Không';
export const TASK_STATUS_LABEL = { not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Hoàn thành' } as const;

export type ReportMeta = {
  unit: string; unitName: string; plan: string; planLabel: string; schedule: string; scheduleLabel: string;
  period: string; deadline: string; key: string; receipt: string;
};
export type PlanPart = { indicators: Indicator[]; tasks: { code: string; title: string }[]; validationRules?: { left: string; op: '>' | '>=' | '=' | '<=' | '<'; right: string; message?: string }[] };

const pad = (row: Cell[]): Cell[] => [...row, ...Array(WIDTH - row.length).fill('')].slice(0, WIDTH);
const targetText = (i: Indicator) => (i.target ? `${i.target.op} ${i.target.value}${i.kind === 'percent' ? ' %' : ''}` : '');

/** The whole sheet as one rectangle, written with one setValues. Rows of indicators start at `firstIndicatorRow`. */
export function reportGrid(meta: ReportMeta, plan: PlanPart, prefill?: { values: ValueInput[]; tasks: TaskInput[] }) {
  const byCode = new Map((prefill?.values ?? []).map((v) => [v.indicator, v]));
  const taskBy = new Map((prefill?.tasks ?? []).map((t) => [t.task, t]));
  const show = (x: unknown) => (x === null || x === undefined ? '' : (x as Cell));
  const rows: Cell[][] = [
    pad([TITLE]),
    pad(['Đơn vị', meta.unit, meta.unitName]),
    pad(['Kế hoạch', meta.plan, meta.planLabel]),
    pad(['Chế độ báo cáo', meta.schedule, meta.scheduleLabel]),
    pad(['Kỳ báo cáo', meta.period]),
    pad(['Hạn nộp', meta.deadline]),
    pad(['Khóa gửi', meta.key, 'giữ nguyên cho đến khi nộp thành công']),
    pad(['Biên nhận', meta.receipt]),
    pad([]),
    pad(INDICATOR_HEAD),
  ];
  const firstIndicatorRow = rows.length + 1;
  for (const ind of plan.indicators) {
    const v = byCode.get(ind.code);
    const value = ind.kind === 'boolean' && typeof v?.value === 'boolean' ? (v.value ? YES : NO) : show(v?.value);
    rows.push(pad([ind.code, ind.name, KIND_LABEL[ind.kind], ind.unit ?? '', targetText(ind), value, show(v?.numerator), show(v?.denominator), show(v?.note)]));
  }
  rows.push(pad([]), pad(TASK_HEAD));
  const firstTaskRow = rows.length + 1;
  for (const t of plan.tasks) {
    const p = taskBy.get(t.code);
    rows.push(pad([t.code, t.title, p?.status ? TASK_STATUS_LABEL[p.status] : '', show(p?.result), show(p?.difficulties), show(p?.proposals)]));
  }
  return { rows, firstIndicatorRow, firstTaskRow };
}

const text = (x: unknown) => (x === null || x === undefined ? '' : String(x).trim());
/** A cell as the API wants it: '' is "no data" (never 0); numbers stay numbers; "1.234,5" style stays text (rejected with a note). */
function num(x: unknown): number | string | null {
  if (x === '' || x === null || x === undefined) return null;
  if (typeof x === 'number') return x;
  const s = String(x).trim();
  return s !== '' && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

export type ParsedReport = {
  meta: ReportMeta;
  body: { values: ValueInput[]; tasks: TaskInput[] };
  /** where each values[i] / tasks[i] lives, to put notes on the right cells */
  valueRows: number[];
  taskRows: number[];
};

/** The grid read back with one getValues → the PUT body. Finds the two tables by their headers, so rows may be added below. */
export function parseReportGrid(grid: Cell[][]): ParsedReport | { error: string } {
  if (text(grid[0]?.[0]) !== TITLE) return { error: 'Trang tính này không phải là sheet báo cáo Cascade (dùng Cascade › Tạo sheet báo cáo).' };
  const at = (row: number) => text(grid[row - 1]?.[1]);
  const meta: ReportMeta = {
    unit: at(ROW.unit), unitName: text(grid[ROW.unit - 1]?.[2]), plan: at(ROW.plan), planLabel: text(grid[ROW.plan - 1]?.[2]),
    schedule: at(ROW.schedule), scheduleLabel: text(grid[ROW.schedule - 1]?.[2]), period: at(ROW.period), deadline: at(ROW.deadline),
    key: at(ROW.key), receipt: at(ROW.receipt),
  };
  const headAt = (label: string) => grid.findIndex((r) => text(r[0]) === 'Mã' && text(r[1]) === label);
  const ih = headAt('Chỉ tiêu');
  const th = headAt('Nhiệm vụ');
  if (ih < 0) return { error: 'Không tìm thấy bảng chỉ tiêu (dòng tiêu đề "Mã | Chỉ tiêu").' };
  const values: ValueInput[] = [];
  const valueRows: number[] = [];
  for (let r = ih + 1; r < grid.length && text(grid[r]![0]) !== ''; r++) {
    const row = grid[r]!;
    const kind = text(row[2]);
    const raw = row[5];
    let value: ValueInput['value'] = null;
    if (kind === KIND_LABEL.boolean) value = raw === true || text(raw) === YES ? true : raw === false || text(raw) === NO ? false : text(raw) || null;
    else if (kind === KIND_LABEL.text) value = text(raw) || null;
    else value = num(raw);
    const entry: ValueInput = { indicator: text(row[0]) };
    if (kind === KIND_LABEL.percent || kind === KIND_LABEL.ratio) {
      const n = num(row[6]);
      const d = num(row[7]);
      if (n !== null) entry.numerator = n as number;
      if (d !== null) entry.denominator = d as number;
      if (value !== null) entry.value = value;
    } else if (value !== null) entry.value = value;
    if (text(row[8])) entry.note = text(row[8]);
    if (entry.value === undefined && entry.numerator === undefined && entry.denominator === undefined && !entry.note) continue;
    values.push(entry);
    valueRows.push(r + 1);
  }
  const tasks: TaskInput[] = [];
  const taskRows: number[] = [];
  const statusOf = Object.fromEntries(Object.entries(TASK_STATUS_LABEL).map(([k, v]) => [v, k])) as Record<string, TaskInput['status']>;
  if (th >= 0) {
    for (let r = th + 1; r < grid.length && text(grid[r]![0]) !== ''; r++) {
      const row = grid[r]!;
      const t: TaskInput = { task: text(row[0]) };
      if (text(row[2])) t.status = statusOf[text(row[2])] ?? (text(row[2]) as TaskInput['status']);
      if (text(row[3])) t.result = text(row[3]);
      if (text(row[4])) t.difficulties = text(row[4]);
      if (text(row[5])) t.proposals = text(row[5]);
      if (Object.keys(t).length === 1) continue;
      tasks.push(t);
      taskRows.push(r + 1);
    }
  }
  return { meta, body: { values, tasks }, valueRows, taskRows };
}

/** Column (1-based) of the cell a problem path points at. */
function columnOf(field: string | undefined): number {
  return field === 'numerator' ? 7 : field === 'denominator' ? 8 : field === 'note' ? 9 : field === 'status' ? 3 : 6;
}

/** The same checks as the API, before anything is sent: each problem placed on its cell, in Vietnamese-ready text. */
export function validateParsed(plan: PlanPart, parsed: ParsedReport, submit: boolean) {
  // The contract's own schema (types, lengths) and the plan's rules, both shared with the API: every problem at
  // once, one per cell.
  const shape = ReportPut.safeParse({ ...parsed.body, submit });
  const shapeProblems = shape.success ? [] : shape.error.issues.map((i) => ({
    path: i.path.map((k, n) => (typeof k === 'number' ? `[${k}]` : n ? `.${String(k)}` : String(k))).join(''), message: i.message,
  }));
  const seen = new Set<string>();
  const problems = [...shapeProblems, ...checkReport(plan, parsed.body, submit).problems].filter((p) => !seen.has(p.path) && seen.add(p.path));
  return problems.map((p) => {
    const m = /^(values|tasks)\[(\d+)\](?:\.(\w+))?/.exec(p.path);
    if (!m) return { row: null as number | null, column: null as number | null, message: p.message };
    const rows = m[1] === 'values' ? parsed.valueRows : parsed.taskRows;
    return { row: rows[Number(m[2])] ?? null, column: m[1] === 'tasks' ? (m[3] === 'task' ? 1 : columnOf(m[3])) : columnOf(m[3]), message: p.message };
  });
}

/** "10:30 ngày 19/03/2020": unambiguous, in the deployment's time zone. */
function localTime(iso: string, tz: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** The receipt line written into the header after a submission. */
export function receiptText(r: { version: number; status: string; submittedAt: string | null; onTime: boolean | null }, tz = 'Asia/Ho_Chi_Minh'): string {
  const when = r.submittedAt ? localTime(r.submittedAt, tz) : '';
  const timing = r.onTime === null ? '' : r.onTime ? ' · ĐÚNG HẠN' : ' · TRỄ HẠN';
  return r.status === 'draft' ? `Bản nháp, phiên bản ${r.version}` : `Đã nộp phiên bản ${r.version} lúc ${when}${timing}`;
}
