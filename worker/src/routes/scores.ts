import { createRoute } from '@hono/zod-openapi';
import { ScoreList, ScoreParams, ScorePut, ScoreQuery } from '../../../schemas';
import { createRouter } from '../app';
import { canSeePlan, forbidIfSubmitter, visibleUnit } from '../auth';
import { auditStatement } from '../db/audit';
import { getPlanRow, planDoc } from '../db/plans';
import { subtreeEnd } from '../domain/units';
import { parsePeriod } from '../domain/periods';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { authed, json, problems } from './shared';

const app = createRouter();

app.openapi(
  createRoute({
    method: 'put', path: '/scores/{unit}/{planId}/{period}', tags: ['Scores'], ...authed,
    summary: "Score a unit on the plan's criteria (each at most its maxPoints)",
    description: 'By a manager of a unit above the scored unit, or the administrator. Replaces the unit\'s points for that period.',
    request: { params: ScoreParams, body: { required: true, content: { 'application/json': { schema: ScorePut } } } },
    responses: { 200: json(ScoreList, "The unit's score"), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const { unit: code, planId, period } = c.req.valid('param');
    const unit = await visibleUnit(c.env.DB, p, code);
    forbidIfSubmitter(p);
    if (p.kind === 'unit' && p.path === unit.path) throw forbidden('A unit cannot score itself; a manager of a unit above it does.');
    const plan = await getPlanRow(c.env.DB, planId);
    if (!plan) throw notFound(`No plan with id ${planId}.`);
    if (!canSeePlan(p, plan.issuer_path)) throw forbidden(`Plan ${planId} is issued outside your token's reach.`);
    if (plan.status !== 'active') throw conflict(`Plan ${planId} is ${plan.status}; only an active plan's units are scored.`);
    if (!unit.path.startsWith(plan.issuer_path)) throw forbidden(`Plan ${planId} does not reach ${unit.code}; it applies inside ${plan.issuer_code}.`);
    const doc = planDoc(plan);
    // A period code in the plan's years, or ONCE for a score given once over the whole plan.
    const parsed = parsePeriod(period);
    if (!parsed || (parsed.year !== null && !doc.years.includes(parsed.year))) {
      throw badRequest(`Period ${period} is not a period of plan ${planId}.`, [{ path: 'period', message: `must be ONCE or a period code (e.g. ${doc.years[0]}, ${doc.years[0]}Q4) in the plan's years: ${doc.years.join(', ')}` }]);
    }
    const criteria = new Map((doc.criteria ?? []).map((cr) => [cr.code, cr]));
    if (criteria.size === 0) throw badRequest(`Plan ${planId} has no scoring criteria.`);
    const { criteria: given } = c.req.valid('json');
    const problemsFound = given.flatMap((g, i) => {
      const cr = criteria.get(g.code);
      if (!cr) return [{ path: `criteria[${i}].code`, message: `unknown criterion ${g.code}; the plan has ${[...criteria.keys()].join(', ')}` }];
      if (g.points > cr.maxPoints) return [{ path: `criteria[${i}].points`, message: `at most ${cr.maxPoints} points for ${g.code}` }];
      if (given.findIndex((x) => x.code === g.code) !== i) return [{ path: `criteria[${i}].code`, message: `duplicate criterion ${g.code}` }];
      return [];
    });
    if (problemsFound.length) throw badRequest('The score has problems, listed in errors; nothing was saved.', problemsFound);
    const now = new Date();
    await c.env.DB.batch([
      c.env.DB.prepare('DELETE FROM scores WHERE plan_id = ? AND period = ? AND unit_code = ?').bind(planId, period, unit.code),
      c.env.DB.prepare(
        `INSERT INTO scores (unit_code, plan_id, period, criterion, points, updated_at, actor)
         SELECT ?1, ?2, ?3, value ->> '$.code', value ->> '$.points', ?4, ?5 FROM json_each(?6)`,
      ).bind(unit.code, planId, period, now.toISOString(), p.actor, JSON.stringify(given)),
      auditStatement(c.env.DB, p, now, { action: 'score.put', entityType: 'score', entityId: `${planId}/${period}/${unit.code}`, unit: unit.code, after: given }),
    ]);
    const max = [...criteria.values()].reduce((n, cr) => n + cr.maxPoints, 0);
    const total = given.reduce((n, g) => n + g.points, 0);
    return c.json({ items: [{ unit: unit.code, name: unit.name, rank: 1, total, max, criteria: given }], nextCursor: null }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/scores', tags: ['Scores'], ...authed,
    summary: 'The ranking of the scored units of a subtree for a plan and period, best first',
    request: { query: ScoreQuery },
    responses: { 200: json(ScoreList, 'The ranking'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    const plan = await getPlanRow(c.env.DB, q.plan);
    if (!plan) throw notFound(`No plan with id ${q.plan}.`);
    if (!canSeePlan(p, plan.issuer_path)) throw forbidden(`Plan ${q.plan} is issued outside your token's reach.`);
    const root = await visibleUnit(c.env.DB, p, q.unit ?? (p.kind === 'admin' ? plan.issuer_code : p.unit));
    const { results } = await c.env.DB.prepare(
      `SELECT u.code, u.name, s.criterion, s.points FROM units u JOIN scores s ON s.unit_code = u.code
       WHERE u.path >= ?1 AND u.path < ?2 AND s.plan_id = ?3 AND s.period = ?4 ORDER BY u.code, s.criterion`,
    ).bind(root.path, subtreeEnd(root.path), q.plan, q.period).all<{ code: string; name: string; criterion: string; points: number }>();
    const max = (planDoc(plan).criteria ?? []).reduce((n, cr) => n + cr.maxPoints, 0);
    const byUnit = new Map<string, { unit: string; name: string; total: number; max: number; criteria: { code: string; points: number }[] }>();
    for (const r of results) {
      const u = byUnit.get(r.code) ?? { unit: r.code, name: r.name, total: 0, max, criteria: [] };
      u.total += r.points;
      u.criteria.push({ code: r.criterion, points: r.points });
      byUnit.set(r.code, u);
    }
    const sorted = [...byUnit.values()].sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit));
    // Equal totals share a rank (1, 2, 2, 4), as emulation rankings do.
    const items = sorted.map((u) => ({ ...u, rank: sorted.findIndex((x) => x.total === u.total) + 1 }));
    return c.json({ items, nextCursor: null }, 200);
  },
);

export default app;
