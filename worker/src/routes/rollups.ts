import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { Rollup, RollupQuery, type RollupNode } from '../../../schemas';
import { createRouter } from '../app';
import { assertCanSee, type Principal } from '../auth';
import { getPlanRow, planDoc, type PlanRow } from '../db/plans';
import { rollupQueries, toGroupTotals } from '../db/rollups';
import { getUnit, type UnitRow } from '../db/units';
import { csvCell } from '../domain/csv';
import { assembleRollup } from '../domain/rollups';
import type { Env } from '../env';
import { badRequest, forbidden, notFound } from '../errors';
import { authed, problems } from './shared';

const app = createRouter();

/** Who may read a plan's roll-up over `root`: the root must be visible to the caller and within the plan's reach. */
function checkScope(p: Principal, planId: string, plan: PlanRow | null, unitCode: string | null, root: UnitRow | null) {
  if (!plan) throw notFound(`No plan with id ${planId}.`);
  if (!root) throw notFound(`No unit with code ${unitCode ?? plan.issuer_code}.`);
  assertCanSee(p, root);
  const related = root.path.startsWith(plan.issuer_path) || plan.issuer_path.startsWith(root.path);
  if (!related) throw forbidden(`Plan ${planId} does not reach ${root.code}.`);
  return { plan, root };
}

function checkSchedule(plan: PlanRow, scheduleId: string | null) {
  if (scheduleId && !planDoc(plan).schedules.some((s) => s.id === scheduleId)) {
    throw badRequest(`Plan ${plan.id} has no schedule ${scheduleId}.`, [{ path: 'query.schedule', message: 'not a schedule of this plan' }]);
  }
}

/** The unit a roll-up is over: the one asked for, else the plan's issuer (admin) or the token's own unit. */
const rootCode = (p: Principal, unit: string | undefined) => unit ?? (p.kind === 'admin' ? null : p.unit);

type Loaded = Awaited<ReturnType<typeof rollupQueries>>;
function assemble(l: Loaded, plan: PlanRow, root: Pick<UnitRow, 'code' | 'name'>, period: string): RollupNode {
  return assembleRollup({ code: root.code, name: root.name }, period, planDoc(plan).indicators, toGroupTotals(l.groups), l.names, l.texts);
}

/** The roll-up of one plan and period over `root`'s subtree, for a plan and root already checked. */
export async function computeRollup(env: Env, plan: PlanRow, period: string, root: Pick<UnitRow, 'code' | 'name'>, scheduleId: string | null): Promise<RollupNode> {
  checkSchedule(plan, scheduleId);
  return assemble(await rollupQueries(env.DB, { unit: root.code, planId: plan.id, period, scheduleId }), plan, root, period);
}

/** Roll-ups: the issuer's subtree for managers above; any unit of one's own subtree. */
export async function rollupScope(env: Env, p: Principal, planId: string, unitCode: string | undefined) {
  const plan = await getPlanRow(env.DB, planId);
  if (!plan) throw notFound(`No plan with id ${planId}.`);
  const code = rootCode(p, unitCode) ?? plan.issuer_code;
  return checkScope(p, planId, plan, code, await getUnit(env.DB, code));
}

const HEADERS = ['Mã đơn vị', 'Đơn vị', 'Phải nộp', 'Đã nộp', 'Đúng hạn', 'Trễ hạn', 'Bị trả lại', 'Chưa nộp'];

/** UTF-8 with a BOM so Excel and Sheets read the Vietnamese right; an empty cell is "no data", never 0. */
export function rollupCsv(r: RollupNode): string {
  const rateKinds = new Set(['percent', 'ratio', 'boolean']);
  const head = [...HEADERS];
  for (const ind of r.indicators) {
    if (ind.kind === 'text') continue;
    head.push(`${ind.name} (${ind.code})`);
    if (rateKinds.has(ind.kind)) head.push(`${ind.code} – tử số`, `${ind.code} – mẫu số`);
    if (ind.target) head.push(`${ind.code} – đạt chỉ tiêu ${ind.target.op} ${ind.target.value}`);
  }
  const line = (n: RollupNode, code: string, name: string) => {
    const c = n.completeness;
    const cells: (string | number | null)[] = [code, name, c.expected, c.submitted, c.onTime, c.late, c.returned, c.missing.length];
    for (const ind of n.indicators) {
      if (ind.kind === 'text') continue;
      cells.push(ind.value === null ? null : Math.round(ind.value * 100) / 100);
      if (rateKinds.has(ind.kind)) cells.push(ind.numerator, ind.denominator);
      if (ind.target) cells.push(ind.met === null ? null : ind.met ? 'Đạt' : 'Không đạt');
    }
    return cells.map(csvCell).join(',');
  };
  const rows = [head.map(csvCell).join(','), ...(r.children ?? []).map((ch) => line(ch, ch.unit, ch.name)), line(r, r.unit, `Tổng cộng: ${r.name}`)];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

app.openapi(
  createRoute({
    method: 'get', path: '/rollups', tags: ['Roll-ups'], ...authed,
    summary: "A plan's reports for one period, rolled up over a subtree, with one row per child",
    description:
      'Completeness (expected, submitted, on time, late, returned, missing codes) and, per indicator, the exact aggregate: ' +
      'counts and numbers summed, percent and ratio as Σnumerator/Σdenominator, booleans as units answering yes over units reporting. ' +
      '`unit` defaults to the plan\'s issuer (admin) or your token\'s unit. `format=csv` gives a spreadsheet (UTF-8 with BOM, Vietnamese headers).',
    request: { query: RollupQuery },
    responses: {
      200: { description: 'The roll-up', content: { 'application/json': { schema: Rollup }, 'text/csv': { schema: z.string() } } },
      ...problems(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    // One round trip: the roll-up is read with its plan and root, and shown only if the scope checks pass.
    const code = rootCode(p, q.unit);
    const loaded = await rollupQueries(c.env.DB, { unit: code, planId: q.plan, period: q.period, scheduleId: q.schedule ?? null });
    const { plan, root } = checkScope(p, q.plan, loaded.plan, code, loaded.root);
    checkSchedule(plan, q.schedule ?? null);
    const rollup = assemble(loaded, plan, root, q.period);
    if (q.format === 'csv') {
      return c.body(rollupCsv(rollup), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="tong-hop-${root.code}-${q.period}.csv"`,
      });
    }
    return c.json(rollup, 200);
  },
);

export default app;
