import {
  DeliveryList, DeliveryParams, Webhook, WebhookCreate, WebhookIdParam, WebhookList, WebhookListQuery, WebhookPatch, WebhookWithSecret,
} from '../../../schemas';
import { createRouter } from '../app';
import { defineRoute, json } from '../http';
import { changeWebhook, deliveries, ping, readWebhook, redeliver, rotateSecret, subscribe, unsubscribe, webhooksOf } from '../flows/webhooks';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'post', path: '/webhooks', tags: ['Webhooks'], operationId: 'subscribeWebhook', problems: [404],
    summary: "Subscribe a URL to the events of a unit's whole subtree (the secret is shown once)",
    description: 'https only, and never a loopback, private, link-local or reserved address (unless WEBHOOK_ALLOW_PRIVATE is "true", for local development).',
    request: { body: { required: true, content: { 'application/json': { schema: WebhookCreate } } } },
    responses: { 201: json(WebhookWithSecret, 'The subscription and its signing secret') },
  }),
  async (c) => c.json(await subscribe(c.env, c.get('principal'), c.req.valid('json')), 201),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/webhooks', tags: ['Webhooks'], operationId: 'listWebhooks', problems: [404],
    summary: 'Subscriptions of a subtree (never their secrets)',
    request: { query: WebhookListQuery },
    responses: { 200: json(WebhookList, 'The subscriptions') },
  }),
  async (c) => c.json({ items: await webhooksOf(c.env, c.get('principal'), c.req.valid('query').unit), nextCursor: null }, 200),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/webhooks/{id}', tags: ['Webhooks'], operationId: 'getWebhook', summary: 'A subscription', problems: [404],
    request: { params: WebhookIdParam },
    responses: { 200: json(Webhook, 'The subscription') },
  }),
  async (c) => c.json(await readWebhook(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

app.openapi(
  defineRoute({
    method: 'patch', path: '/webhooks/{id}', tags: ['Webhooks'], operationId: 'patchWebhook', problems: [404],
    summary: 'Change a subscription (URL, events, format, chat id, delivery, active)',
    request: { params: WebhookIdParam, body: { required: true, content: { 'application/json': { schema: WebhookPatch } } } },
    responses: { 200: json(Webhook, 'The changed subscription') },
  }),
  async (c) => c.json(await changeWebhook(c.env, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200),
);

app.openapi(
  defineRoute({
    method: 'delete', path: '/webhooks/{id}', tags: ['Webhooks'], operationId: 'unsubscribeWebhook', problems: [404],
    summary: 'Unsubscribe (the delivery log is kept)',
    request: { params: WebhookIdParam },
    responses: { 200: json(Webhook, 'The subscription, now inactive') },
  }),
  async (c) => c.json(await unsubscribe(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/webhooks/{id}/rotate-secret', tags: ['Webhooks'], operationId: 'rotateWebhookSecret', problems: [404],
    summary: 'Issue a new signing secret (shown once); the old one stops at once',
    request: { params: WebhookIdParam },
    responses: { 200: json(WebhookWithSecret, 'The subscription and its new secret') },
  }),
  async (c) => c.json(await rotateSecret(c.env, c.get('principal'), c.req.valid('param').id), 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/webhooks/{id}/ping', tags: ['Webhooks'], operationId: 'pingWebhook', problems: [404, 409],
    summary: 'Send a webhook.ping event to this subscription now',
    request: { params: WebhookIdParam },
    responses: { 202: json(DeliveryList, 'The delivery queued') },
  }),
  async (c) => c.json({ items: await ping(c.env, c.get('principal'), c.req.valid('param').id), nextCursor: null }, 202),
);

app.openapi(
  defineRoute({
    method: 'get', path: '/webhooks/{id}/deliveries', tags: ['Webhooks'], operationId: 'listWebhookDeliveries', problems: [404],
    summary: 'Every delivery of a subscription, newest first, with every attempt (time, status code, duration, error)',
    request: { params: WebhookIdParam },
    responses: { 200: json(DeliveryList, 'The delivery log') },
  }),
  async (c) => c.json({ items: await deliveries(c.env, c.get('principal'), c.req.valid('param').id), nextCursor: null }, 200),
);

app.openapi(
  defineRoute({
    method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver', tags: ['Webhooks'], operationId: 'redeliverWebhook', problems: [404, 409],
    summary: 'Send a delivery again (also a dead one), with a fresh retry budget',
    request: { params: DeliveryParams },
    responses: { 202: json(DeliveryList, 'The delivery, queued again') },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    return c.json({ items: await redeliver(c.env, c.get('principal'), id, deliveryId), nextCursor: null }, 202);
  },
);

export default app;
