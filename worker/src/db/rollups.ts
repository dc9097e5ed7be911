import type { Indicator, RollupNode } from '../../../schemas';
import { subtreeEnd } from '../domain/units';

/** Which child of the root a unit's path falls under ('' for the root itself): the grouping key of every roll-up query. */
const CHILD = `CASE WHEN u.path = ?1 THEN '' ELSE substr(u.path, length(?1) + 1, instr(substr(u.path, length(?1) + 1), '/') - 1) END`;
/**
 * The obligations of one plan and period in the subtree. CROSS JOIN pins the join order: drive from the units'
 * path range and look each unit's obligations up by the (unit_code, schedule_id, period) unique index — otherwise
 * the planner prefers the plan index and reads every obligation of a national plan to answer for one district.
 */
const FROM = 'FROM units u CROSS JOIN obligations o ON o.unit_code = u.code';
const WHERE = `WHERE u.path >= ?1 AND u.path < ?2 AND o.plan_id = ?3 AND o.period = ?4
  AND o.schedule_id IN (SELECT value FROM json_each(?5))`;
const WITH_VALUES = `${FROM} JOIN report_values v ON v.obligation_id = o.id`;
const SUBMITTED = "o.state IN ('submitted', 'accepted')";

type CountRow = { child: string; expected: number; submitted: number; on_time: number; returned: number };
type ValueAgg = {
  child: string; indicator: string; n: number; total: number | null; num: number | null; den: number | null; meeting: number | null;
};

export type Group = { counts: CountRow; missing: string[]; values: Map<string, ValueAgg> };

/**
 * One roll-up as four set-based queries over the subtree, grouped by child, whatever the depth:
 * a child that is itself a parent is aggregated over its whole subtree straight from the leaf reports.
 */
export async function rollupGroups(
  db: D1Database,
  q: { rootPath: string; planId: string; period: string; scheduleIds: string[]; indicators: Indicator[] },
) {
  const args = [q.rootPath, subtreeEnd(q.rootPath), q.planId, q.period, JSON.stringify(q.scheduleIds)];
  const targets = JSON.stringify(Object.fromEntries(q.indicators.filter((i) => i.target).map((i) => [i.code, i.target])));
  const [counts, missing, values, texts] = await db.batch([
    db.prepare(
      `SELECT ${CHILD} AS child, count(*) AS expected, sum(${SUBMITTED}) AS submitted,
              sum(${SUBMITTED} AND o.first_submitted_at < o.due_at) AS on_time, sum(o.state = 'returned') AS returned
       ${FROM} ${WHERE} GROUP BY child`,
    ).bind(...args),
    db.prepare(`SELECT DISTINCT ${CHILD} AS child, u.code ${FROM} ${WHERE} AND o.state IN ('pending', 'returned') ORDER BY u.code`).bind(...args),
    db.prepare(
      `SELECT ${CHILD} AS child, v.indicator, count(v.value) AS n, sum(v.value) AS total,
              sum(v.numerator) AS num, sum(v.denominator) AS den,
              sum(CASE WHEN v.value IS NULL OR t.key IS NULL THEN NULL
                       WHEN t.value ->> '$.op' = '>' THEN v.value > t.value ->> '$.value'
                       WHEN t.value ->> '$.op' = '>=' THEN v.value >= t.value ->> '$.value' - 1e-9
                       WHEN t.value ->> '$.op' = '=' THEN abs(v.value - (t.value ->> '$.value')) < 1e-9
                       WHEN t.value ->> '$.op' = '<=' THEN v.value <= t.value ->> '$.value' + 1e-9
                       ELSE v.value < t.value ->> '$.value' END) AS meeting
       ${WITH_VALUES} LEFT JOIN json_each(?6) t ON t.key = v.indicator
       ${WHERE} AND ${SUBMITTED}
       GROUP BY child, v.indicator`,
    ).bind(...args, targets),
    db.prepare(
      `SELECT u.code AS unit, v.indicator, v.text ${WITH_VALUES} ${WHERE} AND ${SUBMITTED} AND v.text IS NOT NULL
       ORDER BY u.code LIMIT 500`,
    ).bind(...args),
  ]);
  const groups = new Map<string, Group>();
  const group = (child: string) => {
    let g = groups.get(child);
    if (!g) groups.set(child, (g = { counts: { child, expected: 0, submitted: 0, on_time: 0, returned: 0 }, missing: [], values: new Map() }));
    return g;
  };
  for (const r of counts!.results as CountRow[]) group(r.child).counts = r;
  for (const r of missing!.results as { child: string; code: string }[]) group(r.child).missing.push(r.code);
  for (const r of values!.results as ValueAgg[]) group(r.child).values.set(r.indicator, r);
  return { groups, texts: texts!.results as { unit: string; indicator: string; text: string }[] };
}

export async function unitNames(db: D1Database, codes: string[]): Promise<Map<string, string>> {
  const { results } = await db
    .prepare('SELECT code, name FROM units WHERE code IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(codes))
    .all<{ code: string; name: string }>();
  return new Map(results.map((r) => [r.code, r.name]));
}

export type { RollupNode };

/** The query results as the domain's GroupTotals. */
export function toGroupTotals(groups: Map<string, Group>) {
  return new Map(
    [...groups].map(([child, g]) => [
      child,
      {
        expected: g.counts.expected,
        submitted: g.counts.submitted,
        onTime: g.counts.on_time,
        returned: g.counts.returned,
        missing: g.missing,
        values: new Map([...g.values].map(([code, v]) => [code, { n: v.n, total: v.total, num: v.num, den: v.den, meeting: v.meeting }])),
      },
    ]),
  );
}
