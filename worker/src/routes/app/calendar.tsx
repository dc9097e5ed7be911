/** @jsxImportSource hono/jsx */
import { AppCalendarQuery } from '../../../../schemas';
import { formatDeadline, periodLabel, scheduleLabel } from '../../../../schemas/labels';
import { createRouter } from '../../app';
import type { ObligationRow } from '../../db/obligations';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { obligationsOf } from '../../flows/obligations';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/calendar', tags: ['Web app'], operationId: 'appCalendar', problems: [404],
    summary: "Lịch: the unit's overdue, returned and upcoming obligations of a plan (HTML fragment)",
    request: { query: AppCalendarQuery }, responses: { 200: html('The calendar') },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    const now = new Date();
    const tz = zoneOf(c.env);
    const list = (status: 'overdue' | 'returned' | 'open') => obligationsOf(c.env, p, { unit: q.unit, plan: q.plan, status, limit: 200 }, now).then((r) => r.rows);
    const [overdue, returned, open] = await Promise.all([list('overdue'), list('returned'), list('open')]);
    const List = (props: { rows: ObligationRow[]; cls: string }) => (
      <ul class={props.cls}>{props.rows.map((o) => (
        <li data-unit={o.unit_code}>{o.unit_name} — {scheduleLabel({ name: o.schedule_name, periodType: o.period_type })} — {periodLabel(o.period)}: {formatDeadline(o.due_at, tz)}</li>
      ))}</ul>
    );
    return c.html(
      <section id="calendar">
        <h2>Quá hạn ({overdue.length})</h2>
        <List rows={overdue} cls="overdue-list" />
        <h2>Bị trả lại, phải nộp lại ({returned.length})</h2>
        <List rows={returned} cls="returned-list" />
        <h2>Sắp đến hạn ({open.length})</h2>
        <List rows={open} cls="open-list" />
      </section>,
      200,
    );
  },
);

export default app;
