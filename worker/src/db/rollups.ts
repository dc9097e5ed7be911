import type { RollupNode } from '../../../schemas';
import type { PlanRow } from './plans';
import type { UnitRow } from './units';

/**
 * The root (?1, or the plan's issuer when null) as its path range, then the subtree's units, each with the child of
 * the root it falls under ('' for the root itself), computed once per unit (MATERIALIZED), not once per value row.
 * CROSS JOIN pins the join order: from these units to their obligations by the unique (unit_code, schedule_id, period)
 * index, then to report_values by primary key — otherwise the planner prefers the plan index and reads every
 * obligation of a national plan to answer for one district.
 */
const SUB = `WITH root(path, fin) AS (SELECT path, substr(path, 1, length(path) - 1) || '0' FROM units
    WHERE code = coalesce(?1, (SELECT issuer_code FROM plans WHERE id = ?2))),
  sub(code, child) AS MATERIALIZED (
    SELECT u.code, CASE WHEN u.path = root.path THEN '' ELSE substr(u.path, length(root.path) + 1, instr(substr(u.path, length(root.path) + 1), '/') - 1) END
    FROM root CROSS JOIN units u WHERE u.path >= root.path AND u.path < root.fin)`;
const FROM = 'FROM sub CROSS JOIN obligations o ON o.unit_code = sub.code';
const WHERE = 'WHERE o.plan_id = ?2 AND o.period = ?3 AND (?4 IS NULL OR o.schedule_id = ?4)';
const WITH_VALUES = `${FROM} JOIN report_values v ON v.obligation_id = o.id`;
const SUBMITTED = "o.state IN ('submitted', 'accepted')";
/** Per child and indicator: units with data, sums, units meeting the target. Exported for the query-plan test. */
export const VALUES_SQL = `${SUB} SELECT sub.child, v.indicator, count(v.value) AS n, sum(v.value) AS total,
    sum(v.numerator) AS num, sum(v.denominator) AS den, sum(v.met) AS meeting
  ${WITH_VALUES} ${WHERE} AND ${SUBMITTED}
  GROUP BY sub.child, v.indicator`;
/**
 * The same, one row per child with its indicators as a JSON array: D1 hands rows across its bridge one object at a
 * time, which costs more than the aggregation itself (50 indicators × 63 provinces = 3,150 rows become 63).
 */
const VALUES_BY_CHILD_SQL = `WITH agg AS (${VALUES_SQL})
  SELECT child, json_group_array(json_array(indicator, n, total, num, den, meeting)) AS aggs FROM agg GROUP BY child`;

type CountRow = { child: string; expected: number; submitted: number; on_time: number; returned: number };
type ValueAgg = {
  child: string; indicator: string; n: number; total: number | null; num: number | null; den: number | null; meeting: number | null;
};

export type Group = { counts: CountRow; missing: string[]; values: Map<string, ValueAgg> };

/**
 * One roll-up as one D1 batch, whatever the depth: the plan, the root unit, the names of its children, and four
 * set-based queries over the subtree grouped by child — a child that is itself a parent is aggregated over its whole
 * subtree straight from the leaf reports. One round trip: the caller checks scope on the plan and root it gets back
 * before showing anything (a refused request has only cost a read).
 */
export async function rollupQueries(db: D1Database, q: { unit: string | null; planId: string; period: string; scheduleId: string | null }) {
  const args = [q.unit, q.planId, q.period, q.scheduleId];
  const [plan, root, names, counts, missing, values, texts] = await db.batch([
    db.prepare('SELECT p.*, u.path AS issuer_path FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.id = ?').bind(q.planId),
    db.prepare('SELECT * FROM units WHERE code = coalesce(?1, (SELECT issuer_code FROM plans WHERE id = ?2))').bind(q.unit, q.planId),
    db.prepare('SELECT code, name FROM units WHERE parent_code = coalesce(?1, (SELECT issuer_code FROM plans WHERE id = ?2))').bind(q.unit, q.planId),
    db.prepare(
      `${SUB} SELECT sub.child, count(*) AS expected, sum(${SUBMITTED}) AS submitted,
              sum(${SUBMITTED} AND o.first_submitted_at < o.due_at) AS on_time, sum(o.state = 'returned') AS returned
       ${FROM} ${WHERE} GROUP BY sub.child`,
    ).bind(...args),
    db.prepare(
      `WITH m AS (${SUB} SELECT DISTINCT sub.child, sub.code ${FROM} ${WHERE} AND o.state IN ('pending', 'returned'))
       SELECT child, json_group_array(code) AS codes FROM m GROUP BY child`,
    ).bind(...args),
    db.prepare(VALUES_BY_CHILD_SQL).bind(...args),
    // Texts are listed, not aggregated: only the plan's text indicators are read, by primary key.
    db.prepare(
      `${SUB} SELECT sub.code AS unit, v.indicator, v.text ${WITH_VALUES} ${WHERE} AND ${SUBMITTED}
         AND v.indicator IN (SELECT i.value ->> '$.code' FROM plans p, json_each(p.doc_json, '$.indicators') i
                             WHERE p.id = ?2 AND i.value ->> '$.kind' = 'text')
         AND v.text IS NOT NULL
       ORDER BY sub.code LIMIT 500`,
    ).bind(...args),
  ]);
  const groups = new Map<string, Group>();
  const group = (child: string) => {
    let g = groups.get(child);
    if (!g) groups.set(child, (g = { counts: { child, expected: 0, submitted: 0, on_time: 0, returned: 0 }, missing: [], values: new Map() }));
    return g;
  };
  for (const r of counts!.results as CountRow[]) group(r.child).counts = r;
  for (const r of missing!.results as { child: string; codes: string }[]) group(r.child).missing.push(...(JSON.parse(r.codes) as string[]).sort());
  for (const r of values!.results as { child: string; aggs: string }[]) {
    const g = group(r.child);
    for (const [indicator, n, total, num, den, meeting] of JSON.parse(r.aggs) as [string, number, number | null, number | null, number | null, number | null][]) {
      g.values.set(indicator, { child: r.child, indicator, n, total, num, den, meeting });
    }
  }
  return {
    plan: (plan!.results[0] as PlanRow | undefined) ?? null,
    root: (root!.results[0] as UnitRow | undefined) ?? null,
    names: new Map((names!.results as { code: string; name: string }[]).map((r) => [r.code, r.name])),
    groups,
    texts: texts!.results as { unit: string; indicator: string; text: string }[],
  };
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
