/**
 * Events, in one home: their ids (stable, so a retried write or an overlapping cron never makes a second one),
 * whom they concern (anchors), what they carry (DESIGN §5's `data`) and the Vietnamese text a chat receives.
 */
import type { EventType } from '../../../schemas';
import { formatDateTime, formatDeadline, periodLabel, scheduleLabel, timeLeft } from '../../../schemas/labels';

export type NewEvent = {
  id: string;
  type: EventType;
  occurredAt: string;
  unit: string;
  /** unit paths the event concerns: a subscription on U takes it when U's subtree holds one of them */
  anchors: string[];
  /** a webhook the event is for alone (a ping, a digest), instead of anchors */
  to?: string;
  data: Record<string, unknown>;
};

export type ReminderKind = 'before' | 'after';

export const eventIds = {
  reminder: (kind: ReminderKind, obligationId: number, days: number, round: number) =>
    `evt_${kind === 'before' ? 'due' : 'late'}_${obligationId}_${days}${round ? `_r${round}` : ''}`,
  submitted: (obligationId: number, version: number) => `evt_sub_${obligationId}_v${version}`,
  /** one return, or one acceptance, per version: a report is returned or accepted at most once before it changes */
  reviewed: (action: 'return' | 'accept', obligationId: number, version: number) => `evt_${action}_${obligationId}_v${version}`,
  activated: (planId: string) => `evt_plan_${planId}`,
  ping: (webhookId: string, at: string) => `evt_ping_${webhookId}_${Date.parse(at)}`,
  digest: (webhookId: string, at: string) => `evt_digest_${webhookId}_${Date.parse(at)}`,
};

/** An obligation as the events about it describe it. */
export type ObligationFacts = {
  id: number; unit_code: string; unit_name: string; unit_path: string; parent_name: string | null; period: string; due_at: string;
  plan_id: string; schedule_id: string; schedule_code: string;
};
type ScheduleFacts = { name?: string | null; periodType: string };
type PlanFacts = { number: string; title: string };

export type ObligationEventData = {
  obligation: {
    id: string; unit: string; period: string; periodLabel: string; dueAt: string; deadline: string; plan: string; schedule: string; scheduleCode: string;
  };
  unit: { code: string; name: string; parentName: string | null };
  schedule: { code: string; name: string };
  plan: { id: string; number: string; title: string };
};

/** What every reminder and report event says about its obligation. */
export function obligationEventData(o: ObligationFacts, schedule: ScheduleFacts, plan: PlanFacts, tz: string): ObligationEventData {
  return {
    obligation: {
      id: String(o.id), unit: o.unit_code, period: o.period, periodLabel: periodLabel(o.period), dueAt: o.due_at,
      deadline: formatDeadline(o.due_at, tz), plan: o.plan_id, schedule: o.schedule_id, scheduleCode: o.schedule_code,
    },
    unit: { code: o.unit_code, name: o.unit_name, parentName: o.parent_name },
    schedule: { code: o.schedule_code, name: scheduleLabel(schedule) },
    plan: { id: o.plan_id, number: plan.number, title: plan.title },
  };
}

/** A report's own event: submitted, returned or accepted; it concerns the unit's branch. */
export function reportEvent(
  o: ObligationFacts, schedule: ScheduleFacts, plan: PlanFacts, tz: string,
  e: { type: 'report.submitted' | 'report.returned' | 'report.accepted'; id: string; at: string; extra: Record<string, unknown> },
): NewEvent {
  return { id: e.id, type: e.type, occurredAt: e.at, unit: o.unit_code, anchors: [o.unit_path], data: { ...obligationEventData(o, schedule, plan, tz), ...e.extra } };
}

/**
 * A reminder: due soon, or overdue. An overdue one also concerns the units the report goes to (`escalateTo`, their
 * paths), outside the ward's own branch.
 */
export function reminderEvent(
  o: ObligationFacts, schedule: ScheduleFacts, plan: PlanFacts, tz: string,
  r: { kind: ReminderKind; days: number; round: number; at: string; escalateTo: string[] },
): NewEvent {
  return {
    id: eventIds.reminder(r.kind, o.id, r.days, r.round),
    type: r.kind === 'before' ? 'obligation.due_soon' : 'obligation.overdue',
    occurredAt: r.at,
    unit: o.unit_code,
    anchors: [o.unit_path, ...(r.kind === 'after' ? r.escalateTo : [])],
    data: { ...obligationEventData(o, schedule, plan, tz), days: r.days },
  };
}

export function planActivatedEvent(plan: { id: string; number: string; title: string; issuer: string; issuerPath: string }, obligations: number, at: string): NewEvent {
  return {
    id: eventIds.activated(plan.id), type: 'plan.activated', occurredAt: at, unit: plan.issuer, anchors: [plan.issuerPath],
    data: { plan: { id: plan.id, number: plan.number, title: plan.title, issuer: plan.issuer }, obligations },
  };
}

export function pingEvent(webhook: { id: string; unit: string }, at: string): NewEvent {
  return { id: eventIds.ping(webhook.id, at), type: 'webhook.ping', occurredAt: at, unit: webhook.unit, anchors: [], to: webhook.id, data: { webhook: webhook.id, unit: webhook.unit } };
}

/** One message for a digest subscription, summarising the reminders of one sweep in its reach. */
export function digestEvent(webhook: { id: string; unit: string }, items: NewEvent[], tz: string, at: string): NewEvent {
  return {
    id: eventIds.digest(webhook.id, at), type: 'reminder.digest', occurredAt: at, unit: webhook.unit, anchors: [], to: webhook.id,
    data: { items: items.map((e) => ({ type: e.type, eventId: e.id, text: eventText(e.type, e.data, tz, e.occurredAt), data: e.data })) },
  };
}

const who = (d: ObligationEventData) => `${d.unit.name}${d.unit.parentName ? ` (${d.unit.parentName})` : ''}`;
const what = (d: ObligationEventData) => `${d.schedule.name} — ${d.obligation.periodLabel}`;
const ofPlan = (d: ObligationEventData) => `Kế hoạch số ${d.plan.number}`;

/**
 * The message an official would send (DESIGN §14): the unit, the report's name, the period as people say it, the
 * deadline in words, the time left counted honestly from when the event happened, and a returned report's reason.
 * Ready for Google Chat and Slack incoming webhooks as `{"text"}`, and for Telegram.
 */
export function eventText(type: string, data: Record<string, unknown>, tz: string, occurredAt: string): string {
  const d = data as unknown as ObligationEventData & Record<string, unknown>;
  const now = new Date(occurredAt);
  switch (type) {
    case 'obligation.due_soon':
      return `Nhắc hạn: ${who(d)} cần nộp ${what(d)} theo ${ofPlan(d)}. Hạn nộp: ${d.obligation.deadline} (${timeLeft(d.obligation.dueAt, now)}).`;
    case 'obligation.overdue':
      return `Quá hạn: ${who(d)} chưa nộp ${what(d)} theo ${ofPlan(d)}. Hạn nộp đã qua: ${d.obligation.deadline} (${timeLeft(d.obligation.dueAt, now)}). Đề nghị khẩn trương nộp báo cáo.`;
    case 'report.submitted':
      return `${who(d)} đã nộp ${what(d)} lúc ${formatDateTime(String(d.submittedAt), tz)}${d.onTime ? ', đúng hạn' : ', trễ hạn'} (phiên bản ${String(d.version)}).`;
    case 'report.returned':
      return `${what(d)} của ${who(d)} bị trả lại. Lý do: ${String(d.reason)}. Đề nghị đơn vị chỉnh sửa và nộp lại.`;
    case 'report.accepted':
      return `${what(d)} của ${who(d)} đã được tiếp nhận.`;
    case 'plan.activated': {
      const plan = data.plan as { number: string; title: string };
      return `Kế hoạch số ${plan.number} "${plan.title}" đã được ban hành: ${String(data.obligations)} kỳ báo cáo phải nộp.`;
    }
    case 'reminder.digest': {
      const items = data.items as { type: string; text: string }[];
      const overdue = items.filter((i) => i.type === 'obligation.overdue').length;
      return [`Nhắc việc: ${overdue} báo cáo quá hạn, ${items.length - overdue} báo cáo sắp đến hạn`, ...items.map((i) => `• ${i.text}`)].join('\n');
    }
    case 'webhook.ping':
      return 'Cascade: kết nối webhook thành công.';
    default:
      return type;
  }
}
