/** Plans: issuing, changing a draft, activation (obligations, exactly once), archiving, and the cascade (derive). */
import type { PlanInput, PlanPatch } from '../../../schemas';
import { formatDeadline, periodLabel, remindersLabel, scheduleLabel } from '../../../schemas/labels';
import type { z } from 'zod';
import { auditStatement } from '../db/audit';
import { holidaysBetween } from '../db/holidays';
import { countObligations, countSelected, materialiseStatement } from '../db/obligations';
import {
  activateStatement,
  archiveStatement,
  basisChain,
  commonestChildLevel,
  getPlanRow,
  levelsBelow,
  listDerived,
  listPlans,
  planDoc,
  planNumbers,
  planStatements,
  toPlan,
  type PlanRow,
} from '../db/plans';
import { getUnit, loadStoredUnits, unitsAround, type UnitRow } from '../db/units';
import { docxText, DocxError, extractPlan } from '../domain/extract';
import { planActivatedEvent } from '../domain/events';
import { localDateOf } from '../domain/periods';
import { appliesTo, checkPlan, derivedPlan, namedLevels, namedUnits, planDocOf, schedulePeriods, withScheduleIds, type PlanDoc, type StoredSchedule } from '../domain/plans';
import { firstReminderAt } from '../domain/reminders';
import { pathCodes } from '../domain/units';
import { zoneOf, type Env } from '../env';
import { badRequest, conflict, forbidden, notFound, t } from '../errors';
import { randomId } from '../ids';
import { assertCanSeePlan, assertManager, assertManagerOf, canSeePlan, type Principal } from '../policy';
import { commitWithEvents } from './deliveries';
import { visibleUnit } from './units';

const newScheduleId = () => randomId('sc_');

/** A plan, if it exists (404) and the caller may see it (403). */
export async function visiblePlan(env: Env, p: Principal, id: string): Promise<PlanRow> {
  const row = await getPlanRow(env.DB, id);
  if (!row) throw notFound(t(`No plan with id ${id}.`, `Không có kế hoạch mã ${id}.`));
  assertCanSeePlan(p, row);
  return row;
}

export async function planResponse(env: Env, row: PlanRow) {
  return toPlan(row, await basisChain(env.DB, row.basis_id));
}

/** Validates a whole plan against the hierarchy before anything is written; one 400 lists every problem. */
async function checkAgainstHierarchy(env: Env, p: Principal, input: Omit<PlanInput, 'issuer'>, issuer: UnitRow) {
  const [units, levels] = await Promise.all([
    loadStoredUnits(env.DB, [...namedUnits(input)]),
    levelsBelow(env.DB, issuer.path, [...namedLevels(input)]),
  ]);
  const problems = checkPlan({ ...input, issuer: issuer.code }, { issuer, units, levelsBelowIssuer: levels });
  if (input.basis) {
    const basis = await getPlanRow(env.DB, input.basis);
    if (!basis || !canSeePlan(p, basis.issuer_path)) problems.push({ path: 'basis', message: t(`unknown plan ${input.basis}`, `không có kế hoạch mã ${input.basis}`) });
  }
  if (problems.length) {
    throw badRequest(t(`The plan has ${problems.length} problem(s), listed in errors; nothing was written.`, `Kế hoạch có ${problems.length} lỗi (xem danh sách); chưa ghi gì.`), problems);
  }
}

async function writePlan(env: Env, p: Principal, row: Omit<PlanRow, 'issuer_path'>, doc: PlanDoc, isNew: boolean, before?: unknown) {
  const now = new Date(row.updated_at);
  await env.DB.batch([
    ...planStatements(env.DB, row, doc, isNew),
    auditStatement(env.DB, p, now, {
      action: isNew ? 'plan.create' : 'plan.update', entityType: 'plan', entityId: row.id, unit: row.issuer_code, before,
      after: { ...doc, basis: row.basis_id, status: row.status },
    }),
  ]);
}

function newRow(doc: PlanDoc, basis: string | null, at: string): Omit<PlanRow, 'issuer_path'> {
  return {
    id: randomId('pl_'), number: doc.number, title: doc.title, issuer_code: doc.issuer, issued_on: doc.issuedOn, basis_id: basis,
    status: 'draft', version: 1, doc_json: JSON.stringify(doc), created_at: at, updated_at: at, activated_at: null,
  };
}

/** POST /v1/plans: a draft, by the administrator or a manager of the issuer. */
export async function createPlan(env: Env, p: Principal, input: PlanInput) {
  const issuer = await visibleUnit(env, p, input.issuer);
  assertManagerOf(p, issuer);
  await checkAgainstHierarchy(env, p, input, issuer);
  const doc = planDocOf(input, withScheduleIds(input.schedules, [], newScheduleId));
  const row = newRow(doc, input.basis ?? null, new Date().toISOString());
  await writePlan(env, p, row, doc, true);
  return toPlan({ ...row, issuer_path: issuer.path }, await basisChain(env.DB, row.basis_id));
}

/** Plans the caller can see: issued in its subtree or by the units above it, newest first. */
export async function plansOf(env: Env, p: Principal, q: { issuer?: string; year?: number; status?: string; limit: number; before?: [string, string] }) {
  let issuerPath: string | undefined;
  if (q.issuer) {
    // ?issuer= may name the caller's ancestors too: their plans apply downwards.
    const unit = await getUnit(env.DB, q.issuer);
    if (!unit) throw notFound(t(`No unit with code ${q.issuer}.`, `Không có đơn vị mã ${q.issuer}.`));
    if (!canSeePlan(p, unit.path)) throw forbidden(t(`Unit ${q.issuer} is outside your token's reach.`, `Đơn vị ${q.issuer} nằm ngoài phạm vi của mã truy cập.`));
    issuerPath = unit.path;
  }
  return listPlans(env.DB, {
    rootPath: p.kind === 'admin' ? null : p.path,
    ancestorCodes: p.kind === 'admin' ? [] : pathCodes(p.path).slice(0, -1),
    issuerPath, year: q.year, status: q.status, limit: q.limit + 1, before: q.before,
  });
}

export const planSummary = (r: PlanRow) => {
  const doc = planDoc(r);
  return { id: r.id, number: r.number, title: r.title, issuer: r.issuer_code, issuedOn: r.issued_on, years: doc.years, status: r.status, basis: r.basis_id };
};

/** PATCH of a draft (arrays replace whole lists); If-Match guards against a lost update. */
export async function patchPlan(env: Env, p: Principal, id: string, patch: z.infer<typeof PlanPatch>, ifMatch: string | undefined) {
  const row = await visiblePlan(env, p, id);
  assertManagerOf(p, { code: row.issuer_code, path: row.issuer_path });
  if (ifMatch !== undefined && ifMatch !== String(row.version)) {
    throw conflict(t(`The plan is at version ${row.version}, not ${ifMatch}; reload it and try again.`, `Kế hoạch đang ở phiên bản ${row.version}, không phải ${ifMatch}; hãy tải lại rồi thử lại.`));
  }
  if (row.status !== 'draft') {
    throw conflict(t(`Only a draft can be changed; this plan is ${row.status}. Derive a new plan instead.`, 'Chỉ sửa được kế hoạch còn là bản nháp; hãy lập kế hoạch mới dựa trên kế hoạch này.'));
  }
  const old = planDoc(row);
  const merged = { ...old, ...patch, basis: patch.basis === undefined ? row.basis_id : patch.basis };
  const issuer = await visibleUnit(env, p, row.issuer_code);
  await checkAgainstHierarchy(env, p, merged, issuer);
  const doc = planDocOf({ ...merged, issuer: row.issuer_code }, withScheduleIds(merged.schedules, old.schedules, newScheduleId));
  const next = {
    ...row, number: doc.number, title: doc.title, issued_on: doc.issuedOn, basis_id: merged.basis ?? null,
    version: row.version + 1, doc_json: JSON.stringify(doc), updated_at: new Date().toISOString(),
  };
  await writePlan(env, p, next, doc, false, { ...old, basis: row.basis_id });
  return planResponse(env, next);
}

/** Every period of a schedule with its due instant and its first reminder, over the plan's years. */
export function periodDues(s: StoredSchedule, years: readonly number[], tz: string, holidays: ReadonlySet<string>) {
  return schedulePeriods(s, years, tz, holidays).map((x) => ({ ...x, nextReminderAt: firstReminderAt(new Date(x.dueAt), s.reminders) }));
}

/**
 * Activation materialises one obligation per unit × schedule × period, set-based, exactly once however often it is
 * called; the plan.activated event goes out in the same batch.
 */
export async function activatePlan(env: Env, p: Principal, id: string) {
  const row = await visiblePlan(env, p, id);
  assertManagerOf(p, { code: row.issuer_code, path: row.issuer_path });
  if (row.status === 'archived' || row.status === 'closed') {
    throw conflict(t(`An ${row.status} plan cannot be activated.`, 'Kế hoạch đã lưu trữ hoặc đã kết thúc không ban hành lại được.'));
  }
  if (row.status === 'active') return { obligations: await countObligations(env.DB, row.id), created: 0, status: row.status };
  const doc = planDoc(row);
  const tz = zoneOf(env);
  const holidays = await holidaysBetween(env.DB, doc.years[0]! - 1, doc.years[doc.years.length - 1]! + 2);
  const now = new Date();
  const inserts = doc.schedules.map((s) => materialiseStatement(env.DB, s, row.id, row.issuer_path, periodDues(s, doc.years, tz, holidays)));
  const results = await env.DB.batch([
    ...inserts,
    activateStatement(env.DB, row.id, now.toISOString()),
    auditStatement(env.DB, p, now, { action: 'plan.activate', entityType: 'plan', entityId: row.id, unit: row.issuer_code, before: { status: 'draft' }, after: { status: 'active' } }),
  ]);
  const created = results.slice(0, inserts.length).reduce((n, r) => n + (r.meta.changes ?? 0), 0);
  const obligations = await countObligations(env.DB, row.id);
  const event = planActivatedEvent({ id: row.id, number: doc.number, title: doc.title, issuer: row.issuer_code, issuerPath: row.issuer_path }, obligations, now.toISOString());
  await commitWithEvents(env, [], [event]);
  return { obligations, created, status: 'active' as const };
}

/** What activation would do, before it is done: per schedule, how many units and obligations, and its first deadlines. */
export async function previewActivation(env: Env, p: Principal, id: string) {
  const row = await visiblePlan(env, p, id);
  const doc = planDoc(row);
  const tz = zoneOf(env);
  const holidays = await holidaysBetween(env.DB, doc.years[0]! - 1, doc.years[doc.years.length - 1]! + 2);
  const schedules = await Promise.all(doc.schedules.map(async (s) => {
    const periods = periodDues(s, doc.years, tz, holidays);
    const units = await countSelected(env.DB, s.appliesTo, row.issuer_path);
    return {
      id: s.id, code: s.code, name: scheduleLabel(s), units, obligations: units * periods.length,
      firstDeadlines: periods.slice(0, 3).map((x) => ({ period: x.period, periodLabel: periodLabel(x.period), dueAt: x.dueAt, deadline: formatDeadline(x.dueAt, tz) })),
      reminders: remindersLabel(s.reminders),
    };
  }));
  return { obligations: schedules.reduce((n, s) => n + s.obligations, 0), schedules };
}

/** Archive: the plan stays readable, with its obligations and reports. */
export async function archivePlan(env: Env, p: Principal, id: string) {
  const row = await visiblePlan(env, p, id);
  assertManagerOf(p, { code: row.issuer_code, path: row.issuer_path });
  if (row.status !== 'archived') {
    const now = new Date();
    await env.DB.batch([
      archiveStatement(env.DB, row.id, now.toISOString()),
      auditStatement(env.DB, p, now, { action: 'plan.archive', entityType: 'plan', entityId: row.id, unit: row.issuer_code, before: { status: row.status }, after: { status: 'archived' } }),
    ]);
  }
  return planResponse(env, (await getPlanRow(env.DB, row.id))!);
}

/** The cascade: a draft plan for a unit this plan applies to, based on it, for the unit's own subtree. */
export async function derive(env: Env, p: Principal, id: string, issuerCode: string) {
  const source = await visiblePlan(env, p, id);
  const unit = await visibleUnit(env, p, issuerCode);
  assertManagerOf(p, unit);
  if (source.status !== 'active') {
    throw conflict(t(`Only an active plan can be derived from; this one is ${source.status}.`, 'Chỉ lập được kế hoạch triển khai từ một kế hoạch đang hiệu lực.'));
  }
  const doc = planDoc(source);
  if (!appliesTo(doc, { code: source.issuer_code, path: source.issuer_path, level: '' }, unit)) {
    throw badRequest(t(`Plan ${source.id} does not apply to ${unit.code}; only units it assigns tasks or reports to can derive it.`,
      `Kế hoạch ${source.number} không giao việc hay báo cáo cho ${unit.name}, nên đơn vị không lập kế hoạch triển khai từ kế hoạch này được.`),
    [{ path: 'issuer', message: t(`the plan does not apply to ${unit.code}`, `kế hoạch không áp dụng cho ${unit.name}`) }]);
  }
  const existing = (await listDerived(env.DB, source.id)).find((d) => d.issuer_code === unit.code && d.status !== 'archived');
  if (existing) {
    throw conflict(t(`${unit.code} already derived this plan as ${existing.id}; change that one instead.`, `${unit.name} đã lập kế hoạch triển khai ${existing.number} từ kế hoạch này; hãy sửa kế hoạch đó.`));
  }
  const listedCodes = [...namedUnits(doc)];
  const [childLevel, levels, listed] = await Promise.all([
    commonestChildLevel(env.DB, unit.code), levelsBelow(env.DB, unit.path, [...namedLevels(doc)]), loadStoredUnits(env.DB, listedCodes),
  ]);
  const now = new Date();
  const derived = derivedPlan(doc, { unit, childLevel, levelsBelow: levels, listed }, localDateOf(now, zoneOf(env)), newScheduleId);
  const row = newRow(derived, source.id, now.toISOString());
  await writePlan(env, p, row, derived, true);
  return planResponse(env, { ...row, issuer_path: unit.path });
}

/** Plans derived from this one that the caller can see. */
export async function derivedPlans(env: Env, p: Principal, id: string) {
  const source = await visiblePlan(env, p, id);
  return (await listDerived(env.DB, source.id)).filter((r) => canSeePlan(p, r.issuer_path));
}


/** The body of an extraction: the plan's text, or a .docx of it (paragraphs and table cells in order). */
export type PlanSource = { text: string } | { docx: Uint8Array };

/**
 * POST /v1/plans/extract (DESIGN §11): a draft plan from its text, for the caller to fill in what `unresolved` lists
 * and post. Writes nothing. The issuer (default: the manager's own unit) is where names are resolved.
 */
export async function extractDraft(env: Env, p: Principal, source: PlanSource, issuerCode: string | undefined) {
  assertManager(p);
  const code = issuerCode ?? (p.kind === 'unit' ? p.unit : undefined);
  if (!code) {
    throw badRequest(t('Say which unit issues the plan: ?issuer=CODE.', 'Hãy chọn đơn vị ban hành kế hoạch (?issuer=MÃ).'),
      [{ path: 'query.issuer', message: t('required for the administrator', 'bắt buộc với quản trị viên') }]);
  }
  const issuer = await visibleUnit(env, p, code);
  assertManagerOf(p, issuer);
  let text: string;
  if ('docx' in source) {
    try {
      text = docxText(source.docx);
    } catch (e) {
      if (!(e instanceof DocxError)) throw e;
      throw badRequest(t('The file is not a Word document (.docx) that can be read.', 'Tệp gửi lên không phải văn bản Word (.docx) đọc được; hãy lưu lại dạng .docx rồi gửi lại.'),
        [{ path: '(body)', message: t(`not a readable .docx (${e.reason})`, 'không đọc được tệp .docx') }]);
    }
  } else text = source.text;
  const [units, plans] = await Promise.all([unitsAround(env.DB, issuer.path), planNumbers(env.DB)]);
  const visible = plans.filter((x) => canSeePlan(p, x.issuer_path)).map((x) => ({ id: x.id, number: x.number }));
  return { ...extractPlan(text, { issuer: { code: issuer.code, name: issuer.name, level: issuer.level, parent: issuer.parent_code }, units, plans: visible }), text };
}
