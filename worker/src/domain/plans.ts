import type { PlanInput, Schedule, UnitSelector } from '../../../schemas';
import { t, type FieldProblem } from '../../../schemas/text';
import { dueInstant, isValidLocalDate, periodsOfYear, validateDueRule, validateOnly } from './periods';

export type StoredSchedule = Schedule & { id: string };
/** The plan document kept in doc_json: the plan as posted, its years sorted, every schedule with its id. */
export type PlanDoc = Omit<PlanInput, 'schedules' | 'basis'> & { schedules: StoredSchedule[] };

export type UnitFact = { code: string; path: string; level: string };

/** What checking a plan needs to know of the hierarchy, fetched beforehand in a few queries. */
export type PlanFacts = {
  issuer: UnitFact;
  /** every unit code the plan names, if it exists */
  units: ReadonlyMap<string, UnitFact>;
  /** the levels the plan names that occur strictly inside the issuer's subtree */
  levelsBelowIssuer: ReadonlySet<string>;
};

const NUMERIC_KINDS = new Set(['count', 'number', 'percent', 'ratio']);
const AGGREGATED_KINDS = new Set(['count', 'number']);

const recipientsOf = (s: Pick<Schedule, 'reportTo'>) => (Array.isArray(s.reportTo) ? s.reportTo : [s.reportTo]);

/** Every unit code a plan names, so the caller can fetch them in one query. */
export function namedUnits(plan: Pick<PlanInput, 'tasks' | 'schedules'>): Set<string> {
  const codes = new Set<string>();
  const add = (s: UnitSelector) => 'units' in s && s.units.forEach((c) => codes.add(c));
  plan.tasks.forEach((task) => add(task.assignees));
  for (const s of plan.schedules) {
    add(s.appliesTo);
    recipientsOf(s).forEach((c) => codes.add(c));
    if (s.via) codes.add(s.via);
  }
  return codes;
}

/** Every level a plan's selectors name. */
export function namedLevels(plan: Pick<PlanInput, 'tasks' | 'schedules'>): Set<string> {
  const levels = new Set<string>();
  for (const sel of [...plan.tasks.map((task) => task.assignees), ...plan.schedules.map((s) => s.appliesTo)]) {
    if ('level' in sel) levels.add(sel.level);
  }
  return levels;
}

function duplicates<T>(items: readonly T[], key: (x: T) => string, path: (i: number) => string, what: { en: string; vi: string }): FieldProblem[] {
  const seen = new Map<string, number>();
  const out: FieldProblem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    const firstAt = first === undefined ? '' : path(first).replace(/\.code$/, '');
    if (first !== undefined) out.push({ path: path(i), message: t(`duplicate ${what.en} ${k} (also at ${firstAt})`, `${what.vi} ${k} bị trùng (đã có ở ${firstAt})`) });
    else seen.set(k, i);
  });
  return out;
}

const unknownUnit = (code: string) => t(`unknown unit ${code}`, `không có đơn vị mã ${code}`);

function checkSelector(sel: UnitSelector, path: string, facts: PlanFacts): FieldProblem[] {
  const issuer = facts.issuer;
  if ('level' in sel) {
    if (facts.levelsBelowIssuer.has(sel.level)) return [];
    return [{ path: `${path}.level`, message: t(`no unit of level "${sel.level}" under ${issuer.code}`, `không có đơn vị cấp "${sel.level}" trực thuộc ${issuer.code}`) }];
  }
  const out: FieldProblem[] = [];
  sel.units.forEach((code, i) => {
    const u = facts.units.get(code);
    if (!u) out.push({ path: `${path}.units[${i}]`, message: unknownUnit(code) });
    else if (!u.path.startsWith(issuer.path)) {
      out.push({ path: `${path}.units[${i}]`, message: t(`${code} is outside the issuer's subtree (${issuer.code})`, `${code} không trực thuộc đơn vị ban hành (${issuer.code})`) });
    }
  });
  out.push(...duplicates(sel.units, (c) => c, (i) => `${path}.units[${i}]`, t('unit', 'đơn vị')));
  return out;
}

/** A recipient must be a unit that can act on the reports: inside the issuer's subtree, or one of its ancestors (DESIGN §13). */
function checkRecipient(code: string, path: string, facts: PlanFacts): FieldProblem[] {
  const u = facts.units.get(code);
  if (!u) return [{ path, message: unknownUnit(code) }];
  const inside = u.path.startsWith(facts.issuer.path);
  const above = facts.issuer.path.startsWith(u.path);
  if (inside || above) return [];
  return [{ path, message: t(`${code} is neither inside the issuer's subtree (${facts.issuer.code}) nor above it, so it could not review these reports`,
    `${code} không thuộc đơn vị ban hành (${facts.issuer.code}) cũng không phải cấp trên của đơn vị này, nên không thể nhận và xử lý báo cáo`) }];
}

/** Every rule of a plan that the schema alone cannot express; [] when it may be written. */
export function checkPlan(plan: PlanInput, facts: PlanFacts): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isValidLocalDate(plan.issuedOn)) out.push({ path: 'issuedOn', message: t(`${plan.issuedOn} is not a calendar date`, `${plan.issuedOn} không phải một ngày có thật`) });
  out.push(...duplicates(plan.years, String, (i) => `years[${i}]`, t('year', 'năm')));

  out.push(...duplicates(plan.tasks, (x) => x.code, (i) => `tasks[${i}].code`, t('task code', 'mã nhiệm vụ')));
  plan.tasks.forEach((task, i) => out.push(...checkSelector(task.assignees, `tasks[${i}].assignees`, facts)));

  out.push(...duplicates(plan.indicators, (x) => x.code, (i) => `indicators[${i}].code`, t('indicator code', 'mã chỉ tiêu')));
  plan.indicators.forEach((ind, i) => {
    const target = ind.target;
    if (!target) return;
    const at = `indicators[${i}].target.value`;
    if (ind.kind === 'text') out.push({ path: `indicators[${i}].target`, message: t('a text indicator cannot have a target', 'chỉ tiêu dạng văn bản không có mục tiêu') });
    if (ind.kind === 'percent' && (target.value < 0 || target.value > 100)) out.push({ path: at, message: t('a percent target must lie between 0 and 100', 'mục tiêu tỷ lệ phải từ 0 đến 100') });
    if (ind.kind === 'count' && target.value < 0) out.push({ path: at, message: t('a count target cannot be negative', 'mục tiêu số lượng không được âm') });
    if (ind.kind === 'boolean' && (target.op !== '=' || (target.value !== 0 && target.value !== 1))) {
      out.push({ path: `indicators[${i}].target`, message: t('a boolean target is {"op":"=","value":1} (yes) or 0 (no)', 'mục tiêu có/không là {"op":"=","value":1} (có) hoặc 0 (không)') });
    }
  });

  const kinds = new Map(plan.indicators.map((x) => [x.code, x.kind]));
  out.push(...duplicates(plan.schedules, (s) => s.code, (i) => `schedules[${i}].code`, t('schedule code', 'mã chế độ báo cáo')));
  plan.schedules.forEach((s, i) => {
    const at = `schedules[${i}]`;
    if (s.only) {
      const problem = validateOnly(s.periodType, s.only);
      if (problem) out.push({ path: `${at}.only`, message: problem });
    }
    const dueProblem = validateDueRule(s.due, s.periodType);
    if (dueProblem) out.push({ path: `${at}.due`, message: dueProblem });
    out.push(...checkSelector(s.appliesTo, `${at}.appliesTo`, facts));
    recipientsOf(s).forEach((code, k) => out.push(...checkRecipient(code, Array.isArray(s.reportTo) ? `${at}.reportTo[${k}]` : `${at}.reportTo`, facts)));
    if (s.via && !facts.units.has(s.via)) out.push({ path: `${at}.via`, message: unknownUnit(s.via) });
    for (const code of Object.keys(s.aggregation ?? {})) {
      const kind = kinds.get(code);
      const path = `${at}.aggregation.${code}`;
      if (!kind) out.push({ path, message: t(`unknown indicator ${code}`, `không có chỉ tiêu mã ${code}`) });
      else if (!AGGREGATED_KINDS.has(kind)) {
        out.push({ path, message: t(`${code} is a ${kind} indicator; only count and number indicators choose sum, avg, min or max`,
          `${code} là chỉ tiêu dạng ${kind}; chỉ chỉ tiêu số lượng hoặc số mới chọn được cách tổng hợp (tổng, trung bình, nhỏ nhất, lớn nhất)`) });
      }
    }
  });

  out.push(...duplicates(plan.criteria ?? [], (c) => c.code, (i) => `criteria[${i}].code`, t('criterion code', 'mã tiêu chí')));
  (plan.validationRules ?? []).forEach((r, i) => {
    for (const side of ['left', 'right'] as const) {
      const kind = kinds.get(r[side]);
      if (!kind) out.push({ path: `validationRules[${i}].${side}`, message: t(`unknown indicator ${r[side]}`, `không có chỉ tiêu mã ${r[side]}`) });
      else if (!NUMERIC_KINDS.has(kind)) {
        out.push({ path: `validationRules[${i}].${side}`, message: t(`${r[side]} is a ${kind} indicator; rules compare numbers`, `${r[side]} không phải chỉ tiêu số; quy tắc chỉ so sánh các số`) });
      }
    }
  });
  return out;
}

/** Does `sel`, as given in a plan issued by `issuer`, take in `unit`? */
export function selectorCovers(sel: UnitSelector, issuer: UnitFact, unit: UnitFact): boolean {
  if ('units' in sel) return sel.units.includes(unit.code);
  return unit.level === sel.level && unit.path.startsWith(issuer.path) && unit.path !== issuer.path;
}

/** The plan's schedules with ids: a schedule keeps its id across edits (matched by code); a new one gets `newId()`. */
export function withScheduleIds(schedules: Schedule[], previous: readonly StoredSchedule[], newId: () => string): StoredSchedule[] {
  const byCode = new Map(previous.map((s) => [s.code, s.id]));
  return schedules.map((s) => ({ ...s, id: byCode.get(s.code) ?? newId() }));
}

/** The document to store for a plan. */
export function planDocOf(input: Omit<PlanInput, 'basis' | 'schedules'>, schedules: StoredSchedule[]): PlanDoc {
  const { number, title, issuer, issuedOn, years, basisText, tasks, indicators, criteria, validationRules } = input;
  return {
    number, title, issuer, issuedOn, years: [...years].sort((a, b) => a - b), tasks, indicators, schedules,
    ...(basisText?.length ? { basisText } : {}),
    ...(criteria ? { criteria } : {}),
    ...(validationRules ? { validationRules } : {}),
  };
}

/** Every (period, due instant) of a schedule over the plan's years, in the deployment's time zone. */
export function schedulePeriods(s: Pick<Schedule, 'periodType' | 'only' | 'due' | 'shiftToWorkingDay'>, years: readonly number[], tz: string, holidays: ReadonlySet<string>) {
  const codes = s.periodType === 'once' ? ['ONCE'] : years.flatMap((y) => periodsOfYear(s.periodType, y, s.only));
  return codes.map((period) => ({
    period,
    dueAt: dueInstant(period, s.due, { tz, shiftToWorkingDay: s.shiftToWorkingDay, holidays }).toISOString(),
  }));
}

/**
 * A derived draft's number as an office writes one before it is signed: blank for the register, then the kind and
 * the body ("/KH-UBND" for a People's Committee; an office keeps the kind and body of the plan it follows). The
 * officer sets the real number before issuing it; no unit code ever shows.
 */
export function draftNumber(sourceNumber: string, level: string): string {
  if (['province', 'district', 'commune'].includes(level)) return '/KH-UBND';
  const m = /^\s*[\d.]*\s*\/(.+)$/.exec(sourceNumber);
  return `/${m ? m[1]!.trim() : sourceNumber}`;
}

/** What deriving needs to know of the new issuer's part of the tree. */
export type DeriveFacts = {
  unit: UnitFact;
  /** the commonest level among its children (its wards), where a schedule lands when the source's level is absent */
  childLevel: string | null;
  /** the levels the source plan names that occur below the new issuer */
  levelsBelow: ReadonlySet<string>;
  /** the units the source plan lists, where they exist */
  listed: ReadonlyMap<string, { path: string }>;
};

/**
 * The cascade (DESIGN §6): the source plan's tasks, indicators, criteria and schedules for the new issuer's own
 * subtree. Unit lists keep the units inside it; a level is kept if it occurs there, otherwise the commonest level of
 * its children is used; reports go to the new issuer.
 */
export function derivedPlan(source: PlanDoc, f: DeriveFacts, issuedOn: string, newId: () => string): PlanDoc {
  const adapt = (sel: UnitSelector): UnitSelector => {
    if ('level' in sel && f.levelsBelow.has(sel.level)) return sel;
    if ('units' in sel) {
      const kept = sel.units.filter((code) => {
        const u = f.listed.get(code);
        return u && u.path.startsWith(f.unit.path) && u.path !== f.unit.path;
      });
      if (kept.length) return { units: kept };
    }
    return f.childLevel ? { level: f.childLevel } : { units: [f.unit.code] };
  };
  const schedules = source.schedules.map(({ id: _id, ...s }) => ({ ...s, appliesTo: adapt(s.appliesTo), reportTo: f.unit.code, via: null }));
  return planDocOf(
    { ...source, number: draftNumber(source.number, f.unit.level), issuer: f.unit.code, issuedOn, tasks: source.tasks.map((task) => ({ ...task, assignees: adapt(task.assignees) })) },
    withScheduleIds(schedules, [], newId),
  );
}

/** Does the plan assign the unit anything (a task or a report)? Only then may it derive the plan. */
export function appliesTo(doc: PlanDoc, issuer: UnitFact, unit: UnitFact): boolean {
  return [...doc.tasks.map((task) => task.assignees), ...doc.schedules.map((s) => s.appliesTo)].some((sel) => selectorCovers(sel, issuer, unit));
}
