import { z } from 'zod';
import {
  ChildrenQuery, CodeParam, ReorganiseBody, ReorganiseResult, TreeQuery, UnitHistory, UnitImportBody, UnitImportQuery, UnitImportResult, UnitList, Unit, UnitQuery, UnitTreeNode,
} from '../../../schemas';
import { createRouter } from '../app';
import { getTree, listChildren, toUnit } from '../db/units';
import { fromZodIssues, invalidFields, t, unsupportedType } from '../errors';
import { authenticate } from '../auth';
import { declaration, decodeCursor, defineRoute, json, MB, page, readBody } from '../http';
import { reorganise } from '../flows/reorganise';
import { importUnits, unitHistory, unitOn, unitView } from '../flows/units';

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
    method: 'get', path: '/units/{code}', tags: ['Units'], operationId: 'getUnit', problems: [404],
    summary: 'A unit as it is now (or was at its closing), or with ?at=YYYY-MM-DD as it was that day, with its predecessors and successors',
    request: { params: CodeParam, query: UnitQuery },
    responses: { 200: json(Unit, 'The unit') },
  }),
  async (c) => c.json(await unitView(c.env, c.get('principal'), c.req.valid('param').code, c.req.valid('query').at), 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/units/{code}/history', tags: ['Units'], operationId: 'getUnitHistory', problems: [404],
    summary: "A unit's versions (renamed, moved, closed) and the units it came from and went into",
    request: { params: CodeParam },
    responses: { 200: json(UnitHistory, 'The history') },
  }),
  async (c) => c.json(await unitHistory(c.env, c.get('principal'), c.req.valid('param').code), 200),
);

const reorganiseRoute = defineRoute({
  method: 'post', path: '/units/reorganise', tags: ['Units'], operationId: 'reorganiseUnits', maxBody: 16 * MB,
  summary: 'Apply a reorganisation (all or nothing): the whole hierarchy in force from `effective`, and who went into whom',
  description:
    'Administrator only. Every stored unit in force that `units` leaves out closes on `effective` (with its successors); a code that ' +
    'exists continues (renamed, re-parented; its old version is kept). Unsubmitted obligations of closed units due after `effective` ' +
    'are cancelled, active plans get the obligations of the new units for periods ending after it (exactly once), plans of closed ' +
    'issuers close. One 400 names every bad row. `?dryRun=true` answers with the counts and writes nothing. At most 16 MB.',
  request: { query: UnitImportQuery, body: { required: true, content: { 'application/json': { schema: ReorganiseBody } } } },
  responses: { 200: json(ReorganiseResult, 'What changed (or, with dryRun, would)') },
});
// Declared for the document, mounted by hand: every bad row of a national file is named in one 400, which the
// schema's validator (stopping at the first shape error) would not do.
app.openAPIRegistry.registerPath(declaration(reorganiseRoute));
app.post('/units/reorganise', authenticate, readBody(16 * MB), async (c) => {
  const query = UnitImportQuery.safeParse(c.req.query());
  if (!query.success) throw invalidFields(fromZodIssues(query.error.issues, 'query'));
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw unsupportedType(t('Send the reorganisation as application/json.', 'Hãy gửi dữ liệu sắp xếp đơn vị dạng application/json.'));
  return c.json(await reorganise(c.env, c.get('principal'), await c.req.text(), query.data.dryRun === 'true'), 200);
});

app.openapi(
  defineRoute({
    method: 'get', path: '/units/{code}/children', tags: ['Units'], operationId: 'listUnitChildren', summary: "A unit's children in force (or on day ?at=), by code", problems: [404],
    request: { params: CodeParam, query: ChildrenQuery },
    responses: { 200: json(UnitList, 'One page of children') },
  }),
  async (c) => {
    const { level, at, limit, cursor } = c.req.valid('query');
    const unit = await unitOn(c.env, c.get('principal'), c.req.valid('param').code, at);
    const rows = await listChildren(c.env.DB, unit.code, { level, at, limit: limit + 1, after: decodeCursor(cursor, z.string()) });
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
    const { depth, at } = c.req.valid('query');
    const unit = await unitOn(c.env, c.get('principal'), c.req.valid('param').code, at);
    return c.json(await getTree(c.env.DB, unit, depth, at), 200);
  },
);

export default app;
