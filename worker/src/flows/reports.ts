/** Reports: saving and submitting (versions, retries, idempotency, receipts, outliers, events), reading, review, compile upward. */
import type { ReportPut, ReportReceipt } from '../../../schemas';
import { formatDeadline, formatNumber, periodLabel } from '../../../schemas/labels';
import { checkReport } from '../../../schemas/report-check';
import { auditStatement } from '../db/audit';
import { derivedPlanOf } from '../db/plans';
import {
  contextPlan,
  contextReport,
  contextSchedule,
  getObligationContext,
  getSubmissionContext,
  getVersion,
  idempotencyStatement,
  listReportEvents,
  listVersions,
  reviewStatements,
  saveStatements,
  type ObligationContext,
  type ReportRow,
  type StoredResponse,
  type ValueHistory,
} from '../db/reports';
import { eventIds, reportEvent } from '../domain/events';
import { obligationStatus, submittedOnTime } from '../domain/obligations';
import { outlierWarnings, type OutlierWarning } from '../domain/outliers';
import { nextReminderAfter } from '../domain/reminders';
import { zoneOf, type Env } from '../env';
import { badRequest, conflict, notFound, t, unprocessable } from '../errors';
import { sha256Hex } from '../ids';
import { assertCanSee, assertMayReviewReport, assertMayWriteReport, type Principal } from '../policy';
import { computeRollup } from './rollups';
import { commitWithEvents } from './deliveries';

export type ReportKey = { unit: string; scheduleId: string; period: string };

const noReport = (k: ReportKey) =>
  notFound(t(`${k.unit} owes no report for schedule ${k.scheduleId}, period ${k.period}.`, `Đơn vị ${k.unit} không có kỳ báo cáo ${periodLabel(k.period)} theo chế độ ${k.scheduleId}.`));

/** The obligation behind a report route, if it exists (404) and the caller may see its unit (403). */
export async function reportContext(env: Env, p: Principal, k: ReportKey): Promise<ObligationContext> {
  const o = await getObligationContext(env.DB, k.unit, k.scheduleId, k.period);
  if (!o) throw noReport(k);
  assertCanSee(p, { code: o.unit_code, path: o.unit_path });
  return o;
}

function receipt(o: ObligationContext, report: Pick<ReportRow, 'status' | 'current_version'>, tz: string, times: { first: string | null; last: string | null }, warnings: OutlierWarning[]): ReportReceipt {
  return {
    reportId: `rp_${o.id}`,
    version: report.current_version,
    status: report.status,
    submittedAt: times.last,
    onTime: submittedOnTime(times.first, o.due_at),
    dueAt: o.due_at,
    deadline: formatDeadline(o.due_at, tz),
    period: o.period,
    periodLabel: periodLabel(o.period),
    warnings,
  };
}

/** A report is written only while it is owed: not for a closed unit, not once cancelled or accepted. */
function assertWritable(o: ObligationContext) {
  if (o.unit_closed) {
    throw conflict(t(`${o.unit_code} has closed in a reorganisation; its reports can be read but no longer written.`,
      `Đơn vị ${o.unit_name} đã kết thúc hoạt động sau sắp xếp đơn vị hành chính; báo cáo cũ vẫn xem được nhưng không nhập thêm được.`));
  }
  if (o.state === 'cancelled') throw conflict(t('This report is no longer owed (cancelled by a reorganisation).', 'Kỳ báo cáo này không còn phải nộp (đã hủy do sắp xếp đơn vị hành chính).'));
}

const UNIQUE_FAILURE = /UNIQUE constraint failed|SQLITE_CONSTRAINT/i;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Save = {
  content: { values: unknown[]; tasks: unknown[] };
  submit: boolean;
  ifMatch?: string;
  key?: { key: string; hash: string };
  history?: ValueHistory;
  defer?: (work: Promise<unknown>) => void;
};

/**
 * Writes one new version. The version row's primary key is the optimistic lock: a writer that loses a race backs off,
 * re-reads and writes again, so racing writers without If-Match each land as their own version (DESIGN §13); only a
 * stale If-Match is a 409. A racing request with the same Idempotency-Key gets the winner's answer.
 */
async function saveReport(env: Env, p: Principal, first: ObligationContext, save: Save): Promise<{ receipt: ReportReceipt; replayed?: StoredResponse }> {
  const tz = zoneOf(env);
  let o = first;
  for (let attempt = 0; attempt < 80; attempt++) {
    if (attempt > 0) {
      await sleep(Math.random() * Math.min(100, 4 * 1.5 ** attempt));
      const again = await getObligationContext(env.DB, o.unit_code, o.schedule_id, o.period, save.key?.key ?? null);
      if (!again) throw noReport({ unit: o.unit_code, scheduleId: o.schedule_id, period: o.period });
      if (save.key && again.idem_hash !== null) return { receipt: JSON.parse(again.idem_response!), replayed: { request_hash: again.idem_hash, status: again.idem_status!, response_json: again.idem_response! } };
      o = again;
    }
    const current = contextReport(o);
    const currentVersion = current?.current_version ?? 0;
    if (save.ifMatch !== undefined && save.ifMatch !== String(currentVersion)) {
      throw conflict(t(`The report is at version ${currentVersion}, not ${save.ifMatch}; reload it before saving.`, `Báo cáo đang ở phiên bản ${currentVersion}, không phải ${save.ifMatch}; hãy tải lại trước khi lưu.`));
    }
    if (current?.status === 'accepted') {
      throw conflict(t('This report has been accepted; a manager must return it before it can change.', 'Báo cáo đã được tiếp nhận; cần cấp trên trả lại thì mới sửa được.'));
    }
    const plan = contextPlan(o);
    const checked = checkReport(plan, save.content as ReportPut, save.submit);
    const { rows, warnings } = save.submit && save.history
      ? outlierWarnings(checked.values, save.history, new Map(plan.indicators.map((i) => [i.code, i.name])))
      : { rows: checked.values.map((v) => ({ ...v, outlier: 0 as const })), warnings: [] };
    const now = new Date();
    const at = now.toISOString();
    const version = currentVersion + 1;
    const status = save.submit ? 'submitted' : (current?.status ?? 'draft');
    const times = save.submit ? { first: o.first_submitted_at ?? at, last: at } : { first: o.first_submitted_at, last: o.submitted_at };
    const response = receipt(o, { status, current_version: version }, tz, times, warnings);
    const statements = [
      ...saveStatements(env.DB, o, { version, submit: save.submit, at, actor: p.actor, body: save.content, values: rows, warnings }),
      auditStatement(env.DB, p, now, {
        action: save.submit ? 'report.submit' : 'report.save', entityType: 'report', entityId: String(o.id), unit: o.unit_code,
        before: current ? { version: currentVersion, status: current.status } : undefined,
        after: { version, status, onTime: response.onTime },
      }),
      ...(save.key ? [idempotencyStatement(env.DB, o.unit_code, save.key.key, save.key.hash, 200, response, at)] : []),
    ];
    const events = save.submit
      ? [reportEvent(o, contextSchedule(o), plan, tz, { type: 'report.submitted', id: eventIds.submitted(o.id, version), at, extra: { version, submittedAt: at, onTime: response.onTime } })]
      : [];
    try {
      // A slow or failing subscriber never slows a submission: the queue is told after the response.
      await commitWithEvents(env, statements, events, save.defer);
      return { receipt: response };
    } catch (e) {
      if (!UNIQUE_FAILURE.test(String((e as Error).message))) throw e;
      if (save.ifMatch !== undefined) throw conflict(t('Someone saved this report at the same moment; reload it before saving.', 'Có người vừa lưu báo cáo này cùng lúc; hãy tải lại trước khi lưu.'));
    }
  }
  throw conflict(t('The report is being saved by many writers at once; try again.', 'Báo cáo đang được nhiều người lưu cùng lúc; hãy thử lại.'));
}

function replay(stored: StoredResponse, hash: string): { status: number; body: ReportReceipt; replayed: true } {
  if (stored.request_hash !== hash) {
    throw unprocessable(t('This Idempotency-Key was already used with a different body; use a new key for a new request.',
      'Khóa gửi (Idempotency-Key) này đã dùng cho một nội dung khác; hãy dùng khóa mới cho lần gửi mới.'));
  }
  return { status: stored.status, body: JSON.parse(stored.response_json) as ReportReceipt, replayed: true };
}

/**
 * PUT of a report (DESIGN §6, §13): the same Idempotency-Key with the same body replays the first answer without a
 * new version; values are checked against the plan (every problem in one 400); a submission is judged against the
 * unit's history and its peers (warnings, never a refusal).
 */
export async function putReport(
  env: Env, p: Principal, k: ReportKey, body: ReportPut,
  opts: { path: string; key?: string; ifMatch?: string; defer: (work: Promise<unknown>) => void },
): Promise<{ status: number; body: ReportReceipt; replayed: boolean }> {
  const { o, history } = await getSubmissionContext(env.DB, k.unit, k.scheduleId, k.period, opts.key ?? null);
  if (!o) throw noReport(k);
  assertCanSee(p, { code: o.unit_code, path: o.unit_path });
  assertMayWriteReport(p, o.unit_code);
  const hash = opts.key ? await sha256Hex(`PUT ${opts.path}\n${JSON.stringify(body)}`) : '';
  if (opts.key && o.idem_hash !== null) return replay({ request_hash: o.idem_hash, status: o.idem_status!, response_json: o.idem_response! }, hash);
  assertWritable(o);
  const checked = checkReport(contextPlan(o), body, body.submit);
  if (checked.problems.length) {
    throw badRequest(t(`The report has ${checked.problems.length} problem(s), listed in errors; nothing was saved.`, `Báo cáo có ${checked.problems.length} lỗi (xem danh sách); chưa lưu gì.`), checked.problems);
  }
  const saved = await saveReport(env, p, o, {
    content: { values: body.values, tasks: body.tasks }, submit: body.submit, ifMatch: opts.ifMatch,
    key: opts.key ? { key: opts.key, hash } : undefined, history, defer: opts.defer,
  });
  if (saved.replayed) return replay(saved.replayed, hash);
  return { status: 200, body: saved.receipt, replayed: false };
}

/** A saved version of a report in scope (the latest unless asked), or a 404 that says which versions there are. */
export async function reportVersion(env: Env, p: Principal, k: ReportKey, versionAsked: number | undefined) {
  const o = await reportContext(env, p, k);
  const report = contextReport(o);
  if (!report) throw notFound(t(`${o.unit_code} has not saved this report yet.`, `Đơn vị ${o.unit_name} chưa lưu báo cáo này.`));
  const n = versionAsked ?? report.current_version;
  const v = await getVersion(env.DB, o.id, n);
  if (!v) throw notFound(t(`Version ${n} does not exist; the latest is ${report.current_version}.`, `Không có phiên bản ${n}; phiên bản mới nhất là ${report.current_version}.`));
  return { o, report, n, v };
}

/** A version of a report (the latest unless asked), with its receipt, the obligation's status and the return reason. */
export async function readReport(env: Env, p: Principal, k: ReportKey, versionAsked: number | undefined) {
  const { o, report, v } = await reportVersion(env, p, k, versionAsked);
  const content = JSON.parse(v.body_json) as { values: ReportPut['values']; tasks: ReportPut['tasks'] };
  const warnings = v.warnings_json ? (JSON.parse(v.warnings_json) as OutlierWarning[]) : [];
  return {
    ...receipt(o, report, zoneOf(env), { first: o.first_submitted_at, last: o.submitted_at }, warnings),
    version: v.version,
    unit: o.unit_code, plan: o.plan_id, schedule: o.schedule_id, scheduleCode: o.schedule_code,
    obligationStatus: obligationStatus(o, new Date()),
    returnReason: o.state === 'returned' ? o.return_reason : null,
    versionSubmitted: v.submitted === 1,
    versionCreatedAt: v.created_at,
    latestVersion: report.current_version,
    values: content.values,
    tasks: content.tasks,
  };
}

/** Every version and every return and acceptance, with their reasons. */
export async function reportHistory(env: Env, p: Principal, k: ReportKey) {
  const o = await reportContext(env, p, k);
  const [versions, events] = await Promise.all([listVersions(env.DB, o.id), listReportEvents(env.DB, o.id)]);
  if (versions.length === 0) throw notFound(t(`${o.unit_code} has not saved this report yet.`, `Đơn vị ${o.unit_name} chưa lưu báo cáo này.`));
  return {
    versions: versions.map((v) => ({ version: v.version, submitted: v.submitted === 1, createdAt: v.created_at, actor: v.actor })),
    events: events.map((e) => ({ action: e.action, at: e.at, actor: e.actor, reason: e.reason })),
    returnReason: o.state === 'returned' ? o.return_reason : null,
  };
}

/**
 * Return (with a reason: the unit must resubmit, and its reminders resume) or accept (locked until returned), by a
 * manager above the unit or of a unit it reports to.
 */
export async function reviewReport(env: Env, p: Principal, k: ReportKey, action: 'return' | 'accept', reason: string | null, defer: (work: Promise<unknown>) => void) {
  const o = await reportContext(env, p, k);
  assertMayReviewReport(p, { unitPath: o.unit_path, recipients: [contextSchedule(o).reportTo].flat() });
  const report = contextReport(o);
  const allowed = action === 'return' ? ['submitted', 'accepted'] : ['submitted'];
  if (!report || !allowed.includes(report.status)) {
    const status = report?.status ?? 'not saved yet';
    throw conflict(action === 'return'
      ? t(`Only a submitted or accepted report can be returned; this one is ${status}.`, 'Chỉ trả lại được báo cáo đã nộp hoặc đã tiếp nhận.')
      : t(`Only a submitted report can be accepted; this one is ${status}.`, 'Chỉ tiếp nhận được báo cáo đã nộp.'));
  }
  const to = action === 'return' ? 'returned' : 'accepted';
  const now = new Date();
  const at = now.toISOString();
  const tz = zoneOf(env);
  const schedule = contextSchedule(o);
  const nextReminderAt = to === 'returned' ? nextReminderAfter(new Date(o.due_at), now, schedule.reminders ?? {}) : null;
  const event = reportEvent(o, schedule, contextPlan(o), tz, {
    type: `report.${to}`, id: eventIds.reviewed(action, o.id, report.current_version), at, extra: { reason, version: report.current_version },
  });
  await commitWithEvents(env, [
    ...reviewStatements(env.DB, o.id, { to, at, reason, nextReminderAt }),
    auditStatement(env.DB, p, now, { action: `report.${action}`, entityType: 'report', entityId: String(o.id), unit: o.unit_code,
      before: { status: report.status }, after: { status: to, ...(reason ? { reason } : {}) } }),
  ], [event], defer);
  return receipt(o, { ...report, status: to }, tz, { first: o.first_submitted_at, last: o.submitted_at }, []);
}

/**
 * Compile upward: a district's report to the city, pre-filled from the roll-up of its wards' reports under the plan
 * it derived for them. Indicators are matched by code; counts and numbers take the aggregate, rates the summed
 * numerator and denominator; each value notes how many units it comes from. Saved as a draft for review.
 */
export async function compileReport(env: Env, p: Principal, k: ReportKey) {
  const o = await reportContext(env, p, k);
  assertMayWriteReport(p, o.unit_code);
  assertWritable(o);
  const derived = await derivedPlanOf(env.DB, o.plan_id, o.unit_code);
  if (!derived) {
    throw conflict(t(`${o.unit_code} has no active plan based on this one to compile from; derive it for your units and activate it first.`,
      `Đơn vị chưa có kế hoạch triển khai (dựa trên kế hoạch này) đang hiệu lực để tổng hợp; hãy tạo và ban hành kế hoạch cho các đơn vị trực thuộc trước.`));
  }
  const rollup = await computeRollup(env, derived, o.period, { code: o.unit_code, name: o.unit_name }, null);
  const byCode = new Map(rollup.indicators.map((i) => [i.code, i]));
  const c = rollup.completeness;
  const source = `Tổng hợp từ ${c.submitted}/${c.expected} báo cáo của các đơn vị trực thuộc`;
  const values = contextPlan(o).indicators.flatMap((ind): ReportPut['values'] => {
    const r = byCode.get(ind.code);
    if (!r || r.unitsReporting === 0 || r.kind !== ind.kind) return [];
    // an average of counts (4,5 lớp) is exact in the roll-up; the unit's own report takes a count, so the nearest whole
    // one, with the exact average in the note for the reviewer
    if (ind.kind === 'count' && r.value !== null && !Number.isInteger(r.value)) {
      const whole = Math.round(r.value);
      return [{ indicator: ind.code, value: whole, note: `${source}; trung bình ${formatNumber(r.value)}, làm tròn thành ${formatNumber(whole)}` }];
    }
    if (ind.kind === 'count' || ind.kind === 'number') return [{ indicator: ind.code, value: r.value, note: source }];
    if (ind.kind === 'percent' || ind.kind === 'ratio') return [{ indicator: ind.code, numerator: r.numerator, denominator: r.denominator, note: source }];
    return [];
  });
  return (await saveReport(env, p, o, { content: { values, tasks: [] }, submit: false })).receipt;
}

