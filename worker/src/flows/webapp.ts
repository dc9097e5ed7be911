/**
 * The web app's reads: each screen's data in as few round trips as it takes, scoped and authorised by the same flows
 * and policy rules as the JSON API. The routers in routes/app/ render what these return.
 */
import { listObligations, planPeriods, type ObligationRow } from '../db/obligations';
import { planDoc, type PlanRow } from '../db/plans';
import { contextPlan, contextReport, contextSchedule, getVersion, listReportEvents, listVersionBodies } from '../db/reports';
import { listScores } from '../db/scores';
import { getTree, getUnit, listChildren, loadStoredUnits, type UnitRow } from '../db/units';
import { calendarSlice, derivedBy, planSummaries, type PlanSummaryRow } from '../db/webapp';
import { appliesTo, selectorCovers } from '../domain/plans';
import { rankScores } from '../domain/scores';
import { pathCodes, subtreeEnd } from '../domain/units';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { assertManager, assertManagerOf, assertMayScore, mayReviewReport, mayWriteReport, type Principal } from '../policy';
import { plansOf } from './plans';
import { reportContext, type ReportKey } from './reports';
import { computeRollup, rollupScope } from './rollups';
import { tokensOf } from './tokens';
import { deliveries, webhooksOf } from './webhooks';
import { visibleUnit } from './units';

/** Whether a policy check passes: the rule is the policy's own, asked, never restated (a 403 means no). */
export function allowed(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return false;
    throw e;
  }
}

const DAY = 86_400_000;

/** The token's own unit (null for the administrator). */
async function ownUnit(env: Env, p: Principal): Promise<UnitRow | null> {
  return p.kind === 'admin' ? null : getUnit(env.DB, p.unit);
}

export type PlanEntry = { row: PlanRow; years: number[]; summary: PlanSummaryRow | null };

/**
 * Active plans first by their next deadline (the nearest first), then those whose deadlines have all passed, the
 * most recent first: the first is the default plan, so this month's work is never buried under a plan from 2020.
 */
function byDeadline(a: PlanEntry, b: PlanEntry): number {
  const an = a.summary?.next_due ?? null;
  const bn = b.summary?.next_due ?? null;
  if (an && bn) return an.localeCompare(bn);
  if (an || bn) return an ? -1 : 1;
  return (b.summary?.last_due ?? '').localeCompare(a.summary?.last_due ?? '') || b.row.created_at.localeCompare(a.row.created_at);
}

async function plansWithSummaries(env: Env, p: Principal, rootPath: string | null, now: Date, status?: string): Promise<PlanEntry[]> {
  const rows = await plansOf(env, p, { status, limit: 500 });
  const summaries = await planSummaries(env.DB, { rootPath, planIds: rows.map((r) => r.id), now });
  const byPlan = new Map(summaries.map((s) => [s.plan_id, s]));
  return rows.map((row) => ({ row, years: planDoc(row).years, summary: byPlan.get(row.id) ?? null }));
}

/** GET /app's first fragment: who the token is, whether it manages, and its active plans with the default first. */
export async function session(env: Env, p: Principal, now: Date) {
  const unit = await ownUnit(env, p);
  const plans = (await plansWithSummaries(env, p, unit?.path ?? null, now, 'active')).sort(byDeadline);
  return { unit, manager: allowed(() => assertManager(p)), plans };
}

/** The plans a manager works with: its unit's own (every status), and the active plans from above it may cascade. */
export async function planList(env: Env, p: Principal, now: Date) {
  const unit = await ownUnit(env, p);
  const all = await plansWithSummaries(env, p, unit?.path ?? null, now);
  const own = all.filter((e) => !unit || e.row.issuer_code === unit.code || e.row.issuer_path.startsWith(unit.path));
  const above = unit ? all.filter((e) => e.row.status === 'active' && e.row.issuer_code !== unit.code && unit.path.startsWith(e.row.issuer_path)) : [];
  const derived = unit ? await derivedBy(env.DB, above.map((e) => e.row.id), unit.code) : [];
  const basisNames = new Map(all.map((e) => [e.row.id, e.row.number]));
  const issuers = await loadStoredUnits(env.DB, [...new Set(above.map((e) => e.row.issuer_code))]);
  return {
    issuerNames: new Map([...issuers.values()].map((u) => [u.code, u.name])),
    unit,
    manager: allowed(() => assertManager(p)),
    own: own.sort((a, b) => statusOrder(a.row) - statusOrder(b.row) || byDeadline(a, b)),
    above: above.map((e) => ({
      ...e,
      applies: !!unit && appliesTo(planDoc(e.row), { code: e.row.issuer_code, path: e.row.issuer_path, level: '' }, unit),
      derived: derived.find((d) => d.basis_id === e.row.id) ?? null,
    })).sort(byDeadline),
    basisNames,
  };
}

const STATUS_ORDER: Record<string, number> = { draft: 0, active: 1, closed: 2, archived: 3 };
const statusOrder = (r: PlanRow) => STATUS_ORDER[r.status] ?? 4;

/**
 * Names a person can tell apart: a city's matrix holds Phường 1 of Quận 5 and Phường 1 of Quận 10, so a name two
 * units share gets its parent's ("Phường 1 (Quận 5)"); every other unit keeps its own.
 */
async function distinctNames(env: Env, rows: { unit_code: string; unit_name: string; unit_path: string }[]): Promise<Map<string, string>> {
  const codes = new Map<string, Set<string>>();
  for (const r of rows) codes.set(r.unit_name, (codes.get(r.unit_name) ?? new Set()).add(r.unit_code));
  const shared = rows.filter((r) => (codes.get(r.unit_name)?.size ?? 0) > 1);
  const parentOf = new Map(shared.map((r) => [r.unit_code, pathCodes(r.unit_path).slice(-2, -1)[0] ?? '']));
  const parents = parentOf.size ? await loadStoredUnits(env.DB, [...new Set(parentOf.values())]) : new Map();
  const out = new Map<string, string>();
  for (const r of rows) {
    const parent = parents.get(parentOf.get(r.unit_code) ?? '');
    out.set(r.unit_code, parent ? `${r.unit_name} (${parent.name})` : r.unit_name);
  }
  return out;
}

/** The matrix: a plan's obligations over a subtree, by unit and by schedule × period. */
export async function matrix(env: Env, p: Principal, q: { plan: string; unit?: string }, now: Date) {
  const { plan, root } = await rollupScope(env, p, q.plan, q.unit);
  const rows = await listObligations(env.DB, { rootPath: root.path, plan: plan.id, limit: 20_000 }, now);
  return { plan, root, rows, names: await distinctNames(env, rows) };
}

/** One report of a plan rolled up over a subtree: the schedule and period asked for, else the latest already due. */
export async function indicators(env: Env, p: Principal, q: { plan: string; unit?: string; schedule?: string; period?: string }, now: Date) {
  const { plan, root, doc } = await rollupScope(env, p, q.plan, q.unit);
  const periods = await planPeriods(env.DB, plan.id);
  const nowIso = now.toISOString();
  const chosen = periods.find((x) => x.schedule_id === q.schedule && x.period === q.period)
    ?? [...periods].reverse().find((x) => x.due <= nowIso) ?? periods[0] ?? null;
  const rollup = chosen ? await computeRollup(env, plan, chosen.period, root, chosen.schedule_id) : null;
  return { plan, root, doc, periods, chosen, rollup };
}

/** Overdue for longer than this is collapsed behind a count: the calendar shows this month's work first. */
export const RECENT_OVERDUE_DAYS = 90;
/** Deadlines within this many days are "Sắp đến hạn"; later ones "Sau này". */
export const SOON_DAYS = 30;

/**
 * The calendar of a subtree (a plan, a period, or all): overdue (the most recent first; older ones counted and folded),
 * returned, due soon and later (the soonest first).
 */
export async function calendar(env: Env, p: Principal, q: { plan?: string; unit?: string; period?: string }, now: Date) {
  const root = q.unit ? await visibleUnit(env, p, q.unit) : await ownUnit(env, p);
  const rootPath = root?.path ?? null;
  const base = { rootPath, plan: q.plan, period: q.period, now };
  const recentFrom = new Date(now.getTime() - RECENT_OVERDUE_DAYS * DAY).toISOString();
  const soonUntil = new Date(now.getTime() + SOON_DAYS * DAY).toISOString();
  const [overdue, older, returned, soon, later, periods, plans] = await Promise.all([
    calendarSlice(env.DB, { ...base, status: 'overdue', order: 'desc', dueAfter: recentFrom, limit: 200 }),
    calendarSlice(env.DB, { ...base, status: 'overdue', order: 'desc', dueBefore: recentFrom, limit: 100 }),
    calendarSlice(env.DB, { ...base, status: 'returned', order: 'desc', limit: 200 }),
    calendarSlice(env.DB, { ...base, status: 'open', order: 'asc', dueBefore: soonUntil, limit: 200 }),
    calendarSlice(env.DB, { ...base, status: 'open', order: 'asc', dueAfter: soonUntil, limit: 100 }),
    q.plan ? planPeriods(env.DB, q.plan) : Promise.resolve([]),
    q.plan ? Promise.resolve([]) : plansOf(env, p, { limit: 500 }),
  ]);
  const names = await distinctNames(env, [overdue, older, returned, soon, later].flatMap((x) => x.rows));
  return { root, overdue, older, returned, soon, later, periods, names, plans: new Map(plans.map((r) => [r.id, r.number])) };
}

/** What a unit owes (its own reports, every plan), with the plans' numbers and titles. */
export async function owed(env: Env, p: Principal, unitCode: string | undefined, now: Date) {
  const unit = unitCode ? await visibleUnit(env, p, unitCode) : await ownUnit(env, p);
  if (!unit) return { unit: null, rows: [] as ObligationRow[], plans: new Map<string, PlanRow>() };
  const [rows, plans] = await Promise.all([
    listObligations(env.DB, { rootPath: unit.path, limit: 2000 }, now),
    plansOf(env, p, { limit: 500 }),
  ]);
  return { unit, rows: rows.filter((r) => r.unit_code === unit.code), plans: new Map(plans.map((r) => [r.id, r])) };
}

/** Everything a reviewer reads of one report: the obligation, every version (newest first) and every return or acceptance. */
export async function reportReview(env: Env, p: Principal, k: ReportKey) {
  const o = await reportContext(env, p, k);
  const [versions, events] = await Promise.all([listVersionBodies(env.DB, o.id), listReportEvents(env.DB, o.id)]);
  const schedule = contextSchedule(o);
  return {
    o, plan: contextPlan(o), schedule, report: contextReport(o), versions, events,
    reviewer: mayReviewReport(p, { unitPath: o.unit_path, recipients: [schedule.reportTo].flat() }),
    writer: mayWriteReport(p, o.unit_code),
  };
}

/** The ward's form: the plan's indicators and the tasks given to the unit, and what it last saved. */
export async function reportForm(env: Env, p: Principal, k: ReportKey) {
  const o = await reportContext(env, p, k);
  const plan = contextPlan(o);
  const head = contextReport(o);
  const [latest, issuer] = await Promise.all([
    head ? getVersion(env.DB, o.id, head.current_version) : Promise.resolve(null),
    getUnit(env.DB, o.plan_issuer),
  ]);
  const unitFact = { code: o.unit_code, path: o.unit_path, level: o.unit_level };
  const mine = issuer ? plan.tasks.filter((task) => selectorCovers(task.assignees, issuer, unitFact)) : plan.tasks;
  return { o, plan, schedule: contextSchedule(o), head, latest, tasks: mine.length ? mine : plan.tasks, writer: mayWriteReport(p, o.unit_code) };
}

/** A manager's subtree (two levels down) and its tokens, newest first. */
export async function unitsAndTokens(env: Env, p: Principal, unitCode: string | undefined) {
  assertManager(p);
  const code = unitCode ?? (p.kind === 'admin' ? null : p.unit);
  if (!code) return { root: null, tree: null, tokens: [], names: new Map<string, string>() };
  const root = await visibleUnit(env, p, code);
  assertManagerOf(p, root);
  const [tree, tokens] = await Promise.all([getTree(env.DB, root, 2), tokensOf(env, p, { unit: root.code, limit: 500 })]);
  const names = new Map<string, string>();
  const walk = (n: typeof tree) => { names.set(n.code, n.name); n.children.forEach(walk); };
  walk(tree);
  const deeper = [...new Set(tokens.map((t) => t.unit_code))].filter((c) => !names.has(c));
  if (deeper.length) for (const u of (await loadStoredUnits(env.DB, deeper)).values()) names.set(u.code, u.name);
  return { root, tree, tokens, names };
}

/** A unit's webhook subscriptions, each with its latest deliveries and every attempt of them. */
export async function reminders(env: Env, p: Principal, unitCode: string | undefined) {
  assertManager(p);
  const code = unitCode ?? (p.kind === 'admin' ? null : p.unit);
  if (!code) return { root: null, hooks: [] };
  const root = await visibleUnit(env, p, code);
  assertManagerOf(p, root);
  const hooks = (await webhooksOf(env, p, root.code)).filter((h) => h.active);
  const logs = await Promise.all(hooks.map((h) => deliveries(env, p, h.id)));
  return { root, hooks: hooks.map((h, i) => ({ hook: h, deliveries: logs[i]!.slice(0, 20) })) };
}

/**
 * The score board of a plan over a subtree for one period (the one asked for, else the latest scored, else the plan's
 * last year): the ranking with each criterion's points, and the units below that the caller may score.
 */
export async function scoreBoard(env: Env, p: Principal, q: { plan: string; unit?: string; period?: string }) {
  const { plan, root, doc } = await rollupScope(env, p, q.plan, q.unit);
  const criteria = doc.criteria ?? [];
  const rows = criteria.length ? await listScores(env.DB, { rootPath: root.path, rootEnd: subtreeEnd(root.path), planId: plan.id, period: null }) : [];
  const scored = [...new Set(rows.map((r) => r.period))];
  const period = q.period ?? scored[0] ?? String(doc.years[doc.years.length - 1]);
  const max = criteria.reduce((n, c) => n + c.maxPoints, 0);
  const ranking = rankScores(rows.filter((r) => r.period === period), max);
  const children = criteria.length && plan.status === 'active' ? await listChildren(env.DB, root.code, { limit: 1000 }) : [];
  const scorable = children.filter((u) => !u.valid_to && allowed(() => assertMayScore(p, u, plan)));
  const periods = [...new Set([...doc.years.map(String), 'ONCE', ...scored])];
  return { plan, root, criteria, max, period, periods, ranking, scorable };
}
