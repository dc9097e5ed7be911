/** @jsxImportSource hono/jsx */
import { createRouter } from '../../app';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { session } from '../../flows/webapp';
import { SessionHeader } from '../../views/session';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/session', tags: ['Web app'], operationId: 'appSession',
    summary: "The web app's header for a token: its unit and role, its active plans (nearest deadline first) and its views (HTML fragment)",
    responses: { 200: html('The header') },
  }),
  async (c) => {
    const p = c.get('principal');
    const s = await session(c.env, p, new Date());
    return c.html(
      <SessionHeader
        unitCode={s.unit?.code ?? null} unitName={s.unit?.name ?? 'Quản trị hệ thống'} role={p.kind === 'admin' ? 'admin' : p.role} manager={s.manager} tz={zoneOf(c.env)}
        plans={s.plans.map((e) => ({ id: e.row.id, number: e.row.number, title: e.row.title, nextDue: e.summary?.next_due ?? null }))}
      />,
      200,
    );
  },
);

export default app;
