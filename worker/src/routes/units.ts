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
  UnitList,
  Unit,
  UnitTreeNode,
  type UnitImportRow,
} from '../../../schemas';
import { createRouter } from '../app';
import { assertAdmin, authenticate, visibleUnit } from '../auth';
import { parseCsv } from '../domain/csv';
import { planImport, type IncomingUnit } from '../domain/units';
import { getTree, importStatements, listChildren, loadStoredUnits, toUnit } from '../db/units';
import { badRequest, fromZodIssues, type FieldProblem } from '../errors';
import { bearer, decodeCursor, encodeCursor, json, problems } from './shared';

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
  middleware: [authenticate] as const,
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
  responses: { 200: json(UnitImportResult, 'What was (or, with dryRun, would be) created and updated'), ...problems(400, 401, 403, 413) },
});

/** Both JSON and CSV arrive here; validation is ours so that CSV rows get the same messages. */
async function readImportRows(req: Request): Promise<{ rows: UnitImportRow[]; rowPath: (i: number, f?: string) => string }> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await req.text();
  if (type === 'text/csv') {
    let records;
    try {
      records = parseCsv(text);
    } catch (e) {
      throw badRequest(`The CSV cannot be read: ${(e as Error).message}.`);
    }
    const header = records.shift();
    const cols = header?.cells.map((h) => h.trim().toLowerCase()) ?? [];
    const missing = ['code', 'name', 'level', 'parent'].filter((c) => !cols.includes(c));
    if (missing.length) throw badRequest(`The CSV header must name the columns code,name,level,parent; missing: ${missing.join(', ')}.`);
    const at = (name: string) => cols.indexOf(name);
    const raw = records.map((r) => ({
      code: r.cells[at('code')]?.trim() ?? '',
      name: r.cells[at('name')] ?? '',
      level: r.cells[at('level')]?.trim() ?? '',
      parent: r.cells[at('parent')]?.trim() || null,
    }));
    const lines = records.map((r) => r.line);
    const rowPath = (i: number, f?: string) => `line ${lines[i]}${f ? `.${f}` : ''}`;
    return { rows: validateRows({ units: raw }, (issuePath) => rowPathOf(issuePath, rowPath)), rowPath };
  }
  if (type !== 'application/json') {
    throw badRequest('Send the units as application/json ({"units":[…]}) or as text/csv.');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  const rowPath = (i: number, f?: string) => `units[${i}]${f ? `.${f}` : ''}`;
  return { rows: validateRows(body, (issuePath) => rowPathOf(issuePath, rowPath)), rowPath };
}

function rowPathOf(issuePath: readonly PropertyKey[], rowPath: (i: number, f?: string) => string): string | null {
  const [top, index, field] = issuePath;
  if (top === 'units' && typeof index === 'number') return rowPath(index, field === undefined ? undefined : String(field));
  return null;
}

function validateRows(body: unknown, pathOf: (p: readonly PropertyKey[]) => string | null): UnitImportRow[] {
  const parsed = UnitImportBody.safeParse(body);
  if (parsed.success) return parsed.data.units;
  const errors: FieldProblem[] = parsed.error.issues.map((i) => ({
    path: pathOf(i.path) ?? fromZodIssues([i])[0]!.path,
    message: i.message,
  }));
  throw badRequest(`The import was rejected; nothing was written. ${errors.length} problem(s), listed in errors.`, errors);
}

app.openapi(importRoute, async (c) => {
  const p = c.get('principal');
  assertAdmin(p);
  const { rows, rowPath } = await readImportRows(c.req.raw);
  if (rows.length > MAX_IMPORT_ROWS) throw badRequest(`At most ${MAX_IMPORT_ROWS} units per import.`);
  const incoming: IncomingUnit[] = rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parent: r.parent || null }));
  const codes = new Set<string>();
  for (const u of incoming) {
    codes.add(u.code);
    if (u.parent) codes.add(u.parent);
  }
  const stored = await loadStoredUnits(c.env.DB, [...codes]);
  const result = planImport(incoming, stored, rowPath);
  if ('problems' in result) {
    throw badRequest(
      `The import was rejected; nothing was written. ${result.problems.length} problem(s), listed in errors.`,
      result.problems,
    );
  }
  const { plan } = result;
  const dryRun = c.req.valid('query').dryRun === 'true';
  if (!dryRun && plan.write.length > 0) {
    const at = new Date().toISOString();
    await c.env.DB.batch(
      importStatements(c.env.DB, plan.write, plan.changed, plan.movedRoots, { at, actor: p.actor, actorUnit: p.unit }),
    );
  }
  return c.json(
    { dryRun, total: incoming.length, created: plan.created, updated: plan.updated, unchanged: plan.unchanged, moved: plan.moved },
    200,
  );
});

app.openapi(
  createRoute({
    method: 'get',
    path: '/units/{code}',
    tags: ['Units'],
    summary: 'A unit',
    security: bearer,
    middleware: [authenticate] as const,
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
    security: bearer,
    middleware: [authenticate] as const,
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
    security: bearer,
    middleware: [authenticate] as const,
    request: { params: CodeParam, query: TreeQuery },
    responses: { 200: json(UnitTreeNode, 'The nested subtree'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const unit = await visibleUnit(c.env.DB, c.get('principal'), c.req.valid('param').code);
    return c.json(await getTree(c.env.DB, unit, c.req.valid('query').depth), 200);
  },
);

export default app;
