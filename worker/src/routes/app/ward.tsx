/** @jsxImportSource hono/jsx */
import { WebReportQuery, WebUnitQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { owed, reportForm } from '../../flows/webapp';
import { FormView, OwedView } from '../../views/ward';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/owed', tags: ['Web app'], operationId: 'appOwed', problems: [404],
    summary: "Việc phải nộp: what a unit owes, returned reports (with their reasons) first, then the soonest deadline (HTML fragment)",
    request: { query: WebUnitQuery }, responses: { 200: html('The list') },
  }),
  async (c) => {
    const now = new Date();
    const r = await owed(c.env, c.get('principal'), c.req.valid('query').unit, now);
    if (!r.unit) return c.html(<section id="owed"><p>Chọn một đơn vị để xem.</p></section>, 200);
    return c.html(<OwedView unit={r.unit} rows={r.rows} plans={r.plans} now={now} tz={zoneOf(c.env)} />, 200);
  },
);

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/form', tags: ['Web app'], operationId: 'appForm', problems: [404],
    summary: "Nhập báo cáo: the form generated from the plan for one of the unit's reports, with what it last saved (HTML fragment)",
    request: { query: WebReportQuery }, responses: { 200: html('The form') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const r = await reportForm(c.env, c.get('principal'), { unit: q.unit, scheduleId: q.schedule, period: q.period });
    return c.html(<FormView o={r.o} plan={r.plan} schedule={r.schedule} head={r.head} latest={r.latest} tasks={r.tasks} writer={r.writer} now={new Date()} tz={zoneOf(c.env)} />, 200);
  },
);

export default app;
