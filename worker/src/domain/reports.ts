import type { FieldProblem, Indicator, ValidationRule } from '../../../schemas';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type ValueInput = { indicator: string; value?: number | boolean | string | null; numerator?: number | null; denominator?: number | null; note?: string | null };
export type TaskInput = { task: string; status?: (typeof TASK_STATUSES)[number] | null; result?: string | null; difficulties?: string | null; proposals?: string | null };
/** One stored value row. `value` is the unit's effective number: count/number → the value; percent → 100·n/d; ratio → n/d; boolean → 1/0; text → null. */
export type ValueRow = {
  indicator: string; kind: Indicator['kind']; value: number | null; numerator: number | null; denominator: number | null;
  text: string | null; note: string | null;
  /** 1 if the value meets the indicator's target, 0 if not, null without a target or data (roll-ups sum it) */
  met: 0 | 1 | null;
};
export type ReportCheck = { problems: FieldProblem[]; values: ValueRow[] };
type Target = { op: '>' | '>=' | '=' | '<=' | '<'; value: number };

const TOLERANCE = 1e-9;
const MAX_TEXT = 2000;
const MAX_NOTE = 1000;
const MAX_TASK_TEXT = 5000;
const TASK_TEXTS = ['result', 'difficulties', 'proposals'] as const;

/** "No data" — never the same as 0. */
const isEmpty = (x: unknown) => x === null || x === undefined || x === '';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isRate = (kind: Indicator['kind']) => kind === 'percent' || kind === 'ratio';
const thousands = (n: number) => n.toLocaleString('en-US');
const show = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12))));

/**
 * Values within the tolerance count as equal for every operator, so '>' and '<=' never both hold
 * (100·n/d can land a hair off an exact target).
 */
function compare(left: number, op: Target['op'], right: number): boolean {
  const same = Math.abs(left - right) <= TOLERANCE;
  switch (op) {
    case '>': return !same && left > right;
    case '>=': return same || left > right;
    case '=': return same;
    case '<=': return same || left < right;
    case '<': return !same && left < right;
  }
}

/** Does a unit's effective value meet the target? null when there is no data or no target. */
export function meetsTarget(value: number | null, target: Target | undefined | null): boolean | null {
  if (value === null || !target) return null;
  return compare(value, target.op, target.value);
}

function checkText(x: unknown, max: number, at: string, what: string): FieldProblem[] {
  if (x === null || x === undefined) return [];
  if (typeof x !== 'string') return [{ path: at, message: `${what} must be text` }];
  if (x.length > max) return [{ path: at, message: `${what} must be at most ${thousands(max)} characters (this one has ${thousands(x.length)})` }];
  return [];
}

type Checked = { problems: FieldProblem[]; row: ValueRow | null; hasData: boolean };

/** A percent or ratio: numerator of denominator, 0 ≤ n ≤ d, d > 0. */
function checkRate(v: ValueInput, ind: Indicator, at: string, problems: FieldProblem[]): { numerator: number; denominator: number } | null {
  const { numerator: n, denominator: d } = v;
  if (!isEmpty(v.value)) {
    problems.push({ path: `${at}.value`, message: `${ind.code} is a ${ind.kind}: enter numerator and denominator instead of value, e.g. 95 of 100 files` });
  }
  if (isEmpty(n) && isEmpty(d)) return null;
  if (isEmpty(n)) problems.push({ path: `${at}.numerator`, message: `numerator is missing: ${ind.code} needs both numerator and denominator, e.g. 95 of 100 files` });
  if (isEmpty(d)) problems.push({ path: `${at}.denominator`, message: `denominator is missing: ${ind.code} needs both numerator and denominator, e.g. 95 of 100 files` });
  const dOk = isFiniteNumber(d) && d > 0;
  if (!isEmpty(d) && !dOk) problems.push({ path: `${at}.denominator`, message: 'denominator must be a number greater than 0' });
  if (!isEmpty(n)) {
    if (!isFiniteNumber(n) || n < 0) problems.push({ path: `${at}.numerator`, message: 'numerator must be a number ≥ 0' });
    else if (dOk && n > d) problems.push({ path: `${at}.numerator`, message: `numerator must lie between 0 and the denominator (${show(d)}); it is ${show(n)}` });
  }
  return isFiniteNumber(n) && isFiniteNumber(d) && dOk && n >= 0 && n <= d ? { numerator: n, denominator: d } : null;
}

/** One entry against its indicator: its problems, its row (null when it has no data and no note, or is wrong). */
function checkValue(v: ValueInput, ind: Indicator, at: string): Checked {
  const problems: FieldProblem[] = checkText(v.note, MAX_NOTE, `${at}.note`, 'a note');
  const note = typeof v.note === 'string' && v.note !== '' ? v.note : null;
  const row: ValueRow = { indicator: ind.code, kind: ind.kind, value: null, numerator: null, denominator: null, text: null, note, met: null };

  if (isRate(ind.kind)) {
    const hasData = !isEmpty(v.value) || !isEmpty(v.numerator) || !isEmpty(v.denominator);
    const rate = checkRate(v, ind, at, problems);
    if (rate) {
      row.numerator = rate.numerator;
      row.denominator = rate.denominator;
      // Written 100·n/d (not n/d·100) so that whole percentages come out exact: 7/25 → 28, not 28.000000000000004.
      row.value = ind.kind === 'percent' ? (100 * rate.numerator) / rate.denominator : rate.numerator / rate.denominator;
    }
    return finish(problems, row, hasData, ind);
  }

  for (const side of ['numerator', 'denominator'] as const) {
    if (!isEmpty(v[side])) {
      problems.push({ path: `${at}.${side}`, message: `${ind.code} is a ${ind.kind} indicator: enter it as value; numerator and denominator are only for percent and ratio` });
    }
  }
  const x = v.value;
  if (isEmpty(x)) return finish(problems, row, false, ind);
  const wrong = (message: string) => problems.push({ path: `${at}.value`, message });
  switch (ind.kind) {
    case 'count':
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) wrong('must be a whole number ≥ 0');
      else row.value = x;
      break;
    case 'number':
      if (!isFiniteNumber(x)) wrong('must be a number, e.g. 12.5');
      else row.value = x;
      break;
    case 'boolean':
      if (typeof x !== 'boolean') wrong('must be true or false');
      else row.value = x ? 1 : 0;
      break;
    case 'text':
      if (typeof x !== 'string') wrong('must be text');
      else if (x.length > MAX_TEXT) wrong(`must be at most ${thousands(MAX_TEXT)} characters (this one has ${thousands(x.length)})`);
      else row.text = x;
      break;
  }
  return finish(problems, row, true, ind);
}

function finish(problems: FieldProblem[], row: ValueRow, hasData: boolean, ind: Indicator): Checked {
  if (problems.length) return { problems, row: null, hasData };
  const met = meetsTarget(row.value, ind.target);
  const filled = row.value !== null || row.text !== null || row.note !== null;
  return { problems, row: filled ? { ...row, met: met === null ? null : met ? 1 : 0 } : null, hasData };
}

/** Is `code` known and not yet seen? Otherwise a problem at `at` says why. */
function firstOfKnown(code: string, i: number, known: ReadonlySet<string>, seen: Map<string, number>, list: string, at: string, what: string): FieldProblem | null {
  const first = seen.get(code);
  if (!known.has(code)) return { path: at, message: `unknown ${what} ${code} in this plan` };
  if (first !== undefined) return { path: at, message: `duplicate ${what} ${code} (also at ${list}[${first}])` };
  seen.set(code, i);
  return null;
}

/**
 * Validates values and tasks against the plan, collecting every problem. `submit` adds: required indicators must
 * have data, and validation rules must hold (a rule with a side lacking data is skipped). `values` holds the rows of
 * the entries that have data or a note and no problem. Paths look like 'values[2].numerator', 'tasks[0].task'.
 */
export function checkReport(
  plan: { indicators: Indicator[]; tasks: { code: string }[]; validationRules?: ValidationRule[] },
  body: { values: ValueInput[]; tasks: TaskInput[] },
  submit: boolean,
): ReportCheck {
  const problems: FieldProblem[] = [];
  const values: ValueRow[] = [];
  const indicators = new Map(plan.indicators.map((ind) => [ind.code, ind]));
  const withData = new Set<string>();

  const knownIndicators = new Set(indicators.keys());
  const seenIndicators = new Map<string, number>();
  body.values.forEach((v, i) => {
    const at = `values[${i}]`;
    const codeProblem = firstOfKnown(v.indicator, i, knownIndicators, seenIndicators, 'values', `${at}.indicator`, 'indicator');
    if (codeProblem) problems.push(codeProblem);
    const ind = indicators.get(v.indicator);
    if (!ind) return problems.push(...checkText(v.note, MAX_NOTE, `${at}.note`, 'a note'));
    // A repeat is still checked, so that one answer lists everything to fix, but only the first entry counts.
    const checked = checkValue(v, ind, at);
    problems.push(...checked.problems);
    if (codeProblem) return;
    if (checked.hasData) withData.add(ind.code);
    if (checked.row) values.push(checked.row);
  });

  const knownTasks = new Set(plan.tasks.map((t) => t.code));
  const seenTasks = new Map<string, number>();
  body.tasks.forEach((t, i) => {
    const at = `tasks[${i}]`;
    const codeProblem = firstOfKnown(t.task, i, knownTasks, seenTasks, 'tasks', `${at}.task`, 'task');
    if (codeProblem) problems.push(codeProblem);
    if (!isEmpty(t.status) && !(TASK_STATUSES as readonly unknown[]).includes(t.status)) {
      problems.push({ path: `${at}.status`, message: `must be one of ${TASK_STATUSES.join(', ')}` });
    }
    for (const field of TASK_TEXTS) problems.push(...checkText(t[field], MAX_TASK_TEXT, `${at}.${field}`, field));
  });

  if (submit) {
    for (const ind of plan.indicators) {
      if (ind.required && !withData.has(ind.code)) problems.push({ path: 'values', message: `indicator ${ind.code} is required to submit` });
    }
    const effective = new Map(values.map((v) => [v.indicator, v.value]));
    (plan.validationRules ?? []).forEach((r, k) => {
      const left = effective.get(r.left) ?? null;
      const right = effective.get(r.right) ?? null;
      if (left === null || right === null || compare(left, r.op, right)) return;
      problems.push({ path: `validationRules[${k}]`, message: r.message ?? `${r.left} (${show(left)}) must be ${r.op} ${r.right} (${show(right)})` });
    });
  }
  return { problems, values };
}
