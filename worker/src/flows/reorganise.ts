/**
 * Units over time (DESIGN §10): a reorganisation such as Vietnam's of 1 July 2025 applied in one request, all or
 * nothing, without moving a single past figure: old versions and obligations keep their paths, what is no longer
 * owed is cancelled, new units owe what active plans ask from the effective day on, and plans of closed issuers close.
 */
import { z } from 'zod';
import { ReorganiseBody } from '../../../schemas';
import { auditStatement } from '../db/audit';
import { holidaysBetween } from '../db/holidays';
import { cancelObligationsStatement, countCancellable, materialiseStatement, repathObligationsStatement } from '../db/obligations';
import { closePlansStatement, livePlans, planDoc } from '../db/plans';
import { reorganiseStatements, unitsInForce } from '../db/units';
import { parsePeriod, startOfLocalDay } from '../domain/periods';
import { planReorganisation, type SuccessionInput } from '../domain/units';
import { zoneOf, type Env } from '../env';
import { badRequest, fromZodIssues, t, type FieldProblem } from '../errors';
import { assertAdmin, type Principal } from '../policy';
import { periodDues } from './plans';
import { readUnitRows } from './units';

const SuccessionRow = z.object({ from: z.string(), to: z.string(), type: z.enum(['full', 'partial']) });

/** A period is the new hierarchy's when it ends after the effective day (a one-off report: when it is due after it). */
const afterEffective = (period: string, dueAt: string, effective: string, effectiveAt: string) => {
  const end = parsePeriod(period)?.end;
  return end ? end >= effective : dueAt > effectiveAt;
};

function readBody(text: string): { body: z.infer<typeof ReorganiseBody>; raw: { units: unknown[]; successions: unknown[] } } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest(t('The body is not valid JSON.', 'Dữ liệu gửi lên không phải JSON hợp lệ.'));
  }
  const head = z.object({ effective: ReorganiseBody.shape.effective, units: z.array(z.unknown()).min(1).max(50_000), successions: z.array(z.unknown()).max(100_000).default([]) }).safeParse(json);
  if (!head.success) throw badRequest(t('The reorganisation needs effective, units and successions.', 'Cần có ngày hiệu lực (effective), danh sách đơn vị (units) và quan hệ kế thừa (successions).'), fromZodIssues(head.error.issues));
  return { body: json as z.infer<typeof ReorganiseBody>, raw: { units: head.data.units, successions: head.data.successions } };
}

export async function reorganise(env: Env, p: Principal, text: string, dryRun: boolean) {
  assertAdmin(p);
  const { body, raw } = readBody(text);
  const rowPath = (i: number, f?: string) => `units[${i}]${f ? `.${f}` : ''}`;
  const { incoming, problems } = readUnitRows(raw.units, rowPath);
  const successions: SuccessionInput[] = [];
  raw.successions.forEach((row, i) => {
    const parsed = SuccessionRow.safeParse(row);
    if (parsed.success) successions.push(parsed.data);
    else problems.push(...fromZodIssues(parsed.error.issues, `successions[${i}]`));
  });
  const inForce = await unitsInForce(env.DB);
  const planned = planReorganisation(incoming, successions, inForce, rowPath);
  if ('problems' in planned) problems.push(...planned.problems);
  if (problems.length || 'problems' in planned) throw refused(problems);
  const r = planned.plan;

  const tz = zoneOf(env);
  const effectiveAt = startOfLocalDay(body.effective, tz).toISOString();
  const closed = new Set(r.closed);
  const newPath = new Map(r.write.map((u) => [u.code, u.path]));
  const plans = await livePlans(env.DB);
  const closing = plans.filter((pl) => closed.has(pl.issuer_code));
  const running = plans.filter((pl) => !closed.has(pl.issuer_code) && pl.status === 'active');
  const years = running.flatMap((pl) => planDoc(pl).years);
  const holidays = years.length ? await holidaysBetween(env.DB, Math.min(...years) - 1, Math.max(...years) + 2) : new Set<string>();
  const materialise: D1PreparedStatement[] = [];
  const after: string[] = [];
  for (const pl of running) {
    const doc = planDoc(pl);
    for (const s of doc.schedules) {
      const periods = periodDues(s, doc.years, tz, holidays).filter((x) => afterEffective(x.period, x.dueAt, body.effective, effectiveAt));
      if (periods.length === 0) continue;
      after.push(...periods.map((x) => `${s.id}|${x.period}`));
      materialise.push(materialiseStatement(env.DB, s, pl.id, newPath.get(pl.issuer_code) ?? pl.issuer_path, periods));
    }
  }
  const cancel = { units: r.closed, plans: closing.map((pl) => pl.id) };
  const summary = { effective: body.effective, created: r.created.length, continued: r.continued, changed: r.changed.length, closed: r.closed.length, successions: r.successions.length };
  if (dryRun) {
    return { dryRun, ...summary, obligationsCancelled: await countCancellable(env.DB, cancel, effectiveAt), obligationsCreated: 0, obligationsMoved: 0, plansClosed: closing.length };
  }
  const at = new Date().toISOString();
  const unitStatements = reorganiseStatements(env.DB, r, body.effective, { at, actor: p.actor, actorUnit: p.unit });
  const results = await env.DB.batch([
    ...unitStatements,
    cancelObligationsStatement(env.DB, cancel, effectiveAt, at),
    repathObligationsStatement(env.DB, r.changed, after),
    ...materialise,
    closePlansStatement(env.DB, cancel.plans, at),
    auditStatement(env.DB, p, new Date(at), { action: 'units.reorganise', entityType: 'units', entityId: body.effective, unit: null, after: { ...summary, plansClosed: cancel.plans } }),
  ]);
  const changes = (i: number) => results[i]?.meta.changes ?? 0;
  const base = unitStatements.length;
  return {
    dryRun, ...summary,
    obligationsCancelled: changes(base), obligationsMoved: changes(base + 1),
    obligationsCreated: materialise.reduce((n, _s, k) => n + changes(base + 2 + k), 0),
    plansClosed: changes(base + 2 + materialise.length),
  };
}

function refused(problems: FieldProblem[]) {
  return badRequest(t(`The reorganisation was rejected and nothing was written: ${problems.length} problem(s), listed in errors.`,
    `Không áp dụng được việc sắp xếp: có ${problems.length} lỗi (xem danh sách); chưa ghi gì.`), problems);
}
