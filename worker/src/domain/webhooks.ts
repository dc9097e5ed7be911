/** Webhook rules with no I/O: URL safety, Standard Webhooks signatures, reminder timing, chat texts, backoff. */
import { formatDeadline } from './periods';

const DAY = 86_400_000;

/** Private, loopback, link-local and other non-public targets a Worker must not be made to call (SSRF). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (host.includes(':')) {
    if (host === '::' || host === '::1') return true;
    if (host.startsWith('::ffff:')) return isPrivateHost(host.slice(7)) || /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(host);
    return /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  return false;
}

/** null when a subscriber URL may be used, else what is wrong with it. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must be an https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (!allowPrivate && isPrivateHost(url.hostname)) return 'must not point at a private, loopback or link-local address';
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function newSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** Standard Webhooks: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>, the key being the base64 after whsec_. */
export async function sign(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

export type Reminders = { before?: number[]; after?: number[] };
export type DueReminder = { kind: 'before' | 'after'; days: number };

/**
 * Which reminder of an unsubmitted obligation is due at `now`. Of the offsets whose time has come only the nearest
 * counts: the smallest "before" offset (a plan activated 12 hours before the deadline sends the 1-day reminder, not
 * the 7-day one too), or the largest "after" offset. A due-soon reminder is never due once the deadline has passed.
 */
export function dueReminder(dueAt: Date, now: Date, reminders: Reminders): DueReminder | null {
  const due = dueAt.getTime();
  const t = now.getTime();
  if (t < due) {
    const come = (reminders.before ?? []).filter((k) => due - k * DAY <= t);
    return come.length ? { kind: 'before', days: Math.min(...come) } : null;
  }
  const come = (reminders.after ?? []).filter((a) => due + a * DAY <= t);
  return come.length ? { kind: 'after', days: Math.max(...come) } : null;
}

/** Retry delays of the delivery queue: 30 s, 1, 2, 4, 8, 16 min … capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}
export const MAX_ATTEMPTS = 8;

const fmtDate = (iso: string, tz: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

export type ObligationEventData = {
  obligation: { id: string; unit: string; period: string; dueAt: string; deadline: string; plan: string; schedule: string; scheduleCode: string };
  unit: { code: string; name: string; parentName: string | null };
  schedule: { code: string; name: string | null };
  plan: { id: string; number: string; title: string };
  days: number;
};

type ObligationFacts = {
  id: number; unit_code: string; unit_name: string; parent_name: string | null; period: string; due_at: string;
  plan_id: string; schedule_id: string; schedule_code: string;
};

/** What every reminder and report event says about its obligation (the `data` of DESIGN §5's body). */
export function obligationEventData(
  o: ObligationFacts,
  schedule: { name?: string | null },
  plan: { number: string; title: string },
  tz: string,
): Omit<ObligationEventData, 'days'> {
  return {
    obligation: { id: String(o.id), unit: o.unit_code, period: o.period, dueAt: o.due_at, deadline: formatDeadline(new Date(o.due_at), tz),
      plan: o.plan_id, schedule: o.schedule_id, scheduleCode: o.schedule_code },
    unit: { code: o.unit_code, name: o.unit_name, parentName: o.parent_name },
    schedule: { code: o.schedule_code, name: schedule.name ?? null },
    plan: { id: o.plan_id, number: plan.number, title: plan.title },
  };
}

/** A short Vietnamese line for chat webhooks, e.g. "Phường 15 (Quận 10) chưa nộp Báo cáo 6 tháng — hạn 14/05/2021, đã trễ 1 ngày". */
export function eventText(type: string, data: Record<string, any>, tz: string): string {
  const o = data as ObligationEventData;
  const who = o.unit ? `${o.unit.name}${o.unit.parentName ? ` (${o.unit.parentName})` : ''}` : '';
  const what = o.schedule ? (o.schedule.name ?? `báo cáo ${o.schedule.code}`) : '';
  const period = o.obligation ? ` kỳ ${o.obligation.period}` : '';
  switch (type) {
    case 'obligation.due_soon':
      return `${who} sắp đến hạn nộp ${what}${period} — ${o.obligation.deadline}, còn ${o.days} ngày`;
    case 'obligation.overdue':
      return `${who} chưa nộp ${what}${period} — ${o.obligation.deadline}, đã trễ ${o.days} ngày`;
    case 'report.submitted':
      return `${who} đã nộp ${what}${period} lúc ${fmtDate(data.submittedAt, tz)}${data.onTime ? ' (đúng hạn)' : ' (trễ hạn)'}`;
    case 'report.returned':
      return `${what}${period} của ${who} bị trả lại: ${data.reason}`;
    case 'report.accepted':
      return `${what}${period} của ${who} đã được tiếp nhận`;
    case 'plan.activated':
      return `Kế hoạch ${data.plan.number} "${data.plan.title}" đã ban hành: ${data.obligations} kỳ báo cáo phải nộp`;
    case 'reminder.digest': {
      const items = data.items as { type: string; text: string }[];
      const overdue = items.filter((i) => i.type === 'obligation.overdue').length;
      return [`Nhắc việc: ${overdue} báo cáo quá hạn, ${items.length - overdue} báo cáo sắp đến hạn`, ...items.map((i) => `• ${i.text}`)].join('\n');
    }
    case 'webhook.ping':
      return 'Cascade: kết nối webhook thành công';
    default:
      return type;
  }
}
