import { z } from 'zod';
import { Code, Instant } from './common';
import { LIMITS, TASK_STATUSES } from './limits';
import { said } from './text';
import { OBLIGATION_STATUSES } from './plans';

// Loose on purpose: kinds and ranges are checked against the plan in one pass (schemas/report-check.ts), so one 400
// lists every bad value with a message that says what to enter. Three states of an answer (DESIGN §13): a value,
// no data (absent or empty), or not applicable (`na: true` with the `note` saying why).
export const ReportValue = z.strictObject({
  indicator: z.string().max(LIMITS.itemCode),
  value: z.union([z.number(), z.boolean(), z.string().max(LIMITS.text), z.null()]).optional(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  na: z.boolean().optional().meta({ description: 'not applicable to this unit; `note` must say why' }),
  note: z.string().max(LIMITS.note).nullable().optional(),
}).meta({ id: 'ReportValue' });
export const ReportTask = z.strictObject({
  task: z.string().max(LIMITS.itemCode),
  status: z.enum(TASK_STATUSES).nullable().optional(),
  result: z.string().max(LIMITS.taskText).nullable().optional(),
  difficulties: z.string().max(LIMITS.taskText).nullable().optional(),
  proposals: z.string().max(LIMITS.taskText).nullable().optional(),
}).meta({ id: 'ReportTask' });

export const ReportPut = z.strictObject({
  values: z.array(ReportValue).max(LIMITS.values).default([]),
  tasks: z.array(ReportTask).max(LIMITS.tasks).default([]),
  submit: z.boolean().default(false).meta({ description: 'false saves a draft; true submits' }),
}).meta({ id: 'ReportPut' });
export type ReportPut = z.infer<typeof ReportPut>;
export type ReportValue = z.infer<typeof ReportValue>;
export type ReportTask = z.infer<typeof ReportTask>;

export const ReportParams = z.object({ unit: Code, scheduleId: z.string().max(64), period: z.string().max(10) });
export const ReportQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const Warning = z.object({ indicator: z.string(), message: z.string().meta({ description: 'in Vietnamese' }) }).meta({ id: 'Warning' });
export const ReportReceipt = z.object({
  reportId: z.string(),
  version: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  submittedAt: Instant.nullable(),
  onTime: z.boolean().nullable(),
  dueAt: Instant,
  deadline: z.string(),
  period: z.string(),
  periodLabel: z.string().meta({ description: 'the period as people read it, e.g. "Quý III/2026"' }),
  warnings: z.array(Warning).meta({ description: 'values far from the unit\'s own history or its peers: accepted, and flagged for review' }),
}).meta({ id: 'ReportReceipt' });
export type ReportReceipt = z.infer<typeof ReportReceipt>;

export const Report = ReportReceipt.extend({
  unit: z.string(),
  plan: z.string(),
  schedule: z.string(),
  scheduleCode: z.string(),
  obligationStatus: z.enum(OBLIGATION_STATUSES),
  returnReason: z.string().nullable().meta({ description: 'why the report was last sent back, while it is returned' }),
  versionSubmitted: z.boolean().meta({ description: 'whether the version shown was a submission or a saved draft' }),
  versionCreatedAt: Instant,
  latestVersion: z.number().int(),
  values: z.array(ReportValue),
  tasks: z.array(ReportTask),
}).meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

export const ReportHistory = z.object({
  versions: z.array(z.object({ version: z.number().int(), submitted: z.boolean(), createdAt: Instant, actor: z.string() })),
  events: z.array(z.object({ action: z.string(), at: Instant, actor: z.string(), reason: z.string().nullable() })),
  returnReason: z.string().nullable(),
}).meta({ id: 'ReportHistory' });

export const ReturnBody = z.strictObject({ reason: z.string().trim().min(1, said('say what to fix', 'hãy ghi lý do trả lại để đơn vị biết cần sửa gì')).max(LIMITS.reason) }).meta({ id: 'ReturnRequest' });

export const RollupQuery = z.object({
  plan: z.string().max(64),
  period: z.string().max(10),
  unit: Code.optional(),
  schedule: z.string().max(64).optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'docx']).optional(),
  locale: z.enum(['vi']).optional().meta({ description: 'with format=csv: ";" between cells and "," as the decimal mark, for Excel under Vietnamese settings' }),
  compare: z.enum(['previousYear']).optional().meta({ description: 'add each indicator\'s value for the same period a year earlier ("so với cùng kỳ")' }),
});
export const Completeness = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  returned: z.number().int(),
  missing: z.array(z.string()).meta({ description: 'codes of units that have not submitted (including returned reports)' }),
});
export const PreviousValue = z.object({
  period: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  approximate: z.boolean().meta({ description: 'true where a commune split between several new ones took part (counted whole for each)' }),
});
export const RollupIndicator = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  aggregation: z.enum(['sum', 'avg', 'min', 'max', 'ratio', 'share', 'list']).meta({ description: 'how units\' values combine: sum/avg/min/max of a count or number, ratio of the summed numerators and denominators, share of yes answers, list of texts' }),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.object({ op: z.string(), value: z.number() }).nullable(),
  met: z.boolean().nullable(),
  unitsReporting: z.number().int().meta({ description: 'units with a value' }),
  unitsNotApplicable: z.number().int().meta({ description: 'units that answered "not applicable"' }),
  unitsMeetingTarget: z.number().int().nullable(),
  outliers: z.number().int().meta({ description: 'submitted values flagged as far from their history or peers' }),
  texts: z.array(z.object({ unit: z.string(), text: z.string() })).optional(),
  previous: PreviousValue.optional(),
});
export type RollupNode = {
  unit: string;
  name: string;
  period: string;
  periodLabel: string;
  completeness: z.infer<typeof Completeness>;
  indicators: z.infer<typeof RollupIndicator>[];
  children?: RollupNode[];
};
export const Rollup: z.ZodType<RollupNode> = z.object({
  unit: z.string(),
  name: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  completeness: Completeness,
  indicators: z.array(RollupIndicator),
  get children() {
    return z.array(Rollup).optional();
  },
}).meta({ id: 'Rollup' });

export const ScoreParams = z.object({ unit: Code, planId: z.string().max(64), period: z.string().max(10) });
export const ScorePut = z.strictObject({
  criteria: z.array(z.strictObject({ code: z.string().max(40), points: z.number().min(0) })).min(1).max(100),
}).meta({ id: 'ScorePut' });
export const UnitScore = z.object({
  unit: z.string(),
  name: z.string(),
  rank: z.number().int(),
  total: z.number(),
  max: z.number(),
  criteria: z.array(z.object({ code: z.string(), points: z.number() })),
}).meta({ id: 'UnitScore' });
export const ScoreQuery = z.object({ plan: z.string().max(64), period: z.string().max(10), unit: Code.optional() });
export const ScoreList = z.object({ items: z.array(UnitScore), nextCursor: z.null() }).meta({ id: 'ScoreList' });

/** `Idempotency-Key` (the same key and body replay the first answer) and `If-Match: <version>` on a report's PUT. */
export const ReportPutHeaders = z.object({
  'idempotency-key': z.string().min(1).max(LIMITS.idempotencyKey).optional().meta({ description: 'kept per unit for at least 24 hours; the same key with another body is 422' }),
  'if-match': z.string().regex(/^"?\d{1,9}"?$/).optional().meta({ description: 'the version you read (0 before the first save); a mismatch is 409' }),
});

/** A report's Word document: a version (the latest unless asked) and, for a signed link, its signature. */
export const DocumentQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  by: z.string().max(64).optional(),
  expires: z.coerce.number().int().optional(),
  signature: z.string().max(100).optional(),
});
export const DocumentLinkBody = z.strictObject({ version: z.number().int().min(1).optional() }).meta({ id: 'DocumentLinkRequest' });
export const DocumentLink = z.object({
  url: z.string().meta({ description: 'opens the document without a token until expiresAt' }),
  expiresAt: Instant,
}).meta({ id: 'DocumentLink' });
export type DocumentLink = z.infer<typeof DocumentLink>;
