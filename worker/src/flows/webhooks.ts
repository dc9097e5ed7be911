/** Webhook subscriptions: managed by a unit's managers; a ping; the delivery log and redelivery. */
import type { z } from 'zod';
import type { WebhookCreate, WebhookPatch } from '../../../schemas';
import { auditStatement } from '../db/audit';
import {
  deactivateWebhookStatements, deliveryLog, getWebhook, insertWebhookStatement, listWebhooks, reopenDelivery, rotateSecretStatement,
  toWebhook, updateWebhookStatement, type WebhookRow,
} from '../db/webhooks';
import { newDeliveries } from '../db/outbox';
import { pingEvent } from '../domain/events';
import { subtreeEnd } from '../domain/units';
import { checkWebhookUrl, newSecret } from '../domain/webhooks';
import type { Env } from '../env';
import { badRequest, conflict, notFound, t } from '../errors';
import { randomId } from '../ids';
import { assertManager, assertManagerOf, type Principal } from '../policy';
import { commitWithEvents, enqueueDeliveries } from './deliveries';
import { visibleUnit } from './units';

function assertUrl(env: Env, url: string) {
  const problem = checkWebhookUrl(url, env.WEBHOOK_ALLOW_PRIVATE === 'true');
  if (problem) throw badRequest(t(`The webhook URL ${problem.en}.`, `Địa chỉ webhook ${problem.vi}.`), [{ path: 'url', message: problem }]);
}

/** A Telegram subscription needs its chat id; no other format takes one. */
function storedFormat(format: 'cascade' | 'text' | 'telegram', chatId: string | null | undefined): { format: 'cascade' | 'text'; chat_id: string | null } {
  if (format === 'telegram') {
    if (!chatId) throw badRequest(t('A telegram subscription needs chatId.', 'Webhook Telegram cần mã nhóm chat (chatId).'), [{ path: 'chatId', message: t('required with format telegram', 'bắt buộc khi chọn Telegram') }]);
    return { format: 'text', chat_id: chatId };
  }
  if (chatId) throw badRequest(t('chatId is only for format telegram.', 'Mã nhóm chat chỉ dùng cho Telegram.'), [{ path: 'chatId', message: t('only with format telegram', 'chỉ dùng khi chọn Telegram') }]);
  return { format, chat_id: null };
}

/** A subscription, if the principal manages its unit. */
async function managedWebhook(env: Env, p: Principal, id: string): Promise<WebhookRow> {
  const row = await getWebhook(env.DB, id);
  if (!row) throw notFound(t(`No webhook with id ${id}.`, `Không có webhook ${id}.`));
  assertManagerOf(p, { code: row.unit_code, path: row.unit_path });
  return row;
}

const inactive = () => conflict(t('This subscription is inactive; PATCH {"active": true} first.', 'Webhook này đang tắt; hãy bật lại trước.'));

export async function subscribe(env: Env, p: Principal, body: z.infer<typeof WebhookCreate>) {
  const unit = await visibleUnit(env, p, body.unit);
  assertManagerOf(p, unit);
  assertUrl(env, body.url);
  const now = new Date().toISOString();
  const row: WebhookRow = {
    id: randomId('wh_'), unit_code: unit.code, unit_path: unit.path, url: body.url, events_json: JSON.stringify(body.events),
    ...storedFormat(body.format, body.chatId), delivery: body.delivery, secret: newSecret(), active: 1, created_at: now, updated_at: now,
  };
  await env.DB.batch([
    insertWebhookStatement(env.DB, row, p.actor),
    auditStatement(env.DB, p, new Date(now), { action: 'webhook.create', entityType: 'webhook', entityId: row.id, unit: unit.code, after: toWebhook(row) }),
  ]);
  return { ...toWebhook(row), secret: row.secret };
}

export async function webhooksOf(env: Env, p: Principal, unit: string | undefined) {
  assertManager(p);
  const root = unit ? (await visibleUnit(env, p, unit)).path : p.kind === 'admin' ? '/' : p.path;
  return (await listWebhooks(env.DB, root, root === '/' ? '0' : subtreeEnd(root))).map(toWebhook);
}

export async function readWebhook(env: Env, p: Principal, id: string) {
  return toWebhook(await managedWebhook(env, p, id));
}

export async function changeWebhook(env: Env, p: Principal, id: string, patch: z.infer<typeof WebhookPatch>) {
  const row = await managedWebhook(env, p, id);
  if (patch.url) assertUrl(env, patch.url);
  const format = patch.format ?? (row.chat_id ? 'telegram' : row.format);
  const chatId = patch.chatId === undefined ? (format === 'telegram' ? row.chat_id : null) : patch.chatId;
  const next: WebhookRow = {
    ...row, url: patch.url ?? row.url, events_json: patch.events ? JSON.stringify(patch.events) : row.events_json, ...storedFormat(format, chatId),
    delivery: patch.delivery ?? row.delivery, active: patch.active === undefined ? row.active : patch.active ? 1 : 0, updated_at: new Date().toISOString(),
  };
  await env.DB.batch([
    updateWebhookStatement(env.DB, next),
    auditStatement(env.DB, p, new Date(next.updated_at), { action: 'webhook.update', entityType: 'webhook', entityId: row.id, unit: row.unit_code, before: toWebhook(row), after: toWebhook(next) }),
  ]);
  return toWebhook(next);
}

/** Deactivated, not deleted: its deliveries stay readable and nothing is sent any more. */
export async function unsubscribe(env: Env, p: Principal, id: string) {
  const row = await managedWebhook(env, p, id);
  const now = new Date().toISOString();
  await env.DB.batch([
    ...deactivateWebhookStatements(env.DB, row.id, now),
    auditStatement(env.DB, p, new Date(now), { action: 'webhook.delete', entityType: 'webhook', entityId: row.id, unit: row.unit_code, before: toWebhook(row) }),
  ]);
  return { ...toWebhook(row), active: false, updatedAt: now };
}

export async function rotateSecret(env: Env, p: Principal, id: string) {
  const row = await managedWebhook(env, p, id);
  const secret = newSecret();
  const now = new Date().toISOString();
  await env.DB.batch([
    rotateSecretStatement(env.DB, row.id, secret, now),
    auditStatement(env.DB, p, new Date(now), { action: 'webhook.rotate_secret', entityType: 'webhook', entityId: row.id, unit: row.unit_code }),
  ]);
  return { ...toWebhook({ ...row, updated_at: now }), secret };
}

/** A webhook.ping to this subscription alone, now. */
export async function ping(env: Env, p: Principal, id: string) {
  const row = await managedWebhook(env, p, id);
  if (!row.active) throw inactive();
  const [deliveryId] = newDeliveries(await commitWithEvents(env, [], [pingEvent({ id: row.id, unit: row.unit_code }, new Date().toISOString())]));
  return deliveryLog(env.DB, row.id, deliveryId);
}

export async function deliveries(env: Env, p: Principal, id: string) {
  const row = await managedWebhook(env, p, id);
  return deliveryLog(env.DB, row.id);
}

/** A delivery sent again (also a dead one), with a fresh retry budget. */
export async function redeliver(env: Env, p: Principal, id: string, deliveryId: string) {
  const row = await managedWebhook(env, p, id);
  if (!row.active) throw inactive();
  const now = new Date();
  const reopened = await reopenDelivery(env.DB, row.id, deliveryId, now.toISOString());
  if (!reopened) throw notFound(t(`No delivery ${deliveryId} for webhook ${row.id}.`, `Webhook này không có lần gửi ${deliveryId}.`));
  await env.DB.batch([auditStatement(env.DB, p, now, { action: 'delivery.redeliver', entityType: 'delivery', entityId: deliveryId, unit: row.unit_code })]);
  await enqueueDeliveries(env, [deliveryId]);
  return deliveryLog(env.DB, row.id, deliveryId);
}
