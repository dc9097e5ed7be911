import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ActivateResult,
  DeriveBody,
  Plan,
  PlanIdParam,
  PlanInput,
  PlanList,
  PlanListQuery,
  PlanPatch,
  type UnitSelector,
} from '../../../schemas';
import { createRouter } from '../app';
import { assertManagerOf, canSeePlan, type Principal, visibleUnit } from '../auth';
import { auditStatement } from '../db/audit';
import {
  basisChain,
  commonestChildLevel,
  countObligations,
  getPlanRow,
  holidaysBetween,
  levelsBelow,
  listDerived,
  listPlans,
  materialiseStatement,
  planDoc,
  planStatements,
  toPlan,
  type PlanDoc,
  type PlanRow,
  type StoredSchedule,
} from '../db/plans';
import { loadStoredUnits, type UnitRow } from '../db/units';
import { DEFAULT_TZ, dueInstant, localDateOf, periodsOfYear } from '../domain/periods';
import { checkPlan, namedLevels, namedUnits, selectorCovers } from '../domain/plans';
import { pathCodes } from '../domain/units';
import type { Env } from '../env';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { enqueueDeliveries, eventStatements, newDeliveries } from '../events';
import { randomId } from '../ids';
import { authed, decodeCursor, encodeCursor, json, problems } from './shared';

const app = createRouter();

async function visiblePlan(env: Env, p: Principal, id: string): Promise<PlanRow> {
  const row = await getPlanRow(env.DB, id);
  if (!row) throw notFound(`No plan with id ${id}.`);
  if (!canSeePlan(p, row.issuer_path)) throw forbidden(`Plan ${id} is issued outside your token's reach.`);
  return row;
}

async function planResponse(env: Env, row: PlanRow) {
  return toPlan(row, await basisChain(env.DB, row.basis_id));
}

/** Validates a whole plan against the hierarchy before anything is written; 400 lists every problem. */
async function checkAgainstHierarchy(env: Env, p: Principal, input: Omit<PlanInput, 'issuer'>, issuer: UnitRow) {
  const [units, levels] = await Promise.all([
    loadStoredUnits(env.DB, [...namedUnits(input)]),
    levelsBelow(env.DB, issuer.path, [...namedLevels(input)]),
  ]);
  const problems = checkPlan({ ...input, issuer: issuer.code }, { issuer, units, levelsBelowIssuer: levels });
  if (input.basis) {
    const basis = await getPlanRow(env.DB, input.basis);
    if (!basis || !canSeePlan(p, basis.issuer_path)) problems.push({ path: 'basis', message: `unknown plan ${input.basis}` });
  }
  if (problems.length) throw badRequest(`The plan has ${problems.length} problem(s), listed in errors; nothing was written.`, problems);
}

function withScheduleIds(schedules: PlanInput['schedules'], previous: StoredSchedule[] = []): StoredSchedule[] {
  const byCode = new Map(previous.map((s) => [s.code, s.id]));
  return schedules.map((s) => ({ ...s, id: byCode.get(s.code) ?? randomId('sc_') }));
}

function docOf(input: Omit<PlanInput, 'basis' | 'schedules'>, schedules: StoredSchedule[]): PlanDoc {
  const { number, title, issuer, issuedOn, years, tasks, indicators, criteria, validationRules } = input;
  return {
    number, title, issuer, issuedOn, years: [...years].sort((a, b) => a - b), tasks, indicators, schedules,
    ...(criteria ? { criteria } : {}),
    ...(validationRules ? { validationRules } : {}),
  };
}

async function writePlan(env: Env, p: Principal, row: Omit<PlanRow, 'issuer_path'>, doc: PlanDoc, isNew: boolean, before?: unknown) {
  const now = new Date(row.updated_at);
  await env.DB.batch([
    ...planStatements(env.DB, row, doc, isNew),
    auditStatement(env.DB, p, now, {
      action: isNew ? 'plan.create' : 'plan.update',
      entityType: 'plan',
      entityId: row.id,
      unit: row.issuer_code,
      before,
      after: { ...doc, basis: row.basis_id, status: row.status },
    }),
  ]);
}

app.openapi(
  createRoute({
    method: 'post', path: '/plans', tags: ['Plans'], ...authed,
    summary: 'Create a draft plan with tasks, indicators, schedules and criteria',
    description: 'By the administrator or a manager of the issuer. Every problem is listed in one 400; nothing is written then.',
    request: { body: { required: true, content: { 'application/json': { schema: PlanInput } } } },
    responses: { 201: json(Plan, 'The plan, with an id for it and for every schedule'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const input = c.req.valid('json');
    const issuer = await visibleUnit(c.env.DB, p, input.issuer);
    assertManagerOf(p, issuer);
    await checkAgainstHierarchy(c.env, p, input, issuer);
    const now = new Date().toISOString();
    const doc = docOf(input, withScheduleIds(input.schedules));
    const row = {
      id: randomId('pl_'), number: input.number, title: input.title, issuer_code: issuer.code, issued_on: input.issuedOn,
      basis_id: input.basis ?? null, status: 'draft' as const, version: 1, doc_json: JSON.stringify(doc),
      created_at: now, updated_at: now, activated_at: null,
    };
    await writePlan(c.env, p, row, doc, true);
    return c.json(toPlan({ ...row, issuer_path: issuer.path }, await basisChain(c.env.DB, row.basis_id)), 201);
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/plans/{id}', tags: ['Plans'], ...authed, summary: 'A plan, with its basis chain',
    request: { params: PlanIdParam },
    responses: { 200: json(Plan, 'The plan'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => c.json(await planResponse(c.env, await visiblePlan(c.env, c.get('principal'), c.req.valid('param').id)), 200),
);

const ListCursor = z.tuple([z.string(), z.string()]);
const summary = (r: PlanRow) => {
  const doc = planDoc(r);
  return { id: r.id, number: r.number, title: r.title, issuer: r.issuer_code, issuedOn: r.issued_on, years: doc.years, status: r.status, basis: r.basis_id };
};

app.openapi(
  createRoute({
    method: 'get', path: '/plans', tags: ['Plans'], ...authed,
    summary: 'Plans you can see: issued in your subtree or by the units above you',
    request: { query: PlanListQuery },
    responses: { 200: json(PlanList, 'One page of plans, newest first'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    const issuer = q.issuer ? await getVisibleIssuer(c.env, p, q.issuer) : undefined;
    const rows = await listPlans(c.env.DB, {
      rootPath: p.kind === 'admin' ? null : p.path,
      ancestorCodes: p.kind === 'admin' ? [] : pathCodes(p.path).slice(0, -1),
      issuerPath: issuer?.path,
      year: q.year,
      status: q.status,
      limit: q.limit + 1,
      before: decodeCursor(q.cursor, ListCursor),
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return c.json({ items: page.map(summary), nextCursor: rows.length > q.limit && last ? encodeCursor([last.created_at, last.id]) : null }, 200);
  },
);

/** ?issuer= may name the caller's ancestors too: their plans apply downwards. */
async function getVisibleIssuer(env: Env, p: Principal, code: string) {
  const unit = await loadStoredUnits(env.DB, [code]).then((m) => m.get(code));
  if (!unit) throw notFound(`No unit with code ${code}.`);
  if (!canSeePlan(p, unit.path)) throw forbidden(`Unit ${code} is outside your token's reach.`);
  return unit;
}

app.openapi(
  createRoute({
    method: 'patch', path: '/plans/{id}', tags: ['Plans'], ...authed,
    summary: 'Change a draft plan (arrays replace whole lists); optional If-Match: <version>',
    request: { params: PlanIdParam, body: { required: true, content: { 'application/json': { schema: PlanPatch } } } },
    responses: { 200: json(Plan, 'The changed plan'), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await visiblePlan(c.env, p, c.req.valid('param').id);
    assertManagerOf(p, { code: row.issuer_code, path: row.issuer_path });
    const ifMatch = c.req.header('if-match');
    if (ifMatch !== undefined && ifMatch.replace(/"/g, '').trim() !== String(row.version)) {
      throw conflict(`The plan is at version ${row.version}, not ${ifMatch}; reload it and try again.`);
    }
    if (row.status !== 'draft') throw conflict(`Only a draft can be changed; this plan is ${row.status}. Derive a new plan instead.`);
    const patch = c.req.valid('json');
    const old = planDoc(row);
    const merged = { ...old, ...patch, basis: patch.basis === undefined ? row.basis_id : patch.basis };
    const issuer = (await visibleUnit(c.env.DB, p, row.issuer_code))!;
    await checkAgainstHierarchy(c.env, p, merged, issuer);
    const doc = docOf({ ...merged, issuer: row.issuer_code }, withScheduleIds(merged.schedules, old.schedules));
    const next = { ...row, number: doc.number, title: doc.title, issued_on: doc.issuedOn, basis_id: merged.basis ?? null,
      version: row.version + 1, doc_json: JSON.stringify(doc), updated_at: new Date().toISOString() };
    await writePlan(c.env, p, next, doc, false, { ...old, basis: row.basis_id });
    return c.json(await planResponse(c.env, next), 200);
  },
);

/** Every (period, due instant) of a schedule over the plan's years, in the deployment's time zone. */
function schedulePeriods(s: StoredSchedule, years: number[], tz: string, holidays: ReadonlySet<string>) {
  const codes = s.periodType === 'once' ? ['ONCE'] : years.flatMap((y) => periodsOfYear(s.periodType, y, s.only));
  return codes.map((period) => ({
    period,
    dueAt: dueInstant(period, s.due, { tz, shiftToWorkingDay: s.shiftToWorkingDay, holidays }).toISOString(),
  }));
}

app.openapi(
  createRoute({
    method: 'post', path: '/plans/{id}/activate', tags: ['Plans'], ...authed,
    summary: 'Activate: materialise every obligation (unit × schedule × period) exactly once',
    request: { params: PlanIdParam },
    responses: { 200: json(ActivateResult, 'How many obligations the plan has'), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await visiblePlan(c.env, p, c.req.valid('param').id);
    assertManagerOf(p, { code: row.issuer_code, path: row.issuer_path });
    if (row.status === 'archived') throw conflict('An archived plan cannot be activated.');
    if (row.status === 'active') return c.json({ obligations: await countObligations(c.env.DB, row.id), created: 0, status: row.status }, 200);
    const doc = planDoc(row);
    const tz = c.env.TZ_NAME || DEFAULT_TZ;
    const holidays = await holidaysBetween(c.env.DB, doc.years[0]! - 1, doc.years[doc.years.length - 1]! + 2);
    const now = new Date();
    const inserts = doc.schedules.map((s) =>
      materialiseStatement(c.env.DB, s, row.id, row.issuer_path, schedulePeriods(s, doc.years, tz, holidays)),
    );
    const eventId = `evt_plan_${row.id}`;
    const results = await c.env.DB.batch([
      ...inserts,
      c.env.DB.prepare("UPDATE plans SET status = 'active', activated_at = ?1, updated_at = ?1 WHERE id = ?2 AND status = 'draft'")
        .bind(now.toISOString(), row.id),
      auditStatement(c.env.DB, p, now, { action: 'plan.activate', entityType: 'plan', entityId: row.id, unit: row.issuer_code,
        before: { status: 'draft' }, after: { status: 'active' } }),
    ]);
    const created = results.slice(0, inserts.length).reduce((n, r) => n + (r.meta.changes ?? 0), 0);
    const obligations = await countObligations(c.env.DB, row.id);
    const deliveries = newDeliveries(await c.env.DB.batch(eventStatements(c.env.DB, [{
      id: eventId, type: 'plan.activated', occurredAt: now.toISOString(), unit: row.issuer_code, anchors: [row.issuer_path],
      data: { plan: { id: row.id, number: doc.number, title: doc.title, issuer: row.issuer_code }, obligations },
    }])));
    if (deliveries.length) c.executionCtx.waitUntil(enqueueDeliveries(c.env, deliveries));
    return c.json({ obligations, created, status: 'active' as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post', path: '/plans/{id}/archive', tags: ['Plans'], ...authed,
    summary: 'Archive a plan: it stays readable, with its obligations and reports',
    request: { params: PlanIdParam },
    responses: { 200: json(Plan, 'The archived plan'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await visiblePlan(c.env, p, c.req.valid('param').id);
    assertManagerOf(p, { code: row.issuer_code, path: row.issuer_path });
    if (row.status !== 'archived') {
      const now = new Date();
      await c.env.DB.batch([
        c.env.DB.prepare("UPDATE plans SET status = 'archived', updated_at = ? WHERE id = ?").bind(now.toISOString(), row.id),
        auditStatement(c.env.DB, p, now, { action: 'plan.archive', entityType: 'plan', entityId: row.id, unit: row.issuer_code,
          before: { status: row.status }, after: { status: 'archived' } }),
      ]);
    }
    return c.json(await planResponse(c.env, (await getPlanRow(c.env.DB, row.id))!), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post', path: '/plans/{id}/derive', tags: ['Plans'], ...authed,
    summary: 'The cascade: a draft plan for a unit this plan applies to, based on it',
    description:
      'Tasks, indicators, criteria and schedules are copied for the new issuer\'s own subtree: unit lists keep the units inside it, ' +
      'a level is kept if it occurs there, otherwise the commonest level of its children is used; reports go to the new issuer. ' +
      'The unit may then tighten targets (PATCH) and activate.',
    request: { params: PlanIdParam, body: { required: true, content: { 'application/json': { schema: DeriveBody } } } },
    responses: { 201: json(Plan, 'The derived draft'), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = c.get('principal');
    const source = await visiblePlan(c.env, p, c.req.valid('param').id);
    const unit = await visibleUnit(c.env.DB, p, c.req.valid('json').issuer);
    assertManagerOf(p, unit);
    if (source.status !== 'active') throw conflict(`Only an active plan can be derived from; this one is ${source.status}.`);
    const doc = planDoc(source);
    const issuerFact = { code: source.issuer_code, path: source.issuer_path, level: '' };
    const applies = [...doc.tasks.map((t) => t.assignees), ...doc.schedules.map((s) => s.appliesTo)]
      .some((sel) => selectorCovers(sel, issuerFact, unit));
    if (!applies) throw badRequest(`Plan ${source.id} does not apply to ${unit.code}; only units it assigns tasks or reports to can derive it.`,
      [{ path: 'issuer', message: `the plan does not apply to ${unit.code}` }]);
    const existing = (await listDerived(c.env.DB, source.id)).find((d) => d.issuer_code === unit.code && d.status !== 'archived');
    if (existing) throw conflict(`${unit.code} already derived this plan as ${existing.id}; change that one instead.`);

    const childLevel = await commonestChildLevel(c.env.DB, unit.code);
    const levels = await levelsBelow(c.env.DB, unit.path, [...namedLevels(doc)]);
    const inside = await loadStoredUnits(c.env.DB, [...namedUnits(doc)]);
    const adapt = (sel: UnitSelector): UnitSelector => {
      if ('level' in sel && levels.has(sel.level)) return sel;
      if ('units' in sel) {
        const kept = sel.units.filter((code) => {
          const u = inside.get(code);
          return u && u.path.startsWith(unit.path) && u.path !== unit.path;
        });
        if (kept.length) return { units: kept };
      }
      return childLevel ? { level: childLevel } : { units: [unit.code] };
    };
    const now = new Date();
    const schedules = doc.schedules.map(({ id: _id, ...s }) => ({ ...s, appliesTo: adapt(s.appliesTo), reportTo: unit.code, via: null }));
    const derived = docOf(
      { ...doc, number: `${doc.number}/${unit.code}`, issuer: unit.code, issuedOn: localDateOf(now, c.env.TZ_NAME || DEFAULT_TZ),
        tasks: doc.tasks.map((t) => ({ ...t, assignees: adapt(t.assignees) })) },
      withScheduleIds(schedules),
    );
    const row = { id: randomId('pl_'), number: derived.number, title: derived.title, issuer_code: unit.code, issued_on: derived.issuedOn,
      basis_id: source.id, status: 'draft' as const, version: 1, doc_json: JSON.stringify(derived),
      created_at: now.toISOString(), updated_at: now.toISOString(), activated_at: null };
    await writePlan(c.env, p, row, derived, true);
    return c.json(await planResponse(c.env, { ...row, issuer_path: unit.path }), 201);
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/plans/{id}/derived', tags: ['Plans'], ...authed,
    summary: 'Plans derived from this one (that you can see)',
    request: { params: PlanIdParam },
    responses: { 200: json(PlanList, 'The derived plans'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const source = await visiblePlan(c.env, p, c.req.valid('param').id);
    const rows = (await listDerived(c.env.DB, source.id)).filter((r) => canSeePlan(p, r.issuer_path));
    return c.json({ items: rows.map(summary), nextCursor: null }, 200);
  },
);

export default app;
