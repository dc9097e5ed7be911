import { z } from 'zod';
import { DocumentLink, DocumentLinkBody, DocumentQuery, Report, ReportHistory, ReportParams, ReportPut, ReportPutHeaders, ReportQuery, ReportReceipt, ReturnBody, ifMatchVersion } from '../../../schemas';
import { createRouter } from '../app';
import { defineRoute, json } from '../http';
import { DOCX, documentLink, reportDocument } from '../flows/documents';
import { compileReport, putReport, readReport, reportHistory, reviewReport } from '../flows/reports';

const app = createRouter();
const PATH = '/reports/{unit}/{scheduleId}/{period}';

app.openapi(
  defineRoute({
    method: 'put', path: PATH, tags: ['Reports'], operationId: 'putReport', problems: [404, 409, 422],
    summary: 'Save (submit: false) or submit (submit: true) a report; every call is a new version',
    description:
      'Header `Idempotency-Key`: the same key with the same body replays the first response without a new version; with a different body → 422. ' +
      'Optional `If-Match: <version>`: 409 unless it is the current version (0 or absent for the first); writers racing without it each land as their own version. ' +
      'On submit every indicator needs a value, or `"na": true` with a `note`, unless the plan marks it `"required": false`. ' +
      'A late submission is accepted and flagged onTime: false; a value far from the unit\'s history or its peers is accepted with a warning.',
    request: { params: ReportParams, headers: ReportPutHeaders, body: { required: true, content: { 'application/json': { schema: ReportPut } } } },
    responses: { 200: json(ReportReceipt, 'The receipt') },
  }),
  async (c) => {
    const h = c.req.valid('header');
    const out = await putReport(c.env, c.get('principal'), c.req.valid('param'), c.req.valid('json'), {
      path: c.req.path, key: h['idempotency-key'], ifMatch: ifMatchVersion(h['if-match']), defer: (work) => c.executionCtx.waitUntil(work),
    });
    return c.json(out.body, out.status as 200, out.replayed ? { 'idempotent-replayed': 'true' } : {});
  },
);

app.openapi(
  defineRoute({
    method: 'get', path: PATH, tags: ['Reports'], operationId: 'getReport', problems: [404],
    summary: 'A report: its latest version, or ?version=N, with the reason it was returned',
    request: { params: ReportParams, query: ReportQuery },
    responses: { 200: json(Report, 'The report') },
  }),
  async (c) => c.json(await readReport(c.env, c.get('principal'), c.req.valid('param'), c.req.valid('query').version), 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: `${PATH}/history`, tags: ['Reports'], operationId: 'getReportHistory', problems: [404],
    summary: 'Every version and every return/accept of a report; nothing is ever overwritten',
    request: { params: ReportParams },
    responses: { 200: json(ReportHistory, 'The history') },
  }),
  async (c) => c.json(await reportHistory(c.env, c.get('principal'), c.req.valid('param')), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: `${PATH}/return`, tags: ['Reports'], operationId: 'returnReport', problems: [404, 409],
    summary: 'Send a report back with a reason: the unit must resubmit (it counts as not submitted); reopens an accepted report',
    request: { params: ReportParams, body: { required: true, content: { 'application/json': { schema: ReturnBody } } } },
    responses: { 200: json(ReportReceipt, 'The receipt after the return') },
  }),
  async (c) => c.json(await reviewReport(c.env, c.get('principal'), c.req.valid('param'), 'return', c.req.valid('json').reason, (w) => c.executionCtx.waitUntil(w)), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: `${PATH}/accept`, tags: ['Reports'], operationId: 'acceptReport', problems: [404, 409],
    summary: 'Accept a submitted report; it is locked until returned',
    request: { params: ReportParams },
    responses: { 200: json(ReportReceipt, 'The receipt after the acceptance') },
  }),
  async (c) => c.json(await reviewReport(c.env, c.get('principal'), c.req.valid('param'), 'accept', null, (w) => c.executionCtx.waitUntil(w)), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: `${PATH}/compile`, tags: ['Reports'], operationId: 'compileReport', problems: [404, 409],
    summary: "Compile upward: a draft of this unit's own report, pre-filled from its children's roll-up",
    description:
      'For a unit that derived this plan (or a plan based on it) for its own subtree: the indicators whose codes match are ' +
      "filled from the roll-up of the derived plan's reports for the same period. The draft is a new version; review and submit it.",
    request: { params: ReportParams },
    responses: { 200: json(ReportReceipt, 'The draft saved') },
  }),
  async (c) => c.json(await compileReport(c.env, c.get('principal'), c.req.valid('param')), 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: `${PATH}/document`, tags: ['Reports'], operationId: 'getReportDocument', auth: 'or-link', problems: [404],
    summary: 'The report as a Word document in the layout of Decree 30/2020/NĐ-CP (A4, Times New Roman), ready to sign',
    description: 'With a bearer token, or opened from a signed link (POST …/document-link). `?version=N` for an earlier version.',
    request: { params: ReportParams, query: DocumentQuery },
    responses: { 200: { description: 'The .docx', content: { [DOCX]: { schema: z.string().meta({ format: 'binary' }) } } } },
  }),
  async (c) => {
    const doc = await reportDocument(c.env, c.get('principal'), c.req.valid('param'), c.req.valid('query').version);
    return c.body(doc.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': DOCX, 'content-disposition': doc.disposition });
  },
);

app.openapi(
  defineRoute({
    method: 'post', path: `${PATH}/document-link`, tags: ['Reports'], operationId: 'linkReportDocument', problems: [404],
    summary: 'A link that opens the Word document in a browser without a token, for 15 minutes (the add-on\'s "Tải báo cáo Word")',
    request: { params: ReportParams, body: { required: true, content: { 'application/json': { schema: DocumentLinkBody } } } },
    responses: { 201: json(DocumentLink, 'The link') },
  }),
  async (c) => c.json(await documentLink(c.env, c.get('principal'), c.req.valid('param'), new URL(c.req.url).origin, c.req.valid('json').version), 201),
);

export default app;
