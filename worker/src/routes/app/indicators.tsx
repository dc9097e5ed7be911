/** @jsxImportSource hono/jsx */
import { WebPlanQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { defineRoute, html } from '../../http';
import { indicators } from '../../flows/webapp';
import { IndicatorsView } from '../../views/indicators';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/indicators', tags: ['Web app'], operationId: 'appIndicators', problems: [404],
    summary: 'Chỉ tiêu: each indicator of one report rolled up against its target, with a bar per child unit (HTML fragment)',
    request: { query: WebPlanQuery }, responses: { 200: html('The indicators') },
  }),
  async (c) => {
    const r = await indicators(c.env, c.get('principal'), c.req.valid('query'), new Date());
    return c.html(<IndicatorsView plan={r.plan} doc={r.doc} root={r.root} periods={r.periods} chosen={r.chosen} rollup={r.rollup} />, 200);
  },
);

export default app;
