/** Units: reading the hierarchy in scope, and importing it (upsert, any order, all-or-nothing). */
import { MAX_IMPORT_ROWS, UnitImportRow } from '../../../schemas';
import { getUnit, importStatements, loadStoredUnits, successionsOf, toUnit, unitAt, unitVersions, type UnitRow } from '../db/units';
import { parseCsv } from '../domain/csv';
import { planImport, type ImportPlan, type IncomingUnit, type StoredUnit } from '../domain/units';
import type { Env } from '../env';
import { badRequest, fromZodIssues, notFound, t, unsupportedType, type FieldProblem } from '../errors';
import { assertAdmin, assertCanSee, type Principal } from '../policy';

/** The unit, if it exists (404) and the principal may see it (403). */
export async function visibleUnit(env: Env, p: Principal, code: string): Promise<UnitRow> {
  const unit = await getUnit(env.DB, code);
  if (!unit) throw notFound(t(`No unit with code ${code}.`, `Không có đơn vị mã ${code}.`));
  assertCanSee(p, unit);
  return unit;
}

type RowPath = (index: number, field?: string) => string;

/** CSV → raw rows, with file line numbers as the paths problems name. */
export function csvRows(text: string, columns: readonly string[] = ['code', 'name', 'level', 'parent']): { raw: Record<string, string | null>[]; rowPath: RowPath } {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    throw badRequest(t(`The CSV cannot be read: ${(e as Error).message}.`, `Không đọc được tệp CSV: ${(e as Error).message}.`));
  }
  const header = records.shift();
  const cols = header?.cells.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = columns.filter((col) => !cols.includes(col));
  if (missing.length) {
    throw badRequest(t(`The CSV header must name the columns ${columns.join(',')}; missing: ${missing.join(', ')}.`, `Dòng tiêu đề CSV phải có các cột ${columns.join(',')}; còn thiếu: ${missing.join(', ')}.`));
  }
  const cell = (cells: string[], name: string) => cells[cols.indexOf(name)] ?? '';
  const raw = records.map(({ cells }) => Object.fromEntries(columns.map((c) => {
    const v = cell(cells, c);
    return [c, c === 'name' ? v : v.trim() || (c === 'parent' ? null : '')];
  })));
  const lines = records.map((r) => r.line);
  return { raw, rowPath: (i, f) => `line ${lines[i]}${f ? `.${f}` : ''}` };
}

function jsonRows(text: string): { raw: unknown[]; rowPath: RowPath } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(t('The body is not valid JSON.', 'Dữ liệu gửi lên không phải JSON hợp lệ.'));
  }
  const units = (body as { units?: unknown } | null)?.units;
  if (!Array.isArray(units)) {
    throw badRequest(t('The body must be {"units": [ … ]}.', 'Dữ liệu phải có dạng {"units": [ … ]}.'), [{ path: 'units', message: t('must be an array', 'phải là danh sách') }]);
  }
  return { raw: units, rowPath: (i, f) => `units[${i}]${f ? `.${f}` : ''}` };
}

/** The body of an import or a reorganisation, JSON or CSV, as raw rows. */
export function importRows(type: string, text: string) {
  if (type !== 'text/csv' && type !== 'application/json') {
    throw unsupportedType(t('Send the units as application/json ({"units":[…]}) or as text/csv.', 'Hãy gửi danh sách đơn vị dạng application/json ({"units":[…]}) hoặc text/csv.'));
  }
  return type === 'text/csv' ? csvRows(text) : jsonRows(text);
}

/** Every row's fields checked, and rows with sound codes kept for the structural check. */
export function readUnitRows(raw: unknown[], rowPath: RowPath): { incoming: IncomingUnit[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (raw.length === 0) problems.push({ path: 'units', message: t('must list at least one unit', 'phải có ít nhất một đơn vị') });
  if (raw.length > MAX_IMPORT_ROWS) problems.push({ path: 'units', message: t(`at most ${MAX_IMPORT_ROWS} units per import`, `tối đa ${MAX_IMPORT_ROWS} đơn vị mỗi lần`) });
  const incoming: IncomingUnit[] = [];
  raw.forEach((row, i) => {
    const parsed = UnitImportRow.safeParse(row);
    if (parsed.success) {
      const r = parsed.data;
      incoming.push({ code: r.code, name: r.name, level: r.level, parent: r.parent || null });
      return;
    }
    for (const p of fromZodIssues(parsed.error.issues)) problems.push({ path: rowPath(i, p.path === '(body)' ? undefined : p.path.split(/[.[]/)[0]), message: p.message });
    // A row whose code and parent are sound still counts for the structure.
    const structural = UnitImportRow.pick({ code: true, parent: true }).safeParse(row);
    incoming.push(structural.success
      ? { code: structural.data.code, name: '', level: '', parent: structural.data.parent || null }
      : { code: `\u0000bad-row-${i}`, name: '', level: '', parent: null });
  });
  return { incoming, problems };
}

/** The codes rows name (their own and their parents'), to load what is stored of them in one query. */
export function namedCodes(raw: unknown[]): string[] {
  const codes = new Set<string>();
  for (const row of raw as { code?: unknown; parent?: unknown }[]) {
    if (typeof row?.code === 'string') codes.add(row.code);
    if (typeof row?.parent === 'string' && row.parent) codes.add(row.parent);
  }
  return [...codes];
}

/**
 * POST /v1/units/import: every row and the shape of the whole (parents, cycles, duplicates) checked in one pass, so
 * one 400 names every bad row; then one D1 batch (all-or-nothing). `dryRun` answers with the counts only.
 */
export async function importUnits(env: Env, p: Principal, body: { type: string; text: string; dryRun: boolean }) {
  assertAdmin(p);
  const { raw, rowPath } = importRows(body.type, body.text);
  const stored: Map<string, StoredUnit> = await loadStoredUnits(env.DB, namedCodes(raw));
  const { incoming, problems } = readUnitRows(raw, rowPath);
  const result = planImport(incoming, stored, rowPath);
  if ('problems' in result) problems.push(...result.problems);
  if (problems.length > 0) {
    throw badRequest(t(`The import was rejected and nothing was written: ${problems.length} problem(s), listed in errors.`,
      `Không nhập: có ${problems.length} lỗi (xem danh sách); chưa ghi gì.`), problems);
  }
  const plan = (result as { plan: ImportPlan }).plan;
  if (!body.dryRun && plan.write.length > 0) {
    await env.DB.batch(importStatements(env.DB, plan.write, plan.changed, plan.movedRoots, { at: new Date().toISOString(), actor: p.actor, actorUnit: p.unit }));
  }
  return { dryRun: body.dryRun, total: incoming.length, created: plan.created, updated: plan.updated, unchanged: plan.unchanged, moved: plan.moved };
}

/** GET /v1/units/{code}: the unit as it is now (or as it was at its closing), or on day `at`, with what it came from and went into. */
export async function unitView(env: Env, p: Principal, code: string, at?: string) {
  const unit = await visibleUnit(env, p, code);
  const version = at ? await unitAt(env.DB, code, at) : unit;
  if (!version) throw notFound(t(`${code} was not in force on ${at}.`, `Ngày ${at} chưa có hoặc đã không còn đơn vị mã ${code}.`));
  const { predecessors, successors } = await successionsOf(env.DB, code);
  return { ...toUnit(version), predecessors, successors };
}

/** GET /v1/units/{code}/history: every version, oldest first, and its predecessors and successors. */
export async function unitHistory(env: Env, p: Principal, code: string) {
  await visibleUnit(env, p, code);
  const [versions, { predecessors, successors }] = await Promise.all([unitVersions(env.DB, code), successionsOf(env.DB, code)]);
  return {
    code,
    versions: versions.map((v) => ({ name: v.name, level: v.level, parent: v.parent_code, validFrom: v.valid_from, validTo: v.valid_to })),
    predecessors, successors,
  };
}

/** The unit a listing or tree of day `at` starts from: as it was that day. */
export async function unitOn(env: Env, p: Principal, code: string, at: string | undefined): Promise<UnitRow> {
  const unit = await visibleUnit(env, p, code);
  if (!at) return unit;
  const version = await unitAt(env.DB, code, at);
  if (!version) throw notFound(t(`${code} was not in force on ${at}.`, `Ngày ${at} chưa có hoặc đã không còn đơn vị mã ${code}.`));
  return version;
}
