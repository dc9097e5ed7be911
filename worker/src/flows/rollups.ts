/** Roll-ups: one plan's reports for one period over a subtree, exact, in one D1 round trip. */
import type { Aggregation, Indicator, RollupNode } from '../../../schemas';
import { getPlanRow, planDoc, type PlanRow } from '../db/plans';
import { rollupData, rollupQueries, rollupStatements, unitsUnder, valuesOfUnits } from '../db/rollups';
import { allSuccessions } from '../db/units';
import { formerUnits, previousYearPeriod } from '../domain/units';
import { getUnit, type UnitRow } from '../db/units';
import { parsePeriod } from '../domain/periods';
import type { PlanDoc } from '../domain/plans';
import { aggregateValue, assembleRollup } from '../domain/rollups';
import type { Env } from '../env';
import { badRequest, notFound, t } from '../errors';
import { assertMayRollUp, type Principal } from '../policy';

/** The unit a roll-up is over: the one asked for, else the plan's issuer (admin) or the token's own unit. */
const rootCode = (p: Principal, unit: string | undefined) => unit ?? (p.kind === 'admin' ? null : p.unit);

const noPlan = (id: string) => notFound(t(`No plan with id ${id}.`, `Không có kế hoạch mã ${id}.`));
const noUnit = (code: string) => notFound(t(`No unit with code ${code}.`, `Không có đơn vị mã ${code}.`));

function checkSchedule(doc: PlanDoc, planId: string, scheduleId: string | null) {
  if (scheduleId && !doc.schedules.some((s) => s.id === scheduleId)) {
    throw badRequest(t(`Plan ${planId} has no schedule ${scheduleId}.`, `Kế hoạch ${planId} không có chế độ báo cáo ${scheduleId}.`),
      [{ path: 'query.schedule', message: t('not a schedule of this plan', 'không phải chế độ báo cáo của kế hoạch này') }]);
  }
}

/** The period's last day: the roll-up reads the hierarchy in force then (a one-off report: its due day, read in SQL). */
const asOf = (period: string) => parsePeriod(period)?.end ?? null;

/** The aggregation of each count and number indicator: the schedule's, or that of the plan's schedules of this period's kind. */
function aggregationFor(doc: PlanDoc, period: string, scheduleId: string | null): Partial<Record<string, Aggregation>> {
  const type = parsePeriod(period)?.type;
  const schedules = doc.schedules.filter((s) => (scheduleId ? s.id === scheduleId : s.periodType === type));
  return Object.assign({}, ...schedules.map((s) => s.aggregation ?? {}).reverse());
}

function assemble(doc: PlanDoc, root: Pick<UnitRow, 'code' | 'name'>, period: string, scheduleId: string | null, data: ReturnType<typeof rollupData>): RollupNode {
  return assembleRollup({ code: root.code, name: data.rootName ?? root.name }, period, { indicators: doc.indicators, aggregation: aggregationFor(doc, period, scheduleId) }, data.groups, data.names, data.texts);
}

const TOTAL = '\u0000total';

/**
 * "So với cùng kỳ" (DESIGN §10): each indicator of the node and of each child gains `previous`, the same indicator a
 * year earlier aggregated with its own rule over the leaf reports of the units that became it, across reorganisations.
 */
async function withPreviousYear(env: Env, planId: string, root: Pick<UnitRow, 'code' | 'path'>, r: RollupNode, scheduleId: string | null) {
  const period = previousYearPeriod(r.period);
  if (!period) return r;
  const [under, links] = await Promise.all([unitsUnder(env.DB, root.path), allSuccessions(env.DB)]);
  const groups = new Map<string, string[]>([[TOTAL, [root.code, ...under.map((u) => u.code)]]]);
  for (const u of under) groups.set(u.child, [...(groups.get(u.child) ?? []), u.code]);
  const former = formerUnits(groups, links);
  const members = [...former].flatMap(([group, f]) => f.codes.map((code) => ({ code, group })));
  const values = await valuesOfUnits(env.DB, { members, planId, period, scheduleId });
  const attach = (node: RollupNode, group: string) => {
    const totals = values.get(group);
    for (const ind of node.indicators) {
      if (ind.kind === 'text') continue;
      ind.previous = { period, ...aggregateValue(ind.kind as Indicator['kind'], ind.aggregation, totals?.get(ind.code)), approximate: former.get(group)?.approximate ?? false };
    }
  };
  attach(r, TOTAL);
  for (const child of r.children ?? []) attach(child, child.unit);
  return r;
}

/** GET /v1/rollups: one round trip; the plan and root read with the roll-up are checked before anything is shown. */
export async function rollup(env: Env, p: Principal, q: { plan: string; period: string; unit?: string; schedule?: string; compare?: 'previousYear' }) {
  const code = rootCode(p, q.unit);
  const scheduleId = q.schedule ?? null;
  const loaded = await rollupQueries(env.DB, { unit: code, planId: q.plan, period: q.period, scheduleId, asOf: asOf(q.period) });
  if (!loaded.plan) throw noPlan(q.plan);
  if (!loaded.root) throw noUnit(code ?? loaded.plan.issuer_code);
  assertMayRollUp(p, loaded.plan, loaded.root);
  const doc = planDoc(loaded.plan);
  checkSchedule(doc, q.plan, scheduleId);
  const r = assemble(doc, loaded.root, q.period, scheduleId, loaded);
  return { plan: loaded.plan, doc, root: loaded.root, rollup: q.compare === 'previousYear' ? await withPreviousYear(env, loaded.plan.id, loaded.root, r, scheduleId) : r };
}

/** The roll-up of one plan and period over `root`'s subtree, for a plan and root already checked (compile, the web app). */
export async function computeRollup(env: Env, plan: PlanRow, period: string, root: Pick<UnitRow, 'code' | 'name'>, scheduleId: string | null): Promise<RollupNode> {
  const doc = planDoc(plan);
  checkSchedule(doc, plan.id, scheduleId);
  const data = rollupData(await env.DB.batch(rollupStatements(env.DB, { unit: root.code, planId: plan.id, period, scheduleId, asOf: asOf(period) })));
  return assemble(doc, root, period, scheduleId, data);
}

/** Who may read a plan's roll-up over a unit: the unit asked for (or the caller's own), on the plan's branch. */
export async function rollupScope(env: Env, p: Principal, planId: string, unitCode: string | undefined) {
  const plan = await getPlanRow(env.DB, planId);
  if (!plan) throw noPlan(planId);
  const code = rootCode(p, unitCode) ?? plan.issuer_code;
  const root = await getUnit(env.DB, code);
  if (!root) throw noUnit(code);
  assertMayRollUp(p, plan, root);
  return { plan, root, doc: planDoc(plan) };
}
