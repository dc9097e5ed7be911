/** Scores: criteria points a manager above gives a unit, and the ranking of a subtree. */
import { auditStatement } from '../db/audit';
import { getPlanRow, planDoc } from '../db/plans';
import { listScores, replaceScoreStatements } from '../db/scores';
import { checkScore, rankScores, scorePeriodProblem } from '../domain/scores';
import { subtreeEnd } from '../domain/units';
import type { Env } from '../env';
import { badRequest, conflict, notFound, t } from '../errors';
import { assertCanSeePlan, assertMayScore, type Principal } from '../policy';
import { visibleUnit } from './units';

async function planOf(env: Env, id: string) {
  const plan = await getPlanRow(env.DB, id);
  if (!plan) throw notFound(t(`No plan with id ${id}.`, `Không có kế hoạch mã ${id}.`));
  return plan;
}

/** PUT /v1/scores/{unit}/{plan}/{period}: replaces the unit's points for that period. */
export async function putScore(env: Env, p: Principal, k: { unit: string; planId: string; period: string }, given: { code: string; points: number }[]) {
  const unit = await visibleUnit(env, p, k.unit);
  const plan = await planOf(env, k.planId);
  assertMayScore(p, unit, plan);
  if (plan.status !== 'active') throw conflict(t(`Plan ${k.planId} is ${plan.status}; only an active plan's units are scored.`, 'Chỉ chấm điểm theo kế hoạch đang hiệu lực.'));
  const doc = planDoc(plan);
  const periodProblem = scorePeriodProblem(k.period, doc.years);
  if (periodProblem) throw badRequest(t(`Period ${k.period} is not a period of plan ${k.planId}.`, `Kỳ ${k.period} không thuộc kế hoạch này.`), [periodProblem]);
  const criteria = doc.criteria ?? [];
  if (criteria.length === 0) throw badRequest(t(`Plan ${k.planId} has no scoring criteria.`, 'Kế hoạch này không có tiêu chí chấm điểm.'));
  const problems = checkScore(criteria, given);
  if (problems.length) throw badRequest(t('The score has problems, listed in errors; nothing was saved.', 'Bảng điểm có lỗi (xem danh sách); chưa lưu gì.'), problems);
  const now = new Date();
  await env.DB.batch([
    ...replaceScoreStatements(env.DB, { unit: unit.code, planId: k.planId, period: k.period, at: now.toISOString(), actor: p.actor, criteria: given }),
    auditStatement(env.DB, p, now, { action: 'score.put', entityType: 'score', entityId: `${k.planId}/${k.period}/${unit.code}`, unit: unit.code, after: given }),
  ]);
  const max = criteria.reduce((n, cr) => n + cr.maxPoints, 0);
  return rankScores(given.map((g) => ({ code: unit.code, name: unit.name, criterion: g.code, points: g.points })), max);
}

/** The ranking of the scored units of a subtree for a plan and period, best first. */
export async function ranking(env: Env, p: Principal, q: { plan: string; period: string; unit?: string }) {
  const plan = await planOf(env, q.plan);
  assertCanSeePlan(p, plan);
  const root = await visibleUnit(env, p, q.unit ?? (p.kind === 'admin' ? plan.issuer_code : p.unit));
  const rows = await listScores(env.DB, { rootPath: root.path, rootEnd: subtreeEnd(root.path), planId: q.plan, period: q.period });
  const doc = planDoc(plan);
  return { ranking: rankScores(rows, (doc.criteria ?? []).reduce((n, cr) => n + cr.maxPoints, 0)), criteria: doc.criteria ?? [] };
}
