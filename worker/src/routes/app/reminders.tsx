/** @jsxImportSource hono/jsx */
import { WebUnitQuery } from '../../../../schemas';
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { reminders } from '../../flows/webapp';
import { RemindersView } from '../../views/reminders';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/reminders', tags: ['Web app'], operationId: 'appReminders', problems: [404],
    summary: "Nhắc việc: a unit's webhook subscriptions with their delivery log (every attempt), and the form to subscribe (HTML fragment)",
    request: { query: WebUnitQuery }, responses: { 200: html('The reminders') },
  }),
  async (c) => {
    const r = await reminders(c.env, c.get('principal'), c.req.valid('query').unit);
    if (!r.root) return c.html(<section id="reminders"><p>Chọn một đơn vị để xem.</p></section>, 200);
    return c.html(<RemindersView root={r.root} hooks={r.hooks} tz={zoneOf(c.env)} />, 200);
  },
);

export default app;
