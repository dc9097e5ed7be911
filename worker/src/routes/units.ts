import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ChildrenQuery,
  CodeParam,
  MAX_IMPORT_ROWS,
  TreeQuery,
  UnitImportBody,
  UnitImportQuery,
  UnitImportResult,
  UnitImportRow,
  UnitList,
  Unit,
  UnitTreeNode,
} from '../../../schemas';
import { createRouter } from '../app';
import { assertAdmin, authenticate, visibleUnit } from '../auth';
import { parseCsv } from '../domain/csv';
import { planImport, type ImportPlan, type IncomingUnit, type StoredUnit } from '../domain/units';
import { getTree, importStatements, listChildren, loadStoredUnits, toUnit } from '../db/units';
import { ApiError, badRequest, type FieldProblem } from '../errors';
import { authed, bearer, decodeCursor, encodeCursor, json, problems } from './shared';

const app = createRouter();

const importRoute = createRoute({
  method: 'post',
  path: '/units/import',
  tags: ['Units'],
  summary: 'Import or update units (upsert, any order, all-or-nothing)',
  description:
    'JSON `{"units":[{code,name,level,parent}]}` or `text/csv` with the header `code,name,level,parent`. ' +
    'A cycle, an unknown parent, a duplicate code or a bad row rejects the whole import with 400 naming every bad row.',
  security: bearer,
  request: {
    query: UnitImportQuery,
    body: {
      required: true,
      content: {
        'application/json': { schema: UnitImportBody },
        'text/csv': { schema: z.string().meta({ description: 'header code,name,level,parent' }) },
      },
    },
  },
  responses: { 200: json(UnitImportResult, 'What was (or, with dryRun, would be) created and updated'), ...problems(400, 401, 403, 413, 415) },
});

type RowPath = (index: number, field?: string) => string;

/** CSV → raw rows, with file line numbers as the paths problems name. */
function csvRows(text: string): { raw: unknown[]; rowPath: RowPath } {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    throw badRequest(`The CSV cannot be read: ${(e as Error).message}.`);
  }
  const header = records.shift();
  const cols = header?.cells.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = ['code', 'name', 'level', 'parent'].filter((col) => !cols.includes(col));
  if (missing.length) throw badRequest(`The CSV header must name the columns code,name,level,parent; missing: ${missing.join(', ')}.`);
  const cell = (cells: string[], name: string) => cells[cols.indexOf(name)] ?? '';
  const raw = records.map(({ cells }) => ({
    code: cell(cells, 'code').trim(),
    name: cell(cells, 'name'),
    level: cell(cells, 'level').trim(),
    parent: cell(cells, 'parent').trim() || null,
  }));
  const lines = records.map((r) => r.line);
  return { raw, rowPath: (i, f) => `line ${lines[i]}${f ? `.${f}` : ''}` };
}

function jsonRows(text: string): { raw: unknown[]; rowPath: RowPath } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  const units = (body as { units?: unknown } | null)?.units;
  if (!Array.isArray(units)) throw badRequest('The body must be {"units": [ … ]}.', [{ path: 'units', message: 'must be an array' }]);
  return { raw: units, rowPath: (i, f) => `units[${i}]${f ? `.${f}` : ''}` };
}

/**
 * Checks every row and the shape of the whole (parents, cycles, duplicates) in one pass, so one
 * 400 names every bad row. Rows with a bad field still take part in the structural check.
 */
function checkImport(raw: unknown[], rowPath: RowPath, stored: Map<string, StoredUnit>) {
  const problems: FieldProblem[] = [];
  if (raw.length === 0) problems.push({ path: 'units', message: 'must list at least one unit' });
  if (raw.length > MAX_IMPORT_ROWS) problems.push({ path: 'units', message: `at most ${MAX_IMPORT_ROWS} units per import` });
  const incoming: IncomingUnit[] = [];
  const fieldOk: boolean[] = [];
  raw.forEach((row, i) => {
    const parsed = UnitImportRow.safeParse(row);
    if (parsed.success) {
      const r = parsed.data;
      incoming.push({ code: r.code, name: r.name, level: r.level, parent: r.parent || null });
      fieldOk.push(true);
      return;
    }
    for (const issue of parsed.error.issues) {
      problems.push({ path: rowPath(i, issue.path.length ? String(issue.path[0]) : undefined), message: issue.message });
    }
    // A row whose code and parent are sound still counts for the structure.
    const r = row as Record<string, unknown>;
    const structural = UnitImportRow.pick({ code: true, parent: true }).safeParse(r);
    incoming.push(
      structural.success
        ? { code: structural.data.code, name: '', level: '', parent: structural.data.parent || null }
        : { code: `\u0000bad-row-${i}`, name: '', level: '', parent: null },
    );
    fieldOk.push(false);
  });
  const result = planImport(incoming, stored, rowPath);
  if ('problems' in result) problems.push(...result.problems);
  if (problems.length > 0) {
    throw badRequest(`The import was rejected and nothing was written: ${problems.length} problem(s), listed in errors.`, problems);
  }
  return { plan: (result as { plan: ImportPlan }).plan, total: incoming.length };
}

app.openAPIRegistry.registerPath(importRoute);
// A plain route: JSON and CSV share checkImport, which reports field and structure problems together.
app.post('/units/import', authenticate, async (c) => {
  const p = c.get('principal');
  assertAdmin(p);
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'text/csv' && type !== 'application/json') {
    throw new ApiError(415, 'Unsupported Media Type', 'Send the units as application/json ({"units":[…]}) or as text/csv.');
  }
  const text = await c.req.text();
  const { raw, rowPath } = type === 'text/csv' ? csvRows(text) : jsonRows(text);
  const codes = new Set<string>();
  for (const row of raw as { code?: unknown; parent?: unknown }[]) {
    if (typeof row?.code === 'string') codes.add(row.code);
    if (typeof row?.parent === 'string' && row.parent) codes.add(row.parent);
  }
  const stored = await loadStoredUnits(c.env.DB, [...codes]);
  const { plan, total } = checkImport(raw, rowPath, stored);
  const query = UnitImportQuery.safeParse(c.req.query());
  if (!query.success) throw badRequest('dryRun must be "true" or "false".', [{ path: 'query.dryRun', message: 'must be true or false' }]);
  const dryRun = query.data.dryRun === 'true';
  if (!dryRun && plan.write.length > 0) {
    const at = new Date().toISOString();
    await c.env.DB.batch(
      importStatements(c.env.DB, plan.write, plan.changed, plan.movedRoots, { at, actor: p.actor, actorUnit: p.unit }),
    );
  }
  return c.json({ dryRun, total, created: plan.created, updated: plan.updated, unchanged: plan.unchanged, moved: plan.moved }, 200);
});

app.openapi(
  createRoute({
    method: 'get',
    path: '/units/{code}',
    tags: ['Units'],
    summary: 'A unit',
    ...authed,
    request: { params: CodeParam },
    responses: { 200: json(Unit, 'The unit'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => c.json(toUnit(await visibleUnit(c.env.DB, c.get('principal'), c.req.valid('param').code)), 200),
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/units/{code}/children',
    tags: ['Units'],
    summary: "A unit's children, by code",
    ...authed,
    request: { params: CodeParam, query: ChildrenQuery },
    responses: { 200: json(UnitList, 'One page of children'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const unit = await visibleUnit(c.env.DB, c.get('principal'), c.req.valid('param').code);
    const { level, limit, cursor } = c.req.valid('query');
    const after = decodeCursor(cursor, z.string());
    const rows = await listChildren(c.env.DB, unit.code, { level, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]!.code) : null;
    return c.json({ items: page.map(toUnit), nextCursor }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/units/{code}/tree',
    tags: ['Units'],
    summary: 'The subtree under a unit, nested, down to `depth` levels (0–10, default 1)',
    ...authed,
    request: { params: CodeParam, query: TreeQuery },
    responses: { 200: json(UnitTreeNode, 'The nested subtree'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const unit = await visibleUnit(c.env.DB, c.get('principal'), c.req.valid('param').code);
    return c.json(await getTree(c.env.DB, unit, c.req.valid('query').depth), 200);
  },
);

export default app;
