import { bodyLimit } from 'hono/body-limit';
import { createApp } from './app';
import { runReminders } from './cron';
import { handleDeliveries } from './deliver';
import type { DeliveryMessage, Env } from './env';
import { tooLarge } from './errors';
import dashboard from './routes/dashboard';
import health from './routes/health';
import holidays from './routes/holidays';
import obligations from './routes/obligations';
import plans from './routes/plans';
import reports from './routes/reports';
import rollups from './routes/rollups';
import scores from './routes/scores';
import tokens from './routes/tokens';
import webhooks from './routes/webhooks';
import units from './routes/units';

const MB = 1024 * 1024;

export const app = createApp();

// A whole nation of units is ~1 MB of JSON; everything else is small.
app.use('/v1/units/import', bodyLimit({ maxSize: 16 * MB, onError: () => { throw tooLarge('An import may be at most 16 MB.'); } }));
app.use('/v1/*', async (c, next) => {
  if (c.req.path === '/v1/units/import') return next();
  return bodyLimit({ maxSize: MB, onError: () => { throw tooLarge('A request body may be at most 1 MB.'); } })(c, next);
});

app.route('/v1', health);
app.openAPIRegistry.registerPath({
  method: 'get',
  path: '/v1/openapi.json',
  tags: ['Meta'],
  summary: 'This OpenAPI 3.1 document, generated from the zod schemas in schemas/',
  responses: { 200: { description: 'The document' } },
});
app.doc31('/v1/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Cascade API',
    version: '1.0.0',
    description: 'Plans cascade down Vietnamese government units; reports roll back up.',
  },
  servers: [{ url: '/' }],
});

app.route('/v1', units);
app.route('/v1', tokens);
app.route('/v1', plans);
app.route('/v1', obligations);
app.route('/v1', holidays);
app.route('/v1', reports);
app.route('/v1', rollups);
app.route('/v1', scores);
app.route('/v1', webhooks);
// The dashboard page lives at /app; its fragments under /v1/dashboard.
app.route('/', dashboard);

export default {
  fetch: app.fetch,
  scheduled: async (controller, env) => {
    await runReminders(env, new Date(controller.scheduledTime));
  },
  queue: (batch, env, _ctx) => handleDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
