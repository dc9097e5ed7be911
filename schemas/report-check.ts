/**
 * The checks of a report that the Worker and the add-on share (no zod, no I/O, so the add-on bundles it small):
 * `checkReportShape` is the ReportPut schema written out by hand (a test proves both accept and refuse the same
 * bodies), and `checkReport` validates the values and tasks against the plan, collecting every problem at once.
 */
import { LIMITS, TASK_STATUSES } from './limits';
import { t, type FieldProblem, type Text } from './text';

/** Own property (Object.hasOwn is ES2022, which Apps Script's engine may lack: this file also runs in the add-on). */
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

type Kind = 'count' | 'number' | 'percent' | 'ratio' | 'boolean' | 'text';
type Op = '>' | '>=' | '=' | '<=' | '<';
export type Target = { op: Op; value: number };
export type PlanIndicator = { code: string; name: string; kind: Kind; target?: Target; required?: boolean };
export type PlanRule = { left: string; op: Op; right: string; message?: string };
export type CheckedPlan = { indicators: PlanIndicator[]; tasks: { code: string }[]; validationRules?: PlanRule[] };

export type ValueInput = {
  indicator: string; value?: number | boolean | string | null; numerator?: number | null; denominator?: number | null;
  na?: boolean; note?: string | null;
};
export type TaskInput = {
  task: string; status?: (typeof TASK_STATUSES)[number] | null; result?: string | null; difficulties?: string | null; proposals?: string | null;
};

/**
 * One stored answer. `value` is the unit's effective number: count/number → the value; percent → 100·n/d;
 * ratio → n/d; boolean → 1/0; text and not-applicable → null. `na` marks "không áp dụng" (its note says why).
 */
export type ValueRow = {
  indicator: string; kind: Kind; value: number | null; numerator: number | null; denominator: number | null;
  text: string | null; note: string | null; na: 0 | 1;
  /** 1 if the value meets the indicator's target, 0 if not, null without a target or data (roll-ups sum it) */
  met: 0 | 1 | null;
};
export type ReportCheck = { problems: FieldProblem[]; values: ValueRow[] };

const TOLERANCE = 1e-9;
const TASK_TEXTS = ['result', 'difficulties', 'proposals'] as const;
const TASK_TEXT_VI: Record<(typeof TASK_TEXTS)[number], string> = { result: 'kết quả', difficulties: 'khó khăn, vướng mắc', proposals: 'đề xuất, kiến nghị' };

/** "No data" — never the same as 0. */
const isEmpty = (x: unknown) => x === null || x === undefined || x === '';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isRate = (kind: Kind) => kind === 'percent' || kind === 'ratio';
const show = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12))));
const showVi = (x: number) => show(x).replace('.', ',');
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const thousandsVi = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * Values within the tolerance count as equal for every operator, so '>' and '<=' never both hold (100·n/d can land
 * a hair off an exact target).
 */
export function compare(left: number, op: Op, right: number): boolean {
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

// ---------------------------------------------------------------------------------------------------------------
// The shape (what ReportPut accepts), by hand

const typeOf = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
const isObject = (x: unknown): x is Record<string, unknown> => typeOf(x) === 'object';

function tooLong(at: string, max: number): FieldProblem {
  return { path: at, message: t(`Too big: expected string to have <=${max} characters`, `dài tối đa ${max} ký tự`) };
}
function wrongType(at: string, expected: string, vi: string): FieldProblem {
  return { path: at, message: t(`Invalid input: expected ${expected}`, `phải là ${vi}`) };
}
function unknownKeys(at: string, keys: string[]): FieldProblem {
  return { path: at, message: t(`Unrecognized key(s) in object: ${keys.map((k) => `"${k}"`).join(', ')}`, `trường không có trong hợp đồng API: ${keys.join(', ')}`) };
}

type Field = (x: unknown, at: string) => FieldProblem[];
const optional = (check: Field, nullable = false): Field => (x, at) => (x === undefined || (nullable && x === null) ? [] : check(x, at));
const string = (max: number): Field => (x, at) => (typeof x !== 'string' ? [wrongType(at, 'string', 'chuỗi văn bản')] : x.length > max ? [tooLong(at, max)] : []);
const number: Field = (x, at) => (isFiniteNumber(x) ? [] : [wrongType(at, 'number', 'số')]);
const boolean: Field = (x, at) => (typeof x === 'boolean' ? [] : [wrongType(at, 'boolean', 'true hoặc false')]);
const oneOf = (values: readonly string[]): Field => (x, at) =>
  (typeof x === 'string' && values.includes(x) ? [] : [{ path: at, message: t(`Invalid option: expected one of ${values.map((v) => `"${v}"`).join('|')}`, `phải là một trong các giá trị: ${values.join(', ')}`) }]);
const scalar: Field = (x, at) =>
  (x === null || isFiniteNumber(x) || typeof x === 'boolean' ? [] : typeof x === 'string' ? string(LIMITS.text)(x, at) : [wrongType(at, 'number, boolean, string or null', 'số, true/false, văn bản hoặc null')]);

function object(fields: Record<string, Field>, required: string[]): Field {
  return (x, at) => {
    if (!isObject(x)) return [wrongType(at, 'object', 'đối tượng JSON')];
    const out: FieldProblem[] = [];
    for (const k of required) if (!has(x, k)) out.push({ path: `${at}.${k}`, message: t('Invalid input: expected string, received undefined', 'bắt buộc phải có') });
    const extra = Object.keys(x).filter((k) => !has(fields, k));
    if (extra.length) out.push(unknownKeys(at, extra));
    for (const [k, check] of Object.entries(fields)) if (has(x, k)) out.push(...check(x[k], `${at}.${k}`));
    return out;
  };
}
function list(item: Field, max: number): Field {
  return (x, at) => {
    if (!Array.isArray(x)) return [wrongType(at, 'array', 'danh sách')];
    if (x.length > max) return [{ path: at, message: t(`Too big: expected array to have <=${max} items`, `tối đa ${max} mục`) }];
    return x.flatMap((v, i) => item(v, `${at}[${i}]`));
  };
}

const VALUE = object({
  indicator: string(LIMITS.itemCode),
  value: optional(scalar),
  numerator: optional(number, true),
  denominator: optional(number, true),
  na: optional(boolean),
  note: optional(string(LIMITS.note), true),
}, ['indicator']);
const TASK = object({
  task: string(LIMITS.itemCode),
  status: optional(oneOf(TASK_STATUSES), true),
  result: optional(string(LIMITS.taskText), true),
  difficulties: optional(string(LIMITS.taskText), true),
  proposals: optional(string(LIMITS.taskText), true),
}, ['task']);
const BODY = object({ values: optional(list(VALUE, LIMITS.values)), tasks: optional(list(TASK, LIMITS.tasks)), submit: optional(boolean) }, []);

/** The problems zod's ReportPut would find in `body`, with the paths it would name ("values[2].note"). */
export function checkReportShape(body: unknown): FieldProblem[] {
  return BODY(body, '').map((p) => ({ ...p, path: p.path.replace(/^\./, '') || '(body)' }));
}

// ---------------------------------------------------------------------------------------------------------------
// Against the plan

function checkText(x: unknown, max: number, at: string, what: Text): FieldProblem[] {
  if (x === null || x === undefined) return [];
  if (typeof x !== 'string') return [{ path: at, message: t(`${what.en} must be text`, `${what.vi} phải là văn bản`) }];
  if (x.length > max) {
    return [{ path: at, message: t(`${what.en} must be at most ${thousands(max)} characters (this one has ${thousands(x.length)})`,
      `${what.vi} dài tối đa ${thousandsVi(max)} ký tự (hiện có ${thousandsVi(x.length)})`) }];
  }
  return [];
}

const NOTE = t('a note', 'ghi chú');
const EXAMPLE = t('e.g. 95 of 100 files', 'ví dụ 95 trên 100 hồ sơ');

type Checked = { problems: FieldProblem[]; row: ValueRow | null; answered: boolean };

/** A percent or ratio: numerator of denominator, 0 ≤ n ≤ d, d > 0. */
function checkRate(v: ValueInput, ind: PlanIndicator, at: string, problems: FieldProblem[]): { numerator: number; denominator: number } | null {
  const { numerator: n, denominator: d } = v;
  if (!isEmpty(v.value)) {
    problems.push({ path: `${at}.value`, message: t(`${ind.code} is a ${ind.kind}: enter numerator and denominator instead of value, ${EXAMPLE.en}`,
      `${ind.name} là tỷ lệ: nhập tử số và mẫu số thay cho giá trị, ${EXAMPLE.vi}`) });
  }
  if (isEmpty(n) && isEmpty(d)) return null;
  const both = t(`${ind.code} needs both numerator and denominator, ${EXAMPLE.en}`, `${ind.name} cần cả tử số và mẫu số, ${EXAMPLE.vi}`);
  if (isEmpty(n)) problems.push({ path: `${at}.numerator`, message: t(`numerator is missing: ${both.en}`, `thiếu tử số: ${both.vi}`) });
  if (isEmpty(d)) problems.push({ path: `${at}.denominator`, message: t(`denominator is missing: ${both.en}`, `thiếu mẫu số: ${both.vi}`) });
  const dOk = isFiniteNumber(d) && d > 0;
  if (!isEmpty(d) && !dOk) problems.push({ path: `${at}.denominator`, message: t('denominator must be a number greater than 0', 'mẫu số phải là số lớn hơn 0') });
  if (!isEmpty(n)) {
    if (!isFiniteNumber(n) || n < 0) problems.push({ path: `${at}.numerator`, message: t('numerator must be a number ≥ 0', 'tử số phải là số không âm') });
    else if (dOk && n > d) {
      problems.push({ path: `${at}.numerator`, message: t(`numerator must lie between 0 and the denominator (${show(d)}); it is ${show(n)}`,
        `tử số phải từ 0 đến mẫu số (${showVi(d)}); đang là ${showVi(n)}`) });
    }
  }
  return isFiniteNumber(n) && isFiniteNumber(d) && dOk && n >= 0 && n <= d ? { numerator: n, denominator: d } : null;
}

/** "Không áp dụng": nothing else may be entered, and the note must say why. */
function checkNotApplicable(v: ValueInput, ind: PlanIndicator, at: string, row: ValueRow): Checked {
  const problems = checkText(v.note, LIMITS.note, `${at}.note`, NOTE);
  if (typeof v.note !== 'string' || v.note.trim() === '') {
    problems.push({ path: `${at}.note`, message: t(`say why ${ind.code} does not apply to this unit`, `hãy ghi lý do chỉ tiêu "${ind.name}" không áp dụng với đơn vị`) });
  }
  for (const side of ['value', 'numerator', 'denominator'] as const) {
    if (!isEmpty(v[side])) {
      problems.push({ path: `${at}.${side}`, message: t(`${ind.code} is marked not applicable: leave ${side} empty`, `"${ind.name}" đã chọn không áp dụng: để trống ô này`) });
    }
  }
  if (problems.length) return { problems, row: null, answered: true };
  return { problems, row: { ...row, na: 1 }, answered: true };
}

/** One entry against its indicator: its problems, its row (null when it has no data and no note, or is wrong). */
function checkValue(v: ValueInput, ind: PlanIndicator, at: string): Checked {
  const note = typeof v.note === 'string' && v.note !== '' ? v.note : null;
  const row: ValueRow = { indicator: ind.code, kind: ind.kind, value: null, numerator: null, denominator: null, text: null, note, na: 0, met: null };
  if (v.na === true) return checkNotApplicable(v, ind, at, row);
  const problems: FieldProblem[] = checkText(v.note, LIMITS.note, `${at}.note`, NOTE);

  if (isRate(ind.kind)) {
    const answered = !isEmpty(v.value) || !isEmpty(v.numerator) || !isEmpty(v.denominator);
    const rate = checkRate(v, ind, at, problems);
    if (rate) {
      row.numerator = rate.numerator;
      row.denominator = rate.denominator;
      // Written 100·n/d (not n/d·100) so that whole percentages come out exact: 7/25 → 28, not 28.000000000000004.
      row.value = ind.kind === 'percent' ? (100 * rate.numerator) / rate.denominator : rate.numerator / rate.denominator;
    }
    return finish(problems, row, answered, ind);
  }

  for (const side of ['numerator', 'denominator'] as const) {
    if (!isEmpty(v[side])) {
      problems.push({ path: `${at}.${side}`, message: t(`${ind.code} is a ${ind.kind} indicator: enter it as value; numerator and denominator are only for percent and ratio`,
        `"${ind.name}" nhập vào ô giá trị; tử số và mẫu số chỉ dùng cho chỉ tiêu tỷ lệ`) });
    }
  }
  const x = v.value;
  if (isEmpty(x)) return finish(problems, row, false, ind);
  const wrong = (message: Text) => problems.push({ path: `${at}.value`, message });
  switch (ind.kind) {
    case 'count':
      if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) wrong(t('must be a whole number ≥ 0', 'phải là số nguyên không âm'));
      else row.value = x;
      break;
    case 'number':
      if (!isFiniteNumber(x)) wrong(t('must be a number, e.g. 12.5', 'phải là một số, ví dụ 12,5'));
      else row.value = x;
      break;
    case 'boolean':
      if (typeof x !== 'boolean') wrong(t('must be true or false', 'phải là Có hoặc Không'));
      else row.value = x ? 1 : 0;
      break;
    case 'text':
      if (typeof x !== 'string') wrong(t('must be text', 'phải là văn bản'));
      else if (x.length > LIMITS.text) {
        wrong(t(`must be at most ${thousands(LIMITS.text)} characters (this one has ${thousands(x.length)})`,
          `dài tối đa ${thousandsVi(LIMITS.text)} ký tự (hiện có ${thousandsVi(x.length)})`));
      } else row.text = x;
      break;
  }
  return finish(problems, row, true, ind);
}

function finish(problems: FieldProblem[], row: ValueRow, answered: boolean, ind: PlanIndicator): Checked {
  if (problems.length) return { problems, row: null, answered };
  const met = meetsTarget(row.value, ind.target);
  const filled = row.value !== null || row.text !== null || row.note !== null;
  return { problems, row: filled ? { ...row, met: met === null ? null : met ? 1 : 0 } : null, answered };
}

/** Is `code` known and not yet seen? Otherwise a problem at `at` says why. */
function firstOfKnown(code: string, i: number, known: ReadonlySet<string>, seen: Map<string, number>, list: string, at: string, what: Text): FieldProblem | null {
  const first = seen.get(code);
  if (!known.has(code)) return { path: at, message: t(`unknown ${what.en} ${code} in this plan`, `kế hoạch không có ${what.vi} mã ${code}`) };
  if (first !== undefined) return { path: at, message: t(`duplicate ${what.en} ${code} (also at ${list}[${first}])`, `${what.vi} ${code} bị nhập hai lần (cũng ở ${list}[${first}])`) };
  seen.set(code, i);
  return null;
}

/**
 * Validates values and tasks against the plan, collecting every problem. `submit` adds: every indicator the plan does
 * not mark `"required": false` must be answered (a value, or not applicable with a note), and the validation rules
 * must hold (a rule with a side lacking data is skipped). `values` holds the rows of the entries that have data, a
 * note or a not-applicable mark and no problem. Paths look like 'values[2].numerator', 'tasks[0].task'.
 */
export function checkReport(plan: CheckedPlan, body: { values?: ValueInput[]; tasks?: TaskInput[] }, submit: boolean): ReportCheck {
  const problems: FieldProblem[] = [];
  const values: ValueRow[] = [];
  const indicators = new Map(plan.indicators.map((ind) => [ind.code, ind]));
  const answered = new Set<string>();

  const knownIndicators = new Set(indicators.keys());
  const seenIndicators = new Map<string, number>();
  (body.values ?? []).forEach((v, i) => {
    const at = `values[${i}]`;
    const codeProblem = firstOfKnown(v.indicator, i, knownIndicators, seenIndicators, 'values', `${at}.indicator`, t('indicator', 'chỉ tiêu'));
    if (codeProblem) problems.push(codeProblem);
    const ind = indicators.get(v.indicator);
    if (!ind) return problems.push(...checkText(v.note, LIMITS.note, `${at}.note`, NOTE));
    // A repeat is still checked, so that one answer lists everything to fix, but only the first entry counts.
    const checked = checkValue(v, ind, at);
    problems.push(...checked.problems);
    if (codeProblem) return;
    if (checked.answered) answered.add(ind.code);
    if (checked.row) values.push(checked.row);
  });

  const knownTasks = new Set(plan.tasks.map((task) => task.code));
  const seenTasks = new Map<string, number>();
  (body.tasks ?? []).forEach((task, i) => {
    const at = `tasks[${i}]`;
    const codeProblem = firstOfKnown(task.task, i, knownTasks, seenTasks, 'tasks', `${at}.task`, t('task', 'nhiệm vụ'));
    if (codeProblem) problems.push(codeProblem);
    if (!isEmpty(task.status) && !(TASK_STATUSES as readonly unknown[]).includes(task.status)) {
      problems.push({ path: `${at}.status`, message: t(`must be one of ${TASK_STATUSES.join(', ')}`, 'phải là Chưa thực hiện, Đang thực hiện hoặc Hoàn thành') });
    }
    for (const field of TASK_TEXTS) problems.push(...checkText(task[field], LIMITS.taskText, `${at}.${field}`, t(field, TASK_TEXT_VI[field])));
  });

  if (submit) {
    for (const ind of plan.indicators) {
      if (ind.required !== false && !answered.has(ind.code)) {
        problems.push({ path: 'values', message: t(`indicator ${ind.code} needs a value, or "na": true with a note saying why, to submit`,
          `chưa có số liệu cho chỉ tiêu "${ind.name}": nhập số liệu, hoặc chọn "không áp dụng" và ghi lý do`) });
      }
    }
    const effective = new Map(values.map((v) => [v.indicator, v.value]));
    (plan.validationRules ?? []).forEach((r, k) => {
      const left = effective.get(r.left) ?? null;
      const right = effective.get(r.right) ?? null;
      if (left === null || right === null || compare(left, r.op, right)) return;
      const fallback = t(`${r.left} (${show(left)}) must be ${r.op} ${r.right} (${show(right)})`, `${r.left} (${showVi(left)}) phải ${r.op} ${r.right} (${showVi(right)})`);
      problems.push({ path: `validationRules[${k}]`, message: r.message ? t(r.message, r.message) : fallback });
    });
  }
  return { problems, values };
}
