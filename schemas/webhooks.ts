import { z } from 'zod';
import { Code, Instant, listOf } from './common';
import { said } from './text';

export const EVENT_TYPES = [
  'obligation.due_soon',
  'obligation.overdue',
  'report.submitted',
  'report.returned',
  'report.accepted',
  'plan.activated',
] as const;
export type EventType = (typeof EVENT_TYPES)[number] | 'webhook.ping' | 'reminder.digest';

export const WEBHOOK_FORMATS = ['cascade', 'text', 'telegram'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
const fields = {
  url: z.string().url(said('must be a URL such as https://chat.example.vn/hooks/…', 'phải là một địa chỉ URL, ví dụ https://chat.example.vn/hooks/…')).max(2000),
  events: z.array(z.enum(EVENT_TYPES)).min(1, said('choose at least one event', 'hãy chọn ít nhất một loại sự kiện')).max(EVENT_TYPES.length),
  format: z.enum(WEBHOOK_FORMATS).default('cascade').meta({
    description: '`cascade`: the signed JSON event; `text`: {"text": …} in Vietnamese, for Google Chat and Slack incoming webhooks; `telegram`: {"chat_id", "text"} for a bot\'s sendMessage URL',
  }),
  chatId: z.string().trim().min(1).max(64).nullable().optional().meta({ description: 'the Telegram chat id (with format telegram)' }),
  delivery: z.enum(['each', 'digest']).default('each').meta({ description: '`digest`: one message per cron run summarising due-soon and overdue obligations' }),
};
export const WebhookCreate = z.strictObject({ unit: Code, ...fields }).meta({ id: 'WebhookCreate' });
export const WebhookPatch = z.strictObject({ ...fields, active: z.boolean() }).partial().meta({ id: 'WebhookPatch' });

export const Webhook = z.object({
  id: z.string(),
  unit: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  format: z.enum(WEBHOOK_FORMATS),
  chatId: z.string().nullable(),
  delivery: z.enum(['each', 'digest']),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
}).meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;
export const WebhookWithSecret = Webhook.extend({
  secret: z.string().meta({ description: 'whsec_<base64 key>, shown once: verify signatures with any Standard Webhooks library' }),
}).meta({ id: 'WebhookWithSecret' });
export const WebhookList = listOf(Webhook).meta({ id: 'WebhookList' });
export const WebhookListQuery = z.object({ unit: Code.optional() });
export const WebhookIdParam = z.object({ id: z.string().max(64) });
export const DeliveryParams = z.object({ id: z.string().max(64), deliveryId: z.string().max(64) });

export const Delivery = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.array(z.object({ attempt: z.number().int(), at: Instant, statusCode: z.number().int().nullable(), durationMs: z.number().int(), error: z.string().nullable() })),
  createdAt: Instant,
  updatedAt: Instant,
}).meta({ id: 'Delivery' });
export const DeliveryList = listOf(Delivery).meta({ id: 'DeliveryList' });
