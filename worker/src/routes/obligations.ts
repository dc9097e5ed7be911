import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ObligationList, ObligationQuery } from '../../../schemas';
import { createRouter } from '../app';
import { visibleUnit } from '../auth';
import { listObligations, toObligation } from '../db/obligations';
import { DEFAULT_TZ } from '../domain/periods';
import { authed, decodeCursor, encodeCursor, json, problems } from './shared';

const app = createRouter();
const ListCursor = z.tuple([z.string(), z.number().int()]);

app.openapi(
  createRoute({
    method: 'get', path: '/obligations', tags: ['Obligations'], ...authed,
    summary: 'What a subtree owes: one row per unit × schedule × period, soonest due first',
    description:
      '`unit` means that unit\'s whole subtree (default: your token\'s unit). `status` is computed at read time: ' +
      '`open` (not submitted, before the deadline), `overdue`, `submitted`, `returned`, `accepted`.',
    request: { query: ObligationQuery },
    responses: { 200: json(ObligationList, 'One page of obligations'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    let rootPath = p.kind === 'admin' ? null : p.path;
    if (q.unit) rootPath = (await visibleUnit(c.env.DB, p, q.unit)).path;
    const now = new Date();
    const rows = await listObligations(
      c.env.DB,
      {
        rootPath,
        plan: q.plan,
        schedule: q.schedule,
        period: q.period,
        status: q.status,
        dueBefore: q.dueBefore && new Date(q.dueBefore).toISOString(),
        dueAfter: q.dueAfter && new Date(q.dueAfter).toISOString(),
        after: decodeCursor(q.cursor, ListCursor),
        limit: q.limit + 1,
      },
      now,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const tz = c.env.TZ_NAME || DEFAULT_TZ;
    return c.json(
      { items: page.map((r) => toObligation(r, now, tz)), nextCursor: rows.length > q.limit && last ? encodeCursor([last.due_at, last.id]) : null },
      200,
    );
  },
);

export default app;
