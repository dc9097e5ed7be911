/** @jsxImportSource hono/jsx */
import { WebReportQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { reportReview } from '../../flows/webapp';
import { ReportView } from '../../views/report';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/report', tags: ['Web app'], operationId: 'appReport', problems: [404],
    summary: 'Báo cáo: one report as its reviewer reads it — values against targets, tasks, versions newest first, history; return and accept (HTML fragment)',
    request: { query: WebReportQuery }, responses: { 200: html('The report') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const r = await reportReview(c.env, c.get('principal'), { unit: q.unit, scheduleId: q.schedule, period: q.period });
    return c.html(
      <ReportView o={r.o} plan={r.plan} schedule={r.schedule} report={r.report} versions={r.versions} events={r.events} reviewer={r.reviewer} now={new Date()} tz={zoneOf(c.env)} />,
      200,
    );
  },
);

export default app;
