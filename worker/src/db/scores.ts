/** A unit's points for a plan and period replaced as a whole. */
export function replaceScoreStatements(db: D1Database, s: { unit: string; planId: string; period: string; at: string; actor: string; criteria: { code: string; points: number }[] }) {
  return [
    db.prepare('DELETE FROM scores WHERE plan_id = ? AND period = ? AND unit_code = ?').bind(s.planId, s.period, s.unit),
    db.prepare(
      `INSERT INTO scores (unit_code, plan_id, period, criterion, points, updated_at, actor)
       SELECT ?1, ?2, ?3, value ->> '$.code', value ->> '$.points', ?4, ?5 FROM json_each(?6)`,
    ).bind(s.unit, s.planId, s.period, s.at, s.actor, JSON.stringify(s.criteria)),
  ];
}

export type ScoreRow = { code: string; name: string; period: string; criterion: string; points: number };

/** Every criterion's points of the scored units of a subtree (path range), for one period or all. */
export async function listScores(db: D1Database, q: { rootPath: string; rootEnd: string; planId: string; period: string | null }): Promise<ScoreRow[]> {
  const { results } = await db
    .prepare(
      `SELECT u.code, u.name, s.period, s.criterion, s.points FROM units u JOIN scores s ON s.unit_code = u.code
       WHERE u.path >= ?1 AND u.path < ?2 AND s.plan_id = ?3 AND (?4 IS NULL OR s.period = ?4) ORDER BY s.period DESC, u.code, s.criterion`,
    )
    .bind(q.rootPath, q.rootEnd, q.planId, q.period)
    .all<ScoreRow>();
  return results;
}
