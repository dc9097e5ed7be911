import { createRoute } from '@hono/zod-openapi';
import {
  DeliveryList,
  DeliveryParams,
  Webhook,
  WebhookCreate,
  WebhookIdParam,
  WebhookList,
  WebhookListQuery,
  WebhookPatch,
  WebhookWithSecret,
} from '../../../schemas';
import { createRouter } from '../app';
import { assertManagerOf, forbidIfSubmitter, type Principal, visibleUnit } from '../auth';
import { auditStatement } from '../db/audit';
import { subtreeEnd } from '../domain/units';
import { checkWebhookUrl, newSecret } from '../domain/webhooks';
import type { Env } from '../env';
import { badRequest, conflict, notFound } from '../errors';
import { enqueueDeliveries } from '../events';
import { randomId } from '../ids';
import { authed, json, problems } from './shared';

const app = createRouter();

type WebhookRow = {
  id: string; unit_code: string; unit_path: string; url: string; events_json: string; format: 'cascade' | 'text';
  delivery: 'each' | 'digest'; secret: string; active: number; created_at: string; updated_at: string;
};

const toWebhook = (r: WebhookRow) => ({
  id: r.id, unit: r.unit_code, url: r.url, events: JSON.parse(r.events_json) as string[], format: r.format, delivery: r.delivery,
  active: r.active === 1, createdAt: r.created_at, updatedAt: r.updated_at,
});

function assertUrl(env: Env, url: string) {
  const problem = checkWebhookUrl(url, env.WEBHOOK_ALLOW_PRIVATE === 'true');
  if (problem) throw badRequest(`The webhook URL ${problem}.`, [{ path: 'url', message: problem }]);
}

/** A subscription, if the principal manages its unit. */
async function managedWebhook(env: Env, p: Principal, id: string): Promise<WebhookRow> {
  const row = await env.DB.prepare('SELECT w.*, u.path AS unit_path FROM webhooks w JOIN units u ON u.code = w.unit_code WHERE w.id = ?')
    .bind(id).first<WebhookRow>();
  if (!row) throw notFound(`No webhook with id ${id}.`);
  assertManagerOf(p, { code: row.unit_code, path: row.unit_path });
  return row;
}

app.openapi(
  createRoute({
    method: 'post', path: '/webhooks', tags: ['Webhooks'], ...authed,
    summary: "Subscribe a URL to the events of a unit's whole subtree (the secret is shown once)",
    description: 'https only, and never a private, loopback or link-local address (unless WEBHOOK_ALLOW_PRIVATE is "true", for local development).',
    request: { body: { required: true, content: { 'application/json': { schema: WebhookCreate } } } },
    responses: { 201: json(WebhookWithSecret, 'The subscription and its signing secret'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const body = c.req.valid('json');
    const unit = await visibleUnit(c.env.DB, p, body.unit);
    assertManagerOf(p, unit);
    assertUrl(c.env, body.url);
    const now = new Date();
    const row: WebhookRow = {
      id: randomId('wh_'), unit_code: unit.code, unit_path: unit.path, url: body.url, events_json: JSON.stringify(body.events),
      format: body.format, delivery: body.delivery, secret: newSecret(), active: 1, created_at: now.toISOString(), updated_at: now.toISOString(),
    };
    await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO webhooks (id, unit_code, url, events_json, format, delivery, secret, active, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      ).bind(row.id, row.unit_code, row.url, row.events_json, row.format, row.delivery, row.secret, row.created_at, row.updated_at, p.actor),
      auditStatement(c.env.DB, p, now, { action: 'webhook.create', entityType: 'webhook', entityId: row.id, unit: unit.code, after: toWebhook(row) }),
    ]);
    return c.json({ ...toWebhook(row), secret: row.secret }, 201);
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/webhooks', tags: ['Webhooks'], ...authed,
    summary: 'Subscriptions of a subtree (never their secrets)',
    request: { query: WebhookListQuery },
    responses: { 200: json(WebhookList, 'The subscriptions'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    forbidIfSubmitter(p);
    const q = c.req.valid('query');
    const root = q.unit ? (await visibleUnit(c.env.DB, p, q.unit)).path : p.kind === 'admin' ? '/' : p.path;
    const { results } = await c.env.DB.prepare(
      `SELECT w.*, u.path AS unit_path FROM webhooks w JOIN units u ON u.code = w.unit_code
       WHERE u.path >= ?1 AND u.path < ?2 ORDER BY w.created_at`,
    ).bind(root, root === '/' ? '0' : subtreeEnd(root)).all<WebhookRow>();
    return c.json({ items: results.map(toWebhook), nextCursor: null }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get', path: '/webhooks/{id}', tags: ['Webhooks'], ...authed, summary: 'A subscription',
    request: { params: WebhookIdParam },
    responses: { 200: json(Webhook, 'The subscription'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => c.json(toWebhook(await managedWebhook(c.env, c.get('principal'), c.req.valid('param').id)), 200),
);

app.openapi(
  createRoute({
    method: 'patch', path: '/webhooks/{id}', tags: ['Webhooks'], ...authed, summary: 'Change a subscription (URL, events, format, delivery, active)',
    request: { params: WebhookIdParam, body: { required: true, content: { 'application/json': { schema: WebhookPatch } } } },
    responses: { 200: json(Webhook, 'The changed subscription'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await managedWebhook(c.env, p, c.req.valid('param').id);
    const patch = c.req.valid('json');
    if (patch.url) assertUrl(c.env, patch.url);
    const now = new Date().toISOString();
    const next: WebhookRow = {
      ...row, url: patch.url ?? row.url, events_json: patch.events ? JSON.stringify(patch.events) : row.events_json,
      format: patch.format ?? row.format, delivery: patch.delivery ?? row.delivery,
      active: patch.active === undefined ? row.active : patch.active ? 1 : 0, updated_at: now,
    };
    await c.env.DB.batch([
      c.env.DB.prepare('UPDATE webhooks SET url = ?, events_json = ?, format = ?, delivery = ?, active = ?, updated_at = ? WHERE id = ?')
        .bind(next.url, next.events_json, next.format, next.delivery, next.active, now, row.id),
      auditStatement(c.env.DB, p, new Date(now), { action: 'webhook.update', entityType: 'webhook', entityId: row.id, unit: row.unit_code, before: toWebhook(row), after: toWebhook(next) }),
    ]);
    return c.json(toWebhook(next), 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete', path: '/webhooks/{id}', tags: ['Webhooks'], ...authed, summary: 'Unsubscribe (the delivery log is kept)',
    request: { params: WebhookIdParam },
    responses: { 200: json(Webhook, 'The subscription, now inactive'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await managedWebhook(c.env, p, c.req.valid('param').id);
    const now = new Date();
    // Deactivated, not deleted: its deliveries stay readable and nothing is sent any more.
    await c.env.DB.batch([
      c.env.DB.prepare("UPDATE webhooks SET active = 0, updated_at = ? WHERE id = ?").bind(now.toISOString(), row.id),
      c.env.DB.prepare("UPDATE deliveries SET status = 'dead', updated_at = ? WHERE webhook_id = ? AND status = 'pending'").bind(now.toISOString(), row.id),
      auditStatement(c.env.DB, p, now, { action: 'webhook.delete', entityType: 'webhook', entityId: row.id, unit: row.unit_code, before: toWebhook(row) }),
    ]);
    return c.json({ ...toWebhook(row), active: false, updatedAt: now.toISOString() }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post', path: '/webhooks/{id}/rotate-secret', tags: ['Webhooks'], ...authed,
    summary: 'Issue a new signing secret (shown once); the old one stops at once',
    request: { params: WebhookIdParam },
    responses: { 200: json(WebhookWithSecret, 'The subscription and its new secret'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await managedWebhook(c.env, p, c.req.valid('param').id);
    const secret = newSecret();
    const now = new Date();
    await c.env.DB.batch([
      c.env.DB.prepare('UPDATE webhooks SET secret = ?, updated_at = ? WHERE id = ?').bind(secret, now.toISOString(), row.id),
      auditStatement(c.env.DB, p, now, { action: 'webhook.rotate_secret', entityType: 'webhook', entityId: row.id, unit: row.unit_code }),
    ]);
    return c.json({ ...toWebhook({ ...row, updated_at: now.toISOString() }), secret }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post', path: '/webhooks/{id}/ping', tags: ['Webhooks'], ...authed,
    summary: 'Send a webhook.ping event to this subscription now',
    request: { params: WebhookIdParam },
    responses: { 202: json(DeliveryList, 'The delivery queued'), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = c.get('principal');
    const row = await managedWebhook(c.env, p, c.req.valid('param').id);
    if (!row.active) throw conflict('This subscription is inactive; PATCH {"active": true} first.');
    const now = new Date().toISOString();
    const eventId = randomId('evt_ping_');
    const deliveryId = randomId('dlv_');
    await c.env.DB.batch([
      c.env.DB.prepare(`INSERT INTO events (id, type, occurred_at, unit_code, anchors_json, data_json) VALUES (?, 'webhook.ping', ?, ?, '[]', ?)`)
        .bind(eventId, now, row.unit_code, JSON.stringify({ webhook: row.id, unit: row.unit_code })),
      c.env.DB.prepare(`INSERT INTO deliveries (id, webhook_id, event_id, status, attempts, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)`)
        .bind(deliveryId, row.id, eventId, now, now),
    ]);
    await enqueueDeliveries(c.env, [deliveryId]);
    return c.json({ items: await deliveryLog(c.env, row.id, deliveryId), nextCursor: null }, 202);
  },
);

async function deliveryLog(env: Env, webhookId: string, onlyId?: string) {
  const { results } = await env.DB.prepare(
    `SELECT d.id, d.event_id, e.type, d.status, d.created_at, d.updated_at,
            (SELECT json_group_array(json_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code, 'durationMs', a.duration_ms, 'error', a.error))
             FROM (SELECT * FROM delivery_attempts a WHERE a.delivery_id = d.id ORDER BY a.attempt) a) AS attempts
     FROM deliveries d JOIN events e ON e.id = d.event_id
     WHERE d.webhook_id = ?1 AND (?2 IS NULL OR d.id = ?2) ORDER BY d.created_at DESC, d.id LIMIT 500`,
  ).bind(webhookId, onlyId ?? null).all<{ id: string; event_id: string; type: string; status: 'pending' | 'delivered' | 'dead'; created_at: string; updated_at: string; attempts: string }>();
  return results.map((r) => ({
    id: r.id, eventId: r.event_id, eventType: r.type, status: r.status, attempts: JSON.parse(r.attempts), createdAt: r.created_at, updatedAt: r.updated_at,
  }));
}

app.openapi(
  createRoute({
    method: 'get', path: '/webhooks/{id}/deliveries', tags: ['Webhooks'], ...authed,
    summary: 'Every delivery of a subscription, newest first, with every attempt (time, status code, duration, error)',
    request: { params: WebhookIdParam },
    responses: { 200: json(DeliveryList, 'The delivery log'), ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const row = await managedWebhook(c.env, c.get('principal'), c.req.valid('param').id);
    return c.json({ items: await deliveryLog(c.env, row.id), nextCursor: null }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver', tags: ['Webhooks'], ...authed,
    summary: 'Send a delivery again (also a dead one), with a fresh retry budget',
    request: { params: DeliveryParams },
    responses: { 202: json(DeliveryList, 'The delivery, queued again'), ...problems(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = c.get('principal');
    const { id, deliveryId } = c.req.valid('param');
    const row = await managedWebhook(c.env, p, id);
    if (!row.active) throw conflict('This subscription is inactive; PATCH {"active": true} first.');
    const now = new Date();
    const updated = await c.env.DB.prepare(
      `UPDATE deliveries SET status = 'pending', retry_base = attempts, updated_at = ?3 WHERE id = ?1 AND webhook_id = ?2 RETURNING id`,
    ).bind(deliveryId, row.id, now.toISOString()).first();
    if (!updated) throw notFound(`No delivery ${deliveryId} for webhook ${row.id}.`);
    await c.env.DB.batch([auditStatement(c.env.DB, p, now, { action: 'delivery.redeliver', entityType: 'delivery', entityId: deliveryId, unit: row.unit_code })]);
    await enqueueDeliveries(c.env, [deliveryId]);
    return c.json({ items: await deliveryLog(c.env, row.id, deliveryId), nextCursor: null }, 202);
  },
);

export default app;
