/** @jsxImportSource hono/jsx */
import { WebCalendarQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { calendar, RECENT_OVERDUE_DAYS, SOON_DAYS } from '../../flows/webapp';
import { CalendarView } from '../../views/calendar';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/calendar', tags: ['Web app'], operationId: 'appCalendar', problems: [404],
    summary: 'Lịch: what a subtree still owes — overdue (recent first, old ones counted), returned, due soon, later (HTML fragment)',
    request: { query: WebCalendarQuery }, responses: { 200: html('The calendar') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const now = new Date();
    const r = await calendar(c.env, c.get('principal'), q, now);
    return c.html(
      <CalendarView
        rootName={r.root?.name ?? 'mọi đơn vị'} plan={q.plan ?? null} period={q.period ?? null} periods={r.periods}
        recentFrom={new Date(now.getTime() - RECENT_OVERDUE_DAYS * 86_400_000)} soonDays={SOON_DAYS}
        overdue={r.overdue} older={r.older} returned={r.returned} soon={r.soon} later={r.later} plans={r.plans} names={r.names} now={now} tz={zoneOf(c.env)}
      />,
      200,
    );
  },
);

export default app;
