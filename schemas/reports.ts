import { z } from 'zod';
import { Code, Instant } from './common';
import { OBLIGATION_STATUSES } from './plans';

// Loose on purpose: kinds and ranges are checked against the plan in one pass (domain/reports.ts),
// so one 400 lists every bad value with a message that says what to enter.
export const ReportValue = z.strictObject({
  indicator: z.string().max(40),
  value: z.union([z.number(), z.boolean(), z.string().max(2000), z.null()]).optional(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
}).meta({ id: 'ReportValue' });
export const ReportTask = z.strictObject({
  task: z.string().max(40),
  status: z.enum(['not_started', 'in_progress', 'done']).nullable().optional(),
  result: z.string().max(5000).nullable().optional(),
  difficulties: z.string().max(5000).nullable().optional(),
  proposals: z.string().max(5000).nullable().optional(),
}).meta({ id: 'ReportTask' });

export const ReportPut = z.strictObject({
  values: z.array(ReportValue).max(1000).default([]),
  tasks: z.array(ReportTask).max(500).default([]),
  submit: z.boolean().default(false).meta({ description: 'false saves a draft; true submits' }),
}).meta({ id: 'ReportPut' });
export type ReportPut = z.infer<typeof ReportPut>;

export const ReportParams = z.object({ unit: Code, scheduleId: z.string().max(64), period: z.string().max(10) });
export const ReportQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const ReportReceipt = z.object({
  reportId: z.string(),
  version: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  submittedAt: Instant.nullable(),
  onTime: z.boolean().nullable(),
  dueAt: Instant,
  deadline: z.string(),
}).meta({ id: 'ReportReceipt' });
export type ReportReceipt = z.infer<typeof ReportReceipt>;

export const Report = ReportReceipt.extend({
  unit: z.string(),
  plan: z.string(),
  schedule: z.string(),
  scheduleCode: z.string(),
  period: z.string(),
  obligationStatus: z.enum(OBLIGATION_STATUSES),
  versionSubmitted: z.boolean().meta({ description: 'whether the version shown was a submission or a saved draft' }),
  versionCreatedAt: Instant,
  latestVersion: z.number().int(),
  values: z.array(ReportValue),
  tasks: z.array(ReportTask),
}).meta({ id: 'Report' });

export const ReportHistory = z.object({
  versions: z.array(z.object({ version: z.number().int(), submitted: z.boolean(), createdAt: Instant, actor: z.string() })),
  events: z.array(z.object({ action: z.string(), at: Instant, actor: z.string(), reason: z.string().nullable() })),
}).meta({ id: 'ReportHistory' });

export const ReturnBody = z.strictObject({ reason: z.string().trim().min(1, 'say what to fix').max(2000) }).meta({ id: 'ReturnRequest' });

export const RollupQuery = z.object({
  plan: z.string().max(64),
  period: z.string().max(10),
  unit: Code.optional(),
  schedule: z.string().max(64).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export const Completeness = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  returned: z.number().int(),
  missing: z.array(z.string()).meta({ description: 'codes of units that have not submitted (including returned reports)' }),
});
export const RollupIndicator = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  target: z.object({ op: z.string(), value: z.number() }).nullable(),
  met: z.boolean().nullable(),
  unitsReporting: z.number().int(),
  unitsMeetingTarget: z.number().int().nullable(),
  texts: z.array(z.object({ unit: z.string(), text: z.string() })).optional(),
});
export type RollupNode = {
  unit: string;
  name: string;
  period: string;
  completeness: z.infer<typeof Completeness>;
  indicators: z.infer<typeof RollupIndicator>[];
  children?: RollupNode[];
};
export const Rollup: z.ZodType<RollupNode> = z.object({
  unit: z.string(),
  name: z.string(),
  period: z.string(),
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
