import { createApp } from './app';
import type { DeliveryMessage, Env } from './env';
import { handleDeliveries } from './flows/deliveries';
import { runScheduled } from './flows/reminders';
import { appRouters } from './webapp';
import docs from './routes/docs';
import health from './routes/health';
import holidays from './routes/holidays';
import obligations from './routes/obligations';
import plans from './routes/plans';
import reports from './routes/reports';
import rollups from './routes/rollups';
import scores from './routes/scores';
import tokens from './routes/tokens';
import units from './routes/units';
import webhooks from './routes/webhooks';

export const app = createApp();

for (const router of [health, units, tokens, plans, obligations, holidays, reports, rollups, scores, webhooks]) app.route('/v1', router);
// The web app's page lives at /app, its fragments under /v1/dashboard; the API reference at /docs.
for (const router of [...appRouters, docs]) app.route('/', router);

app.doc31('/v1/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Cascade API',
    version: '2.0.0',
    description: 'Plans cascade down Vietnamese government units; reports roll back up. Send `Accept-Language: vi` for problem documents in Vietnamese.',
    license: { name: 'Proprietary: the deploying government body', url: 'https://cascade.example.gov.vn/license' },
  },
  servers: [{ url: '/' }],
});

export default {
  fetch: app.fetch,
  scheduled: async (controller, env) => {
    await runScheduled(env, new Date(controller.scheduledTime));
  },
  queue: (batch, env, _ctx) => handleDeliveries(batch, env),
} satisfies ExportedHandler<Env, DeliveryMessage>;
