/**
 * The API's own checks, run on the sheet before anything is sent (schemas/report-check.ts, shared with the Worker),
 * and where each problem goes: a note on its cell, in Vietnamese. Also where the input rules and colours go. Pure.
 */
import { checkReport, checkReportShape } from '../../../schemas/report-check';
import type { FieldProblem } from '../../../schemas/text';
import { COL, TASK_COL, WIDTH, type Answers, type Layout, type PathProblem, type PlanPart } from './report-sheet';

/** A problem on the sheet: its cell (null when it belongs to no cell) and what to fix. */
export type Placed = { row: number | null; column: number | null; label: string | null; message: string };

const vi = (problems: FieldProblem[]): PathProblem[] => problems.map((p) => ({ path: p.path, message: p.message.vi }));
const isRate = (kind: string | undefined) => kind === 'percent' || kind === 'ratio';

const VALUE_COLUMN: Record<string, number> = { indicator: COL.code, value: COL.value, numerator: COL.numerator, denominator: COL.denominator, na: COL.na, note: COL.note };
const TASK_COLUMN: Record<string, number> = { task: TASK_COL.code, status: TASK_COL.status, result: TASK_COL.result, difficulties: TASK_COL.difficulties, proposals: TASK_COL.proposals };

/** Puts problems named by path (the checker's, or a 400 from the API) on their cells. */
export function placeProblems(problems: PathProblem[], plan: PlanPart, answers: Answers): Placed[] {
  const indicatorOf = new Map(plan.indicators.map((i) => [i.code, i]));
  const taskTitle = new Map(plan.tasks.map((t) => [t.code, t.title]));
  const entryColumn = (code: string) => (isRate(indicatorOf.get(code)?.kind) ? COL.numerator : COL.value);
  const onIndicator = (code: string | undefined, message: string): Placed => {
    const row = code === undefined ? undefined : answers.indicatorRows.get(code);
    return row === undefined || code === undefined
      ? { row: null, column: null, label: null, message }
      : { row, column: entryColumn(code), label: indicatorOf.get(code)?.name ?? code, message };
  };
  return problems.map((p) => {
    const m = /^(values|tasks)\[(\d+)\](?:\.(\w+))?$/.exec(p.path);
    if (m) {
      const i = Number(m[2]);
      if (m[1] === 'values') {
        const code = answers.body.values[i]?.indicator ?? '';
        const column = m[3] ? VALUE_COLUMN[m[3]] : entryColumn(code);
        return { row: answers.valueRows[i] ?? null, column: column ?? COL.value, label: indicatorOf.get(code)?.name ?? null, message: p.message };
      }
      const code = answers.body.tasks[i]?.task ?? '';
      return { row: answers.taskRows[i] ?? null, column: (m[3] && TASK_COLUMN[m[3]]) || TASK_COL.code, label: taskTitle.get(code) ?? null, message: p.message };
    }
    // "Every indicator must be answered" names no entry (there is none): the indicator is the one named in the message.
    if (p.path === 'values') {
      const named = plan.indicators.find((ind) => p.message.includes(`"${ind.name}"`) && !answers.body.values.some((v) => v.indicator === ind.code));
      return onIndicator(named?.code, p.message);
    }
    const rule = /^validationRules\[(\d+)\]$/.exec(p.path);
    if (rule) return onIndicator(plan.validationRules?.[Number(rule[1])]?.left, p.message);
    return { row: null, column: null, label: null, message: p.message };
  });
}

/** Every problem of the sheet at once, one per field (the shape and the plan checks can both flag the same one). */
export function checkSheet(plan: PlanPart, answers: Answers, submit: boolean): Placed[] {
  const found = [...answers.problems, ...vi(checkReportShape({ ...answers.body, submit })), ...vi(checkReport(plan, answers.body, submit).problems)];
  const seen = new Set<string>();
  // Unanswered indicators all share the path "values"; they differ by message.
  const unique = found.filter((p) => {
    const id = p.path === 'values' ? `${p.path}|${p.message}` : p.path;
    return !seen.has(id) && Boolean(seen.add(id));
  });
  return placeProblems(unique, plan, answers);
}

/** A problem as one line of an alert: with the indicator or task it concerns, unless the message already names it. */
export function problemLine(p: Placed): string {
  return p.label && !p.message.includes(p.label) ? `• ${p.label}: ${p.message}` : `• ${p.message}`;
}

/** The input rules of the indicator table, per row: Giá trị, Tử số, Mẫu số, Không áp dụng. */
export type InputRule = 'nonNegative' | 'number' | 'yesNo' | null;
export function inputRules(plan: PlanPart): InputRule[][] {
  return plan.indicators.map((ind) => {
    switch (ind.kind) {
      case 'percent':
      case 'ratio':
        return [null, 'nonNegative', 'nonNegative', 'yesNo'];
      case 'count':
        return ['nonNegative', null, null, 'yesNo'];
      case 'number':
        return ['number', null, null, 'yesNo'];
      case 'boolean':
        return ['yesNo', null, null, 'yesNo'];
      default:
        return [null, null, null, 'yesNo'];
    }
  });
}
export const FIRST_INPUT_COLUMN = COL.value;

export const COLOUR = { label: '#eceff1', head: '#e3eaf2', input: '#fffde7', problem: '#ffcdd2' } as const;
const HEADER_LABEL_ROWS = [2, 3, 4, 5, 6, 7, 8, 9];

/** The sheet's colours and weights (one setBackgrounds, one setFontWeights), with each problem cell in red. */
export function sheetStyle(rows: number, layout: Layout | null, problems: Placed[] = []) {
  const backgrounds: (string | null)[][] = Array.from({ length: rows }, () => Array<string | null>(WIDTH).fill(null));
  const weights: ('bold' | 'normal')[][] = Array.from({ length: rows }, () => Array<'bold' | 'normal'>(WIDTH).fill('normal'));
  const paint = (r: number, from: number, to: number, colour: string) => {
    for (let c = from; c <= to; c++) if (backgrounds[r - 1]) backgrounds[r - 1]![c - 1] = colour;
  };
  const bold = (r: number) => weights[r - 1]?.fill('bold');
  bold(1);
  for (const r of HEADER_LABEL_ROWS) if (r <= rows) paint(r, 1, 1, COLOUR.label);
  if (layout) {
    paint(layout.indicatorHead, 1, COL.note, COLOUR.head);
    bold(layout.indicatorHead);
    if (layout.taskHead) {
      paint(layout.taskHead, 1, TASK_COL.proposals, COLOUR.head);
      bold(layout.taskHead);
    }
    for (const r of layout.indicators) paint(r, COL.value, COL.note, COLOUR.input);
    for (const r of layout.tasks) paint(r, TASK_COL.status, TASK_COL.proposals, COLOUR.input);
  }
  for (const p of problems) if (p.row !== null && p.column !== null && p.row <= rows) paint(p.row, p.column, p.column, COLOUR.problem);
  return { backgrounds, weights };
}

/** The notes of the sheet (one setNotes): each problem's message on its cell, every other note cleared. */
export function problemNotes(rows: number, problems: Placed[]): string[][] {
  const notes = Array.from({ length: rows }, () => Array<string>(WIDTH).fill(''));
  for (const p of problems) {
    if (p.row === null || p.column === null || p.row > rows) continue;
    const cell = notes[p.row - 1]!;
    cell[p.column - 1] = cell[p.column - 1] ? `${cell[p.column - 1]}\n${p.message}` : p.message;
  }
  return notes;
}
