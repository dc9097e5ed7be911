import type { FieldProblem, PlanInput, UnitSelector } from '../../../schemas';
import { isValidLocalDate, validateDueRule, validateOnly } from './periods';

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

/** Every unit code a plan names, so the caller can fetch them in one query. */
export function namedUnits(plan: Pick<PlanInput, 'tasks' | 'schedules'>): Set<string> {
  const codes = new Set<string>();
  const add = (s: UnitSelector) => 'units' in s && s.units.forEach((c) => codes.add(c));
  plan.tasks.forEach((t) => add(t.assignees));
  for (const s of plan.schedules) {
    add(s.appliesTo);
    (Array.isArray(s.reportTo) ? s.reportTo : [s.reportTo]).forEach((c) => codes.add(c));
    if (s.via) codes.add(s.via);
  }
  return codes;
}

function duplicates<T>(items: readonly T[], key: (t: T) => string, path: (i: number) => string, what: string): FieldProblem[] {
  const seen = new Map<string, number>();
  const out: FieldProblem[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) out.push({ path: path(i), message: `duplicate ${what} ${k} (also at ${path(first).replace(/\.code$/, '')})` });
    else seen.set(k, i);
  });
  return out;
}

function checkSelector(sel: UnitSelector, path: string, facts: PlanFacts): FieldProblem[] {
  const issuer = facts.issuer;
  if ('level' in sel) {
    if (facts.levelsBelowIssuer.has(sel.level)) return [];
    return [{ path: `${path}.level`, message: `no unit of level "${sel.level}" under ${issuer.code}` }];
  }
  const out: FieldProblem[] = [];
  sel.units.forEach((code, i) => {
    const u = facts.units.get(code);
    if (!u) out.push({ path: `${path}.units[${i}]`, message: `unknown unit ${code}` });
    else if (!u.path.startsWith(issuer.path)) {
      out.push({ path: `${path}.units[${i}]`, message: `${code} is outside the issuer's subtree (${issuer.code})` });
    }
  });
  out.push(...duplicates(sel.units, (c) => c, (i) => `${path}.units[${i}]`, 'unit'));
  return out;
}

/** Every rule of a plan that the schema alone cannot express; [] when it may be written. */
export function checkPlan(plan: PlanInput, facts: PlanFacts): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!isValidLocalDate(plan.issuedOn)) out.push({ path: 'issuedOn', message: `${plan.issuedOn} is not a calendar date` });
  out.push(...duplicates(plan.years, String, (i) => `years[${i}]`, 'year'));

  out.push(...duplicates(plan.tasks, (t) => t.code, (i) => `tasks[${i}].code`, 'task code'));
  plan.tasks.forEach((t, i) => out.push(...checkSelector(t.assignees, `tasks[${i}].assignees`, facts)));

  out.push(...duplicates(plan.indicators, (x) => x.code, (i) => `indicators[${i}].code`, 'indicator code'));
  plan.indicators.forEach((ind, i) => {
    const t = ind.target;
    if (!t) return;
    const at = `indicators[${i}].target.value`;
    if (ind.kind === 'text') out.push({ path: `indicators[${i}].target`, message: 'a text indicator cannot have a target' });
    if (ind.kind === 'percent' && (t.value < 0 || t.value > 100)) out.push({ path: at, message: 'a percent target must lie between 0 and 100' });
    if (ind.kind === 'count' && t.value < 0) out.push({ path: at, message: 'a count target cannot be negative' });
    if (ind.kind === 'boolean' && (t.op !== '=' || (t.value !== 0 && t.value !== 1))) {
      out.push({ path: `indicators[${i}].target`, message: 'a boolean target is {"op":"=","value":1} (yes) or 0 (no)' });
    }
  });

  out.push(...duplicates(plan.schedules, (s) => s.code, (i) => `schedules[${i}].code`, 'schedule code'));
  plan.schedules.forEach((s, i) => {
    const at = `schedules[${i}]`;
    if (s.only) {
      const problem = validateOnly(s.periodType, s.only);
      if (problem) out.push({ path: `${at}.only`, message: problem });
    }
    const dueProblem = validateDueRule(s.due, s.periodType);
    if (dueProblem) out.push({ path: `${at}.due`, message: dueProblem });
    if (s.due.rule === 'date' && !isValidLocalDate(s.due.date)) out.push({ path: `${at}.due.date`, message: `${s.due.date} is not a calendar date` });
    out.push(...checkSelector(s.appliesTo, `${at}.appliesTo`, facts));
    const recipients = Array.isArray(s.reportTo) ? s.reportTo : [s.reportTo];
    recipients.forEach((code, k) => {
      if (!facts.units.has(code)) out.push({ path: Array.isArray(s.reportTo) ? `${at}.reportTo[${k}]` : `${at}.reportTo`, message: `unknown unit ${code}` });
    });
    if (s.via && !facts.units.has(s.via)) out.push({ path: `${at}.via`, message: `unknown unit ${s.via}` });
  });

  out.push(...duplicates(plan.criteria ?? [], (c) => c.code, (i) => `criteria[${i}].code`, 'criterion code'));
  const kinds = new Map(plan.indicators.map((x) => [x.code, x.kind]));
  (plan.validationRules ?? []).forEach((r, i) => {
    for (const side of ['left', 'right'] as const) {
      const kind = kinds.get(r[side]);
      if (!kind) out.push({ path: `validationRules[${i}].${side}`, message: `unknown indicator ${r[side]}` });
      else if (!NUMERIC_KINDS.has(kind)) out.push({ path: `validationRules[${i}].${side}`, message: `${r[side]} is a ${kind} indicator; rules compare numbers` });
    }
  });
  return out;
}

/** Does `sel`, as given in a plan issued by `issuer`, take in `unit`? */
export function namedLevels(plan: Pick<PlanInput, 'tasks' | 'schedules'>): Set<string> {
  const levels = new Set<string>();
  for (const sel of [...plan.tasks.map((t) => t.assignees), ...plan.schedules.map((s) => s.appliesTo)]) {
    if ('level' in sel) levels.add(sel.level);
  }
  return levels;
}

export function selectorCovers(sel: UnitSelector, issuer: UnitFact, unit: UnitFact): boolean {
  if ('units' in sel) return sel.units.includes(unit.code);
  return unit.level === sel.level && unit.path.startsWith(issuer.path) && unit.path !== issuer.path;
}
