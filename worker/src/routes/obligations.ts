import { z } from 'zod';
import { ObligationList, ObligationQuery } from '../../../schemas';
import { createRouter } from '../app';
import { decodeCursor, defineRoute, json, page } from '../http';
import { obligationsOf } from '../flows/obligations';

const app = createRouter();
const ListCursor = z.tuple([z.string(), z.number().int()]);

app.openapi(
  defineRoute({
    method: 'get', path: '/obligations', tags: ['Obligations'], operationId: 'listObligations', problems: [404],
    summary: 'What a subtree owes: one row per unit × schedule × period, soonest due first',
    description:
      '`unit` means that unit\'s whole subtree (default: your token\'s unit). `status` is computed at read time: ' +
      '`open` (not submitted, before the deadline), `overdue`, `submitted`, `returned` (with its `returnReason`), `accepted`; ' +
      '`cancelled` (no longer owed after a reorganisation) only when asked for.',
    request: { query: ObligationQuery },
    responses: { 200: json(ObligationList, 'One page of obligations') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { items } = await obligationsOf(c.env, c.get('principal'), {
      unit: q.unit, plan: q.plan, schedule: q.schedule, period: q.period, status: q.status,
      dueBefore: q.dueBefore && new Date(q.dueBefore).toISOString(), dueAfter: q.dueAfter && new Date(q.dueAfter).toISOString(),
      after: decodeCursor(q.cursor, ListCursor), limit: q.limit + 1,
    });
    return c.json(page(items, q.limit, (last) => [last.dueAt, Number(last.id)]), 200);
  },
);

export default app;
