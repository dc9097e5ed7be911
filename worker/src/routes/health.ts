import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createRouter } from '../app';
import { json } from './shared';

const app = createRouter();

app.openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['Meta'],
    summary: 'Liveness',
    responses: { 200: json(z.object({ ok: z.literal(true) }), 'Alive') },
  }),
  (c) => c.json({ ok: true as const }, 200),
);

export default app;
