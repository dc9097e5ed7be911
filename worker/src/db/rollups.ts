import type { GroupTotals, ValueTotals } from '../domain/rollups';
import { PLAN, type PlanRow } from './plans';
import type { UnitRow } from './units';

/**
 * The day whose hierarchy a period rolls up over: its last day (?5), or for a one-off report its due day; and a
 * unit's path and name as they were then (a past version from unit_versions, else the unit as it is now), so that
 * 2025Q2 reads the same before and after the 2025 reform.
 */
const AS_OF = `(SELECT coalesce(?5, (SELECT substr(min(due_at), 1, 10) FROM obligations WHERE plan_id = ?2 AND period = ?3)))`;
const versionAsOf = (field: 'path' | 'name', code: string) => `coalesce(
    (SELECT v.${field} FROM unit_versions v WHERE v.code = ${code} AND v.valid_to > ${AS_OF} AND (v.valid_from IS NULL OR v.valid_from <= ${AS_OF}) ORDER BY v.valid_to LIMIT 1),
    (SELECT ${field} FROM units WHERE code = ${code}))`;

/**
 * The root (?1, or the plan's issuer when null) as a path range, then the obligations of plan ?2 and period ?3 made
 * under it — by the path each was made with, through obligations_path (plan, period, unit_path) — each with the
 * child of the root it falls under ('' for the root itself). Cancelled obligations are not owed and never count.
 */
const OWED = `WITH root(path, fin) AS (
    SELECT p, substr(p, 1, length(p) - 1) || '0' FROM (SELECT ${versionAsOf('path', 'coalesce(?1, (SELECT issuer_code FROM plans WHERE id = ?2))')} AS p) WHERE p IS NOT NULL),
  owed AS (
    SELECT o.id, o.unit_code, o.state, o.first_submitted_at, o.due_at,
           CASE WHEN o.unit_path = root.path THEN '' ELSE substr(o.unit_path, length(root.path) + 1, instr(substr(o.unit_path, length(root.path) + 1), '/') - 1) END AS child
    FROM root CROSS JOIN obligations o
    WHERE o.plan_id = ?2 AND o.period = ?3 AND o.unit_path >= root.path AND o.unit_path < root.fin
      AND (?4 IS NULL OR o.schedule_id = ?4) AND o.cancelled_at IS NULL)`;
const SUBMITTED = "owed.state IN ('submitted', 'accepted')";

/** Per child and indicator, over the leaf reports: units with a value, Σ, min, max, Σnumerator, Σdenominator, units meeting the target, not applicable, outliers. */
export const VALUES_SQL = `${OWED}, agg AS (
    SELECT owed.child, v.indicator, count(v.value) AS n, sum(v.value) AS total, min(v.value) AS lo, max(v.value) AS hi,
           sum(v.numerator) AS num, sum(v.denominator) AS den, sum(v.met) AS meeting, sum(v.na) AS na, sum(v.outlier) AS outliers
    FROM owed JOIN report_values v ON v.obligation_id = owed.id WHERE ${SUBMITTED} GROUP BY owed.child, v.indicator)
  SELECT child, json_group_array(json_array(indicator, n, total, lo, hi, num, den, meeting, na, outliers)) AS aggs FROM agg GROUP BY child`;
// One row per child with its indicators as a JSON array: D1 hands rows across its bridge one object at a time,
// which costs more than the aggregation itself (50 indicators × 63 provinces = 3,150 rows become 63).

const COUNTS_SQL = `${OWED}, counts AS (
    SELECT child, count(*) AS expected, sum(${SUBMITTED}) AS submitted,
           sum(${SUBMITTED} AND owed.first_submitted_at < owed.due_at) AS on_time, sum(owed.state = 'returned') AS returned,
           json_group_array(CASE WHEN owed.state IN ('pending', 'returned') THEN owed.unit_code END) AS missing
    FROM owed GROUP BY child)
  SELECT counts.*, CASE WHEN child = '' THEN NULL ELSE ${versionAsOf('name', 'child')} END AS name FROM counts`;

/** Texts are listed, not aggregated: only the plan's text indicators are read. */
const TEXTS_SQL = `${OWED}
  SELECT owed.unit_code AS unit, v.indicator, v.text FROM owed JOIN report_values v ON v.obligation_id = owed.id
  WHERE ${SUBMITTED} AND v.text IS NOT NULL
    AND v.indicator IN (SELECT i.value ->> '$.code' FROM plans p, json_each(p.doc_json, '$.indicators') i WHERE p.id = ?2 AND i.value ->> '$.kind' = 'text')
  ORDER BY owed.unit_code LIMIT 500`;

type CountRow = { child: string; expected: number; submitted: number; on_time: number; returned: number; missing: string; name: string | null };

/** `asOf`: the period's last day (null for a one-off report: its due day is read). */
export type RollupQuery = { unit: string | null; planId: string; period: string; scheduleId: string | null; asOf: string | null };

/** The three grouped reads of one roll-up, to batch with whatever else the caller reads in the same round trip. */
export function rollupStatements(db: D1Database, q: RollupQuery): D1PreparedStatement[] {
  const args = [q.unit, q.planId, q.period, q.scheduleId, q.asOf];
  return [
    db.prepare(COUNTS_SQL).bind(...args), db.prepare(VALUES_SQL).bind(...args), db.prepare(TEXTS_SQL).bind(...args),
    db.prepare(`SELECT ${versionAsOf('name', 'coalesce(?1, (SELECT issuer_code FROM plans WHERE id = ?2))')} AS name`).bind(...args),
  ];
}

/** `rootName`: the root's name as it was in the period (a unit renamed since reads as it did then). */
export type RollupData = { groups: Map<string, GroupTotals>; names: Map<string, string>; texts: { unit: string; indicator: string; text: string }[]; rootName: string | null };

/** The results of rollupStatements as the domain's totals per child. */
export function rollupData([counts, values, texts, root]: D1Result[]): RollupData {
  const groups = new Map<string, GroupTotals>();
  const names = new Map<string, string>();
  const group = (child: string) => {
    let g = groups.get(child);
    if (!g) groups.set(child, (g = { expected: 0, submitted: 0, onTime: 0, returned: 0, missing: [], values: new Map() }));
    return g;
  };
  for (const r of counts!.results as CountRow[]) {
    const g = group(r.child);
    Object.assign(g, { expected: r.expected, submitted: r.submitted, onTime: r.on_time, returned: r.returned });
    g.missing = (JSON.parse(r.missing) as (string | null)[]).filter((c): c is string => c !== null).sort();
    if (r.name) names.set(r.child, r.name);
  }
  for (const r of values!.results as { child: string; aggs: string }[]) {
    const g = group(r.child);
    for (const [indicator, n, total, lo, hi, num, den, meeting, na, outliers] of JSON.parse(r.aggs) as [string, ...(number | null)[]][]) {
      const v: ValueTotals = { n: n ?? 0, total: total ?? null, min: lo ?? null, max: hi ?? null, num: num ?? null, den: den ?? null, meeting: meeting ?? null, na: na ?? 0, outliers: outliers ?? 0 };
      g.values.set(indicator, v);
    }
  }
  return { groups, names, texts: texts!.results as RollupData['texts'], rootName: (root!.results[0] as { name: string | null } | undefined)?.name ?? null };
}

/**
 * One roll-up as one D1 batch, whatever the depth: the plan, the root unit, and the grouped reads over the subtree.
 * One round trip: the caller checks scope on the plan and root it gets back before showing anything (a refused
 * request has only cost a read).
 */
export async function rollupQueries(db: D1Database, q: RollupQuery) {
  const [plan, root, ...rest] = await db.batch([
    db.prepare(`SELECT ${PLAN} FROM plans p JOIN units u ON u.code = p.issuer_code WHERE p.id = ?`).bind(q.planId),
    db.prepare('SELECT * FROM units WHERE code = coalesce(?1, (SELECT issuer_code FROM plans WHERE id = ?2))').bind(q.unit, q.planId),
    ...rollupStatements(db, q),
  ]);
  return {
    plan: (plan!.results[0] as PlanRow | undefined) ?? null,
    root: (root!.results[0] as UnitRow | undefined) ?? null,
    ...rollupData(rest),
  };
}

/** The units in force under a root (by the path range), each with the child of the root it falls under. */
export async function unitsUnder(db: D1Database, rootPath: string) {
  const { results } = await db.prepare(
    `SELECT code, substr(path, length(?1) + 1, instr(substr(path, length(?1) + 1), '/') - 1) AS child
     FROM units WHERE path > ?1 AND path < substr(?1, 1, length(?1) - 1) || '0' AND valid_to IS NULL`,
  ).bind(rootPath).all<{ code: string; child: string }>();
  return results;
}

/**
 * A year earlier: per group, the submitted values of the leaf reports of the units in `members` (a unit may stand
 * in several groups), aggregated as for a roll-up. Driven from the members into obligations by unit code (the unary
 * `+` keeps the planner off obligations_path, which would read the whole period once per member).
 */
export async function valuesOfUnits(db: D1Database, q: { members: { code: string; group: string }[]; planId: string; period: string; scheduleId: string | null }) {
  const { results } = await db.prepare(
    `WITH m AS (SELECT value ->> '$.code' AS code, value ->> '$.group' AS grp FROM json_each(?1))
     SELECT m.grp AS grp, v.indicator, count(v.value) AS n, sum(v.value) AS total, min(v.value) AS lo, max(v.value) AS hi,
            sum(v.numerator) AS num, sum(v.denominator) AS den, sum(v.met) AS meeting, sum(v.na) AS na, sum(v.outlier) AS outliers
     FROM m CROSS JOIN obligations o ON o.unit_code = m.code
     JOIN report_values v ON v.obligation_id = o.id
     WHERE +o.plan_id = ?2 AND +o.period = ?3 AND (?4 IS NULL OR o.schedule_id = ?4) AND o.cancelled_at IS NULL AND o.state IN ('submitted', 'accepted')
     GROUP BY m.grp, v.indicator`,
  ).bind(JSON.stringify(q.members), q.planId, q.period, q.scheduleId).all<{ grp: string; indicator: string } & Record<'n' | 'total' | 'lo' | 'hi' | 'num' | 'den' | 'meeting' | 'na' | 'outliers', number | null>>();
  const byGroup = new Map<string, Map<string, ValueTotals>>();
  for (const r of results) {
    const g = byGroup.get(r.grp) ?? new Map<string, ValueTotals>();
    g.set(r.indicator, { n: r.n ?? 0, total: r.total, min: r.lo, max: r.hi, num: r.num, den: r.den, meeting: r.meeting, na: r.na ?? 0, outliers: r.outliers ?? 0 });
    byGroup.set(r.grp, g);
  }
  return byGroup;
}
