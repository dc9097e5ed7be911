import { z } from 'zod';
import { createRouter } from '../app';
import { defineRoute, json } from '../http';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/health', tags: ['Meta'], operationId: 'health', auth: false, summary: 'Liveness',
    responses: { 200: json(z.object({ ok: z.literal(true) }), 'Alive') },
  }),
  (c) => c.json({ ok: true as const }, 200),
);

export default app;
