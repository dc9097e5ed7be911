import type { Indicator, RollupNode } from '../../../schemas';
import { subtreeEnd } from '../domain/units';

/**
 * The subtree's units, each with the child of the root it falls under ('' for the root itself), computed once per
 * unit (MATERIALIZED), not once per value row. CROSS JOIN then pins the join order: from these units to their
 * obligations by the unique (unit_code, schedule_id, period) index, then to report_values by primary key —
 * otherwise the planner prefers the plan index and reads every obligation of a national plan to answer for one district.
 */
const SUB = `WITH sub(code, child) AS MATERIALIZED (
  SELECT u.code, CASE WHEN u.path = ?1 THEN '' ELSE substr(u.path, length(?1) + 1, instr(substr(u.path, length(?1) + 1), '/') - 1) END
  FROM units u WHERE u.path >= ?1 AND u.path < ?2)`;
const FROM = 'FROM sub CROSS JOIN obligations o ON o.unit_code = sub.code';
const WHERE = 'WHERE o.plan_id = ?3 AND o.period = ?4 AND o.schedule_id IN (SELECT value FROM json_each(?5))';
const WITH_VALUES = `${FROM} JOIN report_values v ON v.obligation_id = o.id`;
const SUBMITTED = "o.state IN ('submitted', 'accepted')";
/** Per child and indicator: units with data, sums, units meeting the target. Exported for the query-plan test. */
export const VALUES_SQL = `${SUB} SELECT sub.child, v.indicator, count(v.value) AS n, sum(v.value) AS total,
    sum(v.numerator) AS num, sum(v.denominator) AS den, sum(v.met) AS meeting
  ${WITH_VALUES} ${WHERE} AND ${SUBMITTED}
  GROUP BY sub.child, v.indicator`;

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
  const [counts, missing, values, texts] = await db.batch([
    db.prepare(
      `${SUB} SELECT sub.child, count(*) AS expected, sum(${SUBMITTED}) AS submitted,
              sum(${SUBMITTED} AND o.first_submitted_at < o.due_at) AS on_time, sum(o.state = 'returned') AS returned
       ${FROM} ${WHERE} GROUP BY sub.child`,
    ).bind(...args),
    db.prepare(`${SUB} SELECT DISTINCT sub.child, sub.code ${FROM} ${WHERE} AND o.state IN ('pending', 'returned') ORDER BY sub.code`).bind(...args),
    db.prepare(VALUES_SQL).bind(...args),
    // Texts are listed, not aggregated: only the plan's text indicators are read.
    db.prepare(
      `${SUB} SELECT sub.code AS unit, v.indicator, v.text ${WITH_VALUES} ${WHERE} AND ${SUBMITTED}
         AND v.indicator IN (SELECT value FROM json_each(?6)) AND v.text IS NOT NULL
       ORDER BY sub.code LIMIT 500`,
    ).bind(...args, JSON.stringify(q.indicators.filter((i) => i.kind === 'text').map((i) => i.code))),
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
