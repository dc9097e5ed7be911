import { z } from 'zod';
import { Code, Cursor, Instant, Limit, listOf, LocalDate, NOT_EMPTY } from './common';
import { said } from './text';

export const PERIOD_TYPES = ['month', 'quarter', 'half', 'nine_months', 'year', 'once'] as const;
export const INDICATOR_KINDS = ['count', 'number', 'percent', 'ratio', 'boolean', 'text'] as const;
export const COMPARISON_OPS = ['>', '>=', '=', '<=', '<'] as const;
export const AGGREGATIONS = ['sum', 'avg', 'min', 'max'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const ItemCode = z.string().regex(/^[A-Z0-9][A-Z0-9_]{0,39}$/, said('must be 1–40 capital letters, digits or "_", e.g. TTHC_DUNG_HAN', 'mã gồm 1–40 chữ in hoa không dấu, chữ số hoặc "_", ví dụ TTHC_DUNG_HAN'));
const Name = z.string().trim().min(1, NOT_EMPTY).max(500);

/** Who: every unit of a level inside the issuer's subtree ("UBND 15 phường"), or a named list. */
export const UnitSelector = z.union([
  z.strictObject({ level: z.string().min(1).max(32) }),
  z.strictObject({ units: z.array(Code).min(1, said('must name at least one unit', 'phải nêu ít nhất một đơn vị')).max(20_000) }),
]).meta({ id: 'UnitSelector' });
export type UnitSelector = z.infer<typeof UnitSelector>;

export const Task = z.strictObject({
  code: ItemCode,
  title: Name,
  description: z.string().max(5000).optional(),
  assignees: UnitSelector,
}).meta({ id: 'Task' });

export const Target = z.strictObject({ op: z.enum(COMPARISON_OPS), value: z.number() });
export const Indicator = z.strictObject({
  code: ItemCode,
  name: Name,
  kind: z.enum(INDICATOR_KINDS),
  unit: z.string().max(50).optional().meta({ description: 'unit of measure, e.g. "hồ sơ"' }),
  target: Target.optional(),
  required: z.boolean().optional().meta({ description: 'false: may be left unanswered on submit; otherwise every indicator needs a value or "not applicable" with a note' }),
}).meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof Indicator>;

const before = z.boolean().optional().meta({
  description: 'true (default): "trước ngày D", due at 00:00 on D; false: "chậm nhất ngày D", due at 24:00 on D',
});
export const DueRule = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('fixedDate'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), yearOffset: z.number().int().min(-1).max(2).optional(), before }),
  z.strictObject({ rule: z.literal('dayOfLastMonth'), day: z.number().int().min(1).max(31), before }),
  z.strictObject({ rule: z.literal('afterPeriodEnd'), days: z.number().int().min(0).max(366), before }),
  z.strictObject({ rule: z.literal('date'), date: LocalDate, before }),
]).meta({ id: 'DueRule' });
export type DueRule = z.infer<typeof DueRule>;

const Offsets = z.array(z.number().int().min(0).max(366)).max(10);
export const Schedule = z.strictObject({
  code: ItemCode,
  name: z.string().trim().max(200).optional(),
  periodType: z.enum(PERIOD_TYPES),
  only: z.array(z.string().max(3)).max(12).optional().meta({ description: 'sub-periods kept, e.g. ["S1"], ["Q1","Q3"], ["01","07"]' }),
  due: DueRule,
  shiftToWorkingDay: z.boolean().optional(),
  dataWindow: z.enum(['calendar', 'decree09']).optional(),
  appliesTo: UnitSelector,
  reportTo: z.union([Code, z.array(Code).min(1).max(10)]).meta({ description: 'the recipient unit, or several' }),
  via: Code.nullable().optional().meta({ description: 'the intermediary office, e.g. Phòng Nội vụ' }),
  reminders: z.strictObject({ before: Offsets.optional(), after: Offsets.optional() }).optional(),
  aggregation: z.record(ItemCode, z.enum(AGGREGATIONS)).optional().meta({
    description: 'how the roll-up combines a count or number indicator (keys are indicator codes): sum (default), avg, min or max',
  }),
}).meta({ id: 'Schedule' });
export type Schedule = z.infer<typeof Schedule>;

export const Criterion = z.strictObject({ code: ItemCode, name: Name, maxPoints: z.number().positive().max(1000) }).meta({ id: 'Criterion' });
export type Criterion = z.infer<typeof Criterion>;
export const ValidationRule = z.strictObject({
  left: ItemCode,
  op: z.enum(COMPARISON_OPS),
  right: ItemCode,
  message: z.string().max(300).optional(),
}).meta({ id: 'ValidationRule' });
export type ValidationRule = z.infer<typeof ValidationRule>;

const planFields = {
  number: z.string().trim().min(1, NOT_EMPTY).max(100),
  title: Name,
  issuer: Code,
  issuedOn: LocalDate,
  years: z.array(z.number().int().min(2000).max(2100)).min(1, said('must list at least one year', 'phải có ít nhất một năm')).max(20),
  basis: z.string().max(64).nullable().optional().meta({ description: 'id of the plan this one implements ("Căn cứ")' }),
  basisText: z.array(z.string().trim().min(1).max(2000)).max(50).optional().meta({ description: 'the "Căn cứ …" and "Thực hiện …" lines as the plan states them' }),
  tasks: z.array(Task).max(500).default([]),
  indicators: z.array(Indicator).max(500).default([]),
  schedules: z.array(Schedule).max(50).default([]),
  criteria: z.array(Criterion).max(100).optional(),
  validationRules: z.array(ValidationRule).max(200).optional(),
};
export const PlanInput = z.strictObject(planFields).meta({ id: 'PlanInput' });
export type PlanInput = z.infer<typeof PlanInput>;
/** PATCH: any subset of the fields; arrays replace the whole list. Issuer cannot change. */
export const PlanPatch = z.strictObject({ ...planFields, tasks: z.array(Task).max(500), indicators: z.array(Indicator).max(500), schedules: z.array(Schedule).max(50) })
  .omit({ issuer: true })
  .partial()
  .meta({ id: 'PlanPatch' });

export const PLAN_STATUSES = ['draft', 'active', 'archived', 'closed'] as const;
export const PlanRef = z.object({ id: z.string(), number: z.string(), title: z.string(), issuer: z.string() });
export const Plan = z.object({
  id: z.string(),
  ...planFields,
  basis: z.string().nullable(),
  tasks: z.array(Task),
  indicators: z.array(Indicator),
  schedules: z.array(Schedule.extend({ id: z.string() })),
  status: z.enum(PLAN_STATUSES),
  version: z.number().int(),
  basisChain: z.array(PlanRef).meta({ description: 'the plans this one implements, nearest first' }),
  createdAt: Instant,
  updatedAt: Instant,
  activatedAt: Instant.nullable(),
}).meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const PlanSummary = PlanRef.extend({
  issuedOn: z.string(),
  years: z.array(z.number()),
  status: z.enum(PLAN_STATUSES),
  basis: z.string().nullable(),
}).meta({ id: 'PlanSummary' });
export const PlanList = listOf(PlanSummary).meta({ id: 'PlanList' });
export const PlanListQuery = z.object({
  issuer: Code.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  limit: Limit,
  cursor: Cursor,
});
export const PlanIdParam = z.object({ id: z.string().max(64) });
export const DeriveBody = z.strictObject({ issuer: Code }).meta({ id: 'DeriveRequest' });
export const ActivateResult = z.object({
  obligations: z.number().int().meta({ description: 'obligations the plan has after activation' }),
  created: z.number().int().meta({ description: 'of which created by this call (0 when it was already active)' }),
  status: z.enum(PLAN_STATUSES),
}).meta({ id: 'ActivateResult' });

export const PlanPreview = z.object({
  obligations: z.number().int().meta({ description: 'obligations activation would make' }),
  schedules: z.array(z.object({
    id: z.string(), code: z.string(), name: z.string(), units: z.number().int(), obligations: z.number().int(),
    firstDeadlines: z.array(z.object({ period: z.string(), periodLabel: z.string(), dueAt: Instant, deadline: z.string() })),
    reminders: z.string().meta({ description: 'when the units are reminded, in words ("nhắc trước hạn 7 ngày và 1 ngày; khi quá hạn, nhắc sau 1 ngày")' }),
  })),
}).meta({ id: 'PlanPreview' });

export const HolidayYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const Holidays = z.strictObject({
  holidays: z.array(z.strictObject({ date: LocalDate, name: z.string().trim().min(1).max(200) })).max(60),
}).meta({ id: 'Holidays' });

export const OBLIGATION_STATUSES = ['open', 'overdue', 'submitted', 'returned', 'accepted', 'cancelled'] as const;
export const Obligation = z.object({
  id: z.string(),
  unit: z.string(),
  unitName: z.string(),
  plan: z.string(),
  schedule: z.string(),
  scheduleCode: z.string(),
  scheduleName: z.string().meta({ description: 'the schedule as people name it, e.g. "Báo cáo 6 tháng"' }),
  period: z.string(),
  periodLabel: z.string().meta({ description: 'the period as people read it, e.g. "6 tháng đầu năm 2026"' }),
  dueAt: Instant,
  deadline: z.string().meta({ description: 'the deadline in words, e.g. "chậm nhất 23:59 ngày 14/05/2021"' }),
  status: z.enum(OBLIGATION_STATUSES),
  onTime: z.boolean().nullable(),
  submittedAt: Instant.nullable(),
  returnReason: z.string().nullable().meta({ description: 'why the report was sent back, while it is returned' }),
}).meta({ id: 'Obligation' });
export type Obligation = z.infer<typeof Obligation>;
export const ObligationList = listOf(Obligation).meta({ id: 'ObligationList' });
export const ObligationQuery = z.object({
  unit: Code.optional(),
  plan: z.string().max(64).optional(),
  schedule: z.string().max(64).optional(),
  status: z.enum(OBLIGATION_STATUSES).optional(),
  period: z.string().max(10).optional(),
  dueBefore: Instant.optional(),
  dueAfter: Instant.optional(),
  limit: Limit,
  cursor: Cursor,
});

/**
 * What POST /v1/plans/extract proposes: a plan holding only what its text states. Items keep their shape, but a
 * schedule may still lack its due rule, its units or its recipient, and a task its assignees; each such gap is
 * named in `unresolved`, never guessed.
 */
const DraftSchedule = Schedule.partial({ due: true, reportTo: true, appliesTo: true });
const DraftTask = Task.partial({ assignees: true });
export const PlanDraft = z
  .strictObject({ ...planFields, tasks: z.array(DraftTask).max(500), indicators: z.array(Indicator).max(500), schedules: z.array(DraftSchedule).max(50) })
  .partial()
  .meta({ id: 'PlanDraft' });
export type PlanDraft = z.infer<typeof PlanDraft>;
export const ExtractFinding = z.object({
  path: z.string().meta({ description: 'where in the draft, e.g. "schedules[1].due"' }),
  text: z.string().meta({ description: 'the words of the plan the value came from' }),
  start: z.number().int().meta({ description: 'character offset of `text` in the text as received (or as read from the .docx)' }),
  end: z.number().int(),
});
export const ExtractUnresolved = z.object({
  path: z.string(),
  text: z.string().meta({ description: 'what the plan says there' }),
  message: z.string().meta({ description: 'what could not be filled, in Vietnamese' }),
});
export const PlanExtract = z
  .object({
    draft: PlanDraft, findings: z.array(ExtractFinding), unresolved: z.array(ExtractUnresolved),
    text: z.string().optional().meta({ description: 'the text the offsets point into (for a .docx, the text read from it)' }),
  })
  .meta({ id: 'PlanExtract' });
export type PlanExtract = z.infer<typeof PlanExtract>;
export const ExtractBody = z.strictObject({ text: z.string().max(1_000_000) }).meta({ id: 'ExtractRequest' });
export const ExtractQuery = z.object({ issuer: Code.optional() });
