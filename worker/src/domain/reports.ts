import type { Indicator, ValidationRule } from '../../../schemas';
import type { FieldProblem } from '../errors';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type ValueInput = { indicator: string; value?: number | boolean | string | null; numerator?: number | null; denominator?: number | null; note?: string | null };
export type TaskInput = { task: string; status?: (typeof TASK_STATUSES)[number] | null; result?: string | null; difficulties?: string | null; proposals?: string | null };
/** One stored value row. `value` is the unit's effective number: count/number → the value; percent → 100·n/d; ratio → n/d; boolean → 1/0; text → null. */
export type ValueRow = {
  indicator: string; kind: Indicator['kind']; value: number | null; numerator: number | null; denominator: number | null;
  text: string | null; note: string | null;
  /** 1 if the value meets the indicator's target, 0 if not, null without a target or data */
  met: 0 | 1 | null;
};
export type ReportCheck = { problems: FieldProblem[]; values: ValueRow[] };
type Target = { op: '>' | '>=' | '=' | '<=' | '<'; value: number };

const EPSILON = 1e-9;
const empty = (x: unknown) => x === null || x === undefined || x === '';

export function compare(left: number, op: Target['op'], right: number): boolean {
  switch (op) {
    case '>': return left > right;
    case '>=': return left >= right - EPSILON;
    case '=': return Math.abs(left - right) < EPSILON;
    case '<=': return left <= right + EPSILON;
    case '<': return left < right;
  }
}

/** Does a unit's effective value meet the target? null when there is no data or no target. */
export function meetsTarget(value: number | null, target: Target | undefined | null): boolean | null {
  if (value === null || !target) return null;
  return compare(value, target.op, target.value);
}

/** One value entry → its stored row, or the problems that stop it. No data (empty) yields no row. */
function checkValue(v: ValueInput, ind: Indicator, at: string): { problems: FieldProblem[]; row: ValueRow | null } {
  const problems: FieldProblem[] = [];
  const row: ValueRow = { indicator: ind.code, kind: ind.kind, value: null, numerator: null, denominator: null, text: null, note: v.note ?? null, met: null };
  const isRate = ind.kind === 'percent' || ind.kind === 'ratio';
  if (!isRate && (!empty(v.numerator) || !empty(v.denominator))) {
    problems.push({ path: `${at}.numerator`, message: `${ind.code} is a ${ind.kind} indicator: enter "value", not numerator/denominator` });
  }
  if (isRate) {
    if (!empty(v.value)) problems.push({ path: `${at}.value`, message: `enter numerator and denominator for ${ind.code}, e.g. 95 of 100 files` });
    const n = v.numerator;
    const d = v.denominator;
    if (empty(n) && empty(d)) return { problems, row: row.note ? row : null };
    if (empty(n)) problems.push({ path: `${at}.numerator`, message: 'numerator is missing (the denominator is given)' });
    if (empty(d)) problems.push({ path: `${at}.denominator`, message: 'denominator is missing (the numerator is given)' });
    if (empty(n) || empty(d)) return { problems, row: null };
    if (!Number.isFinite(d) || (d as number) <= 0) problems.push({ path: `${at}.denominator`, message: 'denominator must be a number greater than 0' });
    else if (!Number.isFinite(n) || (n as number) < 0 || (n as number) > (d as number)) {
      problems.push({ path: `${at}.numerator`, message: `numerator must lie between 0 and the denominator (${d})` });
    }
    if (problems.length) return { problems, row: null };
    row.numerator = n as number;
    row.denominator = d as number;
    row.value = ((n as number) / (d as number)) * (ind.kind === 'percent' ? 100 : 1);
    return { problems, row };
  }
  if (empty(v.value)) return { problems, row: row.note ? row : null };
  const value = v.value;
  switch (ind.kind) {
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push({ path: `${at}.value`, message: 'must be a whole number ≥ 0' });
      else row.value = value;
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ path: `${at}.value`, message: 'must be a number' });
      else row.value = value;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push({ path: `${at}.value`, message: 'must be true or false' });
      else row.value = value ? 1 : 0;
      break;
    case 'text':
      if (typeof value !== 'string') problems.push({ path: `${at}.value`, message: 'must be text' });
      else if (value.length > 2000) problems.push({ path: `${at}.value`, message: 'must be at most 2,000 characters' });
      else row.text = value;
      break;
  }
  return { problems, row: problems.length ? null : row };
}

/**
 * Checks a report's values and tasks against its plan, collecting every problem. On submit, required indicators
 * must have data and the plan's validation rules must hold (a rule with a side lacking data is skipped).
 */
export function checkReport(
  plan: { indicators: Indicator[]; tasks: { code: string }[]; validationRules?: ValidationRule[] },
  body: { values: ValueInput[]; tasks: TaskInput[] },
  submit: boolean,
): ReportCheck {
  const problems: FieldProblem[] = [];
  const values: ValueRow[] = [];
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const seen = new Map<string, number>();
  body.values.forEach((v, i) => {
    const at = `values[${i}]`;
    const ind = indicators.get(v.indicator);
    if (!ind) return problems.push({ path: `${at}.indicator`, message: `unknown indicator ${v.indicator} in this plan` });
    const first = seen.get(v.indicator);
    if (first !== undefined) return problems.push({ path: `${at}.indicator`, message: `duplicate indicator ${v.indicator} (also at values[${first}])` });
    seen.set(v.indicator, i);
    if (v.note !== undefined && v.note !== null && (typeof v.note !== 'string' || v.note.length > 1000)) {
      problems.push({ path: `${at}.note`, message: 'a note is text of at most 1,000 characters' });
    }
    const checked = checkValue(v, ind, at);
    problems.push(...checked.problems);
    if (checked.row) {
      const met = ind.kind === 'text' ? null : meetsTarget(checked.row.value, ind.target);
      values.push({ ...checked.row, met: met === null ? null : met ? 1 : 0 });
    }
  });

  const tasks = new Set(plan.tasks.map((t) => t.code));
  const seenTasks = new Map<string, number>();
  body.tasks.forEach((t, i) => {
    if (!tasks.has(t.task)) return problems.push({ path: `tasks[${i}].task`, message: `unknown task ${t.task} in this plan` });
    const first = seenTasks.get(t.task);
    if (first !== undefined) return problems.push({ path: `tasks[${i}].task`, message: `duplicate task ${t.task} (also at tasks[${first}])` });
    seenTasks.set(t.task, i);
    if (t.status && !TASK_STATUSES.includes(t.status)) problems.push({ path: `tasks[${i}].status`, message: `must be one of ${TASK_STATUSES.join(', ')}` });
  });

  if (submit) {
    const byCode = new Map(values.map((v) => [v.indicator, v]));
    const hasData = (code: string) => {
      const v = byCode.get(code);
      return !!v && (v.value !== null || v.text !== null);
    };
    for (const ind of plan.indicators) {
      if (ind.required && !hasData(ind.code)) problems.push({ path: 'values', message: `indicator ${ind.code} is required to submit` });
    }
    (plan.validationRules ?? []).forEach((r, k) => {
      const left = byCode.get(r.left)?.value ?? null;
      const right = byCode.get(r.right)?.value ?? null;
      if (left === null || right === null || compare(left, r.op, right)) return;
      problems.push({ path: `validationRules[${k}]`, message: r.message ?? `${r.left} (${left}) must be ${r.op} ${r.right} (${right})` });
    });
  }
  return { problems, values };
}
