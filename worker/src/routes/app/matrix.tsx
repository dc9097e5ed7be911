/** @jsxImportSource hono/jsx */
import { WebPlanQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { matrix } from '../../flows/webapp';
import { MatrixView } from '../../views/matrix';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/matrix', tags: ['Web app'], operationId: 'appMatrix', problems: [404],
    summary: 'Tình hình nộp báo cáo: units × reports of a plan, coloured by status (HTML fragment)',
    request: { query: WebPlanQuery }, responses: { 200: html('The matrix') },
  }),
  async (c) => {
    const now = new Date();
    const m = await matrix(c.env, c.get('principal'), c.req.valid('query'), now);
    return c.html(<MatrixView plan={m.plan} rootName={m.root.name} rows={m.rows} names={m.names} now={now} tz={zoneOf(c.env)} />, 200);
  },
);

export default app;
