/** @jsxImportSource hono/jsx */
import { WebUnitQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { unitsAndTokens } from '../../flows/webapp';
import { UnitsView } from '../../views/units';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/units', tags: ['Web app'], operationId: 'appUnits', problems: [404],
    summary: "Đơn vị và mã truy cập: a manager's subtree, its tokens, and the form to issue one (HTML fragment)",
    request: { query: WebUnitQuery }, responses: { 200: html('The units and tokens') },
  }),
  async (c) => {
    const r = await unitsAndTokens(c.env, c.get('principal'), c.req.valid('query').unit);
    if (!r.root || !r.tree) return c.html(<section id="units"><p>Chọn một đơn vị để xem.</p></section>, 200);
    return c.html(<UnitsView root={r.root} tree={r.tree} tokens={r.tokens} names={r.names} now={new Date()} tz={zoneOf(c.env)} />, 200);
  },
);

export default app;
