import { z } from 'zod';
import { ChildrenQuery, CodeParam, TreeQuery, UnitImportBody, UnitImportQuery, UnitImportResult, UnitList, Unit, UnitTreeNode } from '../../../schemas';
import { createRouter } from '../app';
import { getTree, listChildren, toUnit } from '../db/units';
import { fromZodIssues, invalidFields } from '../errors';
import { authenticate } from '../auth';
import { declaration, decodeCursor, defineRoute, json, MB, page, readBody } from '../http';
import { importUnits, visibleUnit } from '../flows/units';

const app = createRouter();

const importRoute = defineRoute({
  method: 'post', path: '/units/import', tags: ['Units'], operationId: 'importUnits', maxBody: 16 * MB,
  summary: 'Import or update units (upsert, any order, all-or-nothing)',
  description:
    'Administrator only. JSON `{"units":[{code,name,level,parent}]}` or `text/csv` with the header `code,name,level,parent`. ' +
    'A cycle, an unknown parent, a duplicate code or a bad row rejects the whole import with 400 naming every bad row. At most 16 MB.',
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
  responses: { 200: json(UnitImportResult, 'What was (or, with dryRun, would be) created and updated') },
});

// Declared for the document, mounted by hand: JSON and CSV share one check that reports field and structure
// problems together, which per-type validators would split.
app.openAPIRegistry.registerPath(declaration(importRoute));
app.post('/units/import', authenticate, readBody(16 * MB), async (c) => {
  const query = UnitImportQuery.safeParse(c.req.query());
  if (!query.success) throw invalidFields(fromZodIssues(query.error.issues, 'query'));
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const result = await importUnits(c.env, c.get('principal'), { type, text: await c.req.text(), dryRun: query.data.dryRun === 'true' });
  return c.json(result, 200);
});

app.openapi(
  defineRoute({
    method: 'get', path: '/units/{code}', tags: ['Units'], operationId: 'getUnit', summary: 'A unit', problems: [404],
    request: { params: CodeParam },
    responses: { 200: json(Unit, 'The unit') },
  }),
  async (c) => c.json(toUnit(await visibleUnit(c.env, c.get('principal'), c.req.valid('param').code)), 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/units/{code}/children', tags: ['Units'], operationId: 'listUnitChildren', summary: "A unit's children, by code", problems: [404],
    request: { params: CodeParam, query: ChildrenQuery },
    responses: { 200: json(UnitList, 'One page of children') },
  }),
  async (c) => {
    const unit = await visibleUnit(c.env, c.get('principal'), c.req.valid('param').code);
    const { level, limit, cursor } = c.req.valid('query');
    const rows = await listChildren(c.env.DB, unit.code, { level, limit: limit + 1, after: decodeCursor(cursor, z.string()) });
    const { items, nextCursor } = page(rows, limit, (last) => last.code);
    return c.json({ items: items.map(toUnit), nextCursor }, 200);
  },
);

app.openapi(
  defineRoute({
    method: 'get', path: '/units/{code}/tree', tags: ['Units'], operationId: 'getUnitTree', problems: [404],
    summary: 'The subtree under a unit, nested, down to `depth` levels (0–10, default 1)',
    request: { params: CodeParam, query: TreeQuery },
    responses: { 200: json(UnitTreeNode, 'The nested subtree') },
  }),
  async (c) => {
    const unit = await visibleUnit(c.env, c.get('principal'), c.req.valid('param').code);
    return c.json(await getTree(c.env.DB, unit, c.req.valid('query').depth), 200);
  },
);

export default app;
