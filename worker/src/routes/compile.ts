import type { ReportPut } from '../../../schemas';
import type { Principal } from '../auth';
import { planDoc, type PlanRow } from '../db/plans';
import { contextPlan, type ObligationContext } from '../db/reports';
import type { Env } from '../env';
import { conflict } from '../errors';
import { computeRollup } from './rollups';

/** The newest active plan that `unit` issued on the basis (directly or down the chain) of `planId`. */
async function derivedPlanOf(db: D1Database, planId: string, unit: string) {
  return db
    .prepare(
      `WITH RECURSIVE d(id) AS (
         SELECT id FROM plans WHERE basis_id = ?1
         UNION ALL SELECT p.id FROM plans p JOIN d ON p.basis_id = d.id
       )
       SELECT p.*, u.path AS issuer_path FROM plans p JOIN units u ON u.code = p.issuer_code
       WHERE p.id IN (SELECT id FROM d) AND p.issuer_code = ?2 AND p.status = 'active'
       ORDER BY p.created_at DESC LIMIT 1`,
    )
    .bind(planId, unit)
    .first<PlanRow>();
}

/**
 * Compile upward: a district's report to the city, pre-filled from the roll-up of its wards' reports under the plan
 * it derived for them. Indicators are matched by code; counts and numbers take the sums, rates the summed numerator
 * and denominator; each value notes how many units it comes from.
 */
export async function compileFromChildren(env: Env, _p: Principal, o: ObligationContext) {
  const derived = await derivedPlanOf(env.DB, o.plan_id, o.unit_code);
  if (!derived) {
    throw conflict(`${o.unit_code} has no active plan based on this one to compile from; derive it for your units and activate it first.`);
  }
  const rollup = await computeRollup(env, derived, o.period, { code: o.unit_code, name: o.unit_name }, null);
  const byCode = new Map(rollup.indicators.map((i) => [i.code, i]));
  const c = rollup.completeness;
  const source = `Tổng hợp từ ${c.submitted}/${c.expected} báo cáo theo kế hoạch ${planDoc(derived).number}`;
  const values = contextPlan(o).indicators.flatMap((ind): ReportPut['values'] => {
    const r = byCode.get(ind.code);
    if (!r || r.unitsReporting === 0 || r.kind !== ind.kind) return [];
    if (ind.kind === 'count' || ind.kind === 'number') return [{ indicator: ind.code, value: r.value, note: source }];
    if (ind.kind === 'percent' || ind.kind === 'ratio') return [{ indicator: ind.code, numerator: r.numerator, denominator: r.denominator, note: source }];
    return [];
  });
  return { values, tasks: [] };
}
