/**
 * Documents people file (DESIGN §12): a report, or an issuer's compiled roll-up, as a Decree 30 .docx, and a
 * roll-up as an .xlsx — the report and roll-up mapped onto the builders' view models in the words a reader sees.
 */
import type { Indicator, ReportPut } from '../../../schemas';
import {
  byUnitName, formatDateTime, formatDeadline, formatNumber, formatPercent, localDate, onTimeLabel, periodLabel, periodPhrase,
  STATUS_LABEL, TASK_STATUS_LABEL, targetLabel,
} from '../../../schemas/labels';
import { checkReport } from '../../../schemas/report-check';
import { listObligations } from '../db/obligations';
import { contextPlan, contextReport, contextSchedule } from '../db/reports';
import { getUnit, loadStoredUnits, type UnitRow } from '../db/units';
import {
  aggregateText, answerText, cellsOf, numberLine, officialForm, reportDocx, speakerName, rollupXlsx, type FormUnit, type IndicatorRowView, type RollupWorkbookModel,
} from '../domain/documents';
import { obligationStatus, submittedOnTime } from '../domain/obligations';
import type { PlanDoc } from '../domain/plans';
import { zoneOf, type Env } from '../env';
import { notFound, t } from '../errors';
import { signLink } from '../auth';
import type { Principal } from '../policy';
import { reportContext, reportVersion, type ReportKey } from './reports';
import { rollup } from './rollups';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


const formUnit = (u: Pick<UnitRow, 'code' | 'name' | 'level'>): FormUnit => ({ code: u.code, name: u.name, level: u.level });

/** The issuing unit and its parent, as the header names them. */
async function issuerForm(env: Env, code: string) {
  const unit = await getUnit(env.DB, code);
  if (!unit) throw notFound(t(`No unit with code ${code}.`, `Không có đơn vị mã ${code}.`));
  const parent = unit.parent_code ? await getUnit(env.DB, unit.parent_code) : null;
  return { form: officialForm(formUnit(unit), parent ? formUnit(parent) : null), speaker: speakerName(formUnit(unit)) };
}

/** "Nơi nhận": the bodies the reports go to and the office they go through, in the plan's order. */
async function recipients(env: Env, schedules: PlanDoc['schedules']): Promise<string[]> {
  const codes = [...new Set(schedules.flatMap((s) => [...[s.reportTo].flat(), ...(s.via ? [s.via] : [])]))];
  const units = await loadStoredUnits(env.DB, codes);
  // by the body that receives: "Ủy ban nhân dân Quận 10", "Sở Nội vụ Thành phố Hồ Chí Minh"
  return codes.flatMap((c) => (units.get(c) ? [speakerName(formUnit(units.get(c)!))] : []));
}

/** "bao-cao-27163-2026Q3.docx" for every client, and the Vietnamese name in filename* for those that read it. */
export function attachment(asciiName: string, vietnameseName: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(vietnameseName)}`;
}

/** GET /v1/reports/…/document: a version of a report (the latest unless asked) as a Decree 30 .docx. */
export async function reportDocument(env: Env, p: Principal, k: ReportKey, versionAsked: number | undefined) {
  const { o, v } = await reportVersion(env, p, k, versionAsked);
  const plan = contextPlan(o);
  const schedule = contextSchedule(o);
  const tz = zoneOf(env);
  const body = JSON.parse(v.body_json) as { values: ReportPut['values']; tasks: ReportPut['tasks'] };
  const met = new Map(checkReport(plan, body, false).values.map((r) => [r.indicator, r.met]));
  const byIndicator = new Map(body.values.map((x) => [x.indicator, x]));
  const byTask = new Map(body.tasks.map((x) => [x.task, x]));
  const { form, speaker } = await issuerForm(env, o.unit_code);
  const within = periodPhrase(o.period);
  const indicators: IndicatorRowView[] = plan.indicators.map((ind) => {
    const value = byIndicator.get(ind.code);
    const m = met.get(ind.code);
    return {
      name: ind.name, unit: ind.unit ?? '', value: answerText(ind, value), target: ind.target ? targetLabel(ind.target, ind.kind, ind.unit) : '',
      met: m === undefined || m === null ? null : m === 1, ...(value?.note && !value.na ? { note: value.note } : {}),
    };
  });
  const model = {
    form, numberLine: numberLine(form), date: localDate(v.created_at, tz), documentType: 'BÁO CÁO',
    summary: `Kết quả thực hiện Kế hoạch số ${plan.number} — ${periodLabel(o.period)}`,
    opening: `${speaker} báo cáo kết quả thực hiện Kế hoạch số ${plan.number} "${plan.title}"${within ? ` ${within}` : ''} như sau:`,
    tasks: plan.tasks.map((task) => {
      const x = byTask.get(task.code);
      // a task the report says nothing about is said so, not left as a bare heading
      if (!x || (!x.status && !x.result && !x.difficulties && !x.proposals)) return { title: task.title, status: '', result: 'Chưa có nội dung báo cáo.', difficulties: '', proposals: '' };
      return { title: task.title, status: x.status ? TASK_STATUS_LABEL[x.status] ?? '' : '', result: x.result ?? '', difficulties: x.difficulties ?? '', proposals: x.proposals ?? '' };
    }),
    indicators,
    closing: `Trên đây là báo cáo kết quả thực hiện Kế hoạch số ${plan.number}${within ? ` ${within}` : ''} của ${speaker}./.`,
    recipients: await recipients(env, [schedule]),
  };
  return {
    bytes: await reportDocx(model),
    disposition: attachment(`bao-cao-${o.unit_code}-${o.period}.docx`, `Báo cáo ${o.unit_name} - ${periodLabel(o.period)}.docx`),
  };
}

/** The missing units of a roll-up by name, in the order people count them. */
async function missingNames(env: Env, codes: string[]): Promise<string[]> {
  const units = await loadStoredUnits(env.DB, codes);
  return byUnitName(codes.map((c) => ({ name: units.get(c)?.name ?? c }))).map((u) => u.name);
}

/** GET /v1/rollups?…&format=docx: the issuing unit's compiled report over its subtree. */
export async function rollupDocument(env: Env, p: Principal, q: Parameters<typeof rollup>[2]) {
  const { doc, root, rollup: r } = await rollup(env, p, q);
  const { form, speaker } = await issuerForm(env, root.code);
  const within = periodPhrase(q.period);
  const c = r.completeness;
  const model = {
    form, numberLine: numberLine(form), date: localDate(new Date(), zoneOf(env)), documentType: 'BÁO CÁO',
    summary: `Tổng hợp kết quả thực hiện Kế hoạch số ${doc.number} — ${r.periodLabel}`,
    opening: `${speaker} tổng hợp kết quả thực hiện Kế hoạch số ${doc.number} "${doc.title}"${within ? ` ${within}` : ''} của các đơn vị như sau:`,
    completeness: { expected: c.expected, submitted: c.submitted, onTime: c.onTime, late: c.late, missing: await missingNames(env, c.missing) },
    tasks: [],
    indicators: r.indicators.filter((i) => i.kind !== 'text').map((ind): IndicatorRowView => ({
      name: ind.name, unit: doc.indicators.find((d) => d.code === ind.code)?.unit ?? '', value: aggregateText(ind),
      target: ind.target ? targetLabel(ind.target, ind.kind) : '', met: ind.met,
      units: { meeting: ind.unitsMeetingTarget, reporting: ind.unitsReporting },
      ...(ind.previous ? { previous: ind.previous.value === null ? 'Chưa có số liệu' : `${ind.kind === 'percent' ? formatPercent(ind.previous.value) : formatNumber(ind.previous.value)}${ind.previous.approximate ? ' (ước tính)' : ''}` } : {}),
    })),
    closing: `Trên đây là báo cáo tổng hợp kết quả thực hiện Kế hoạch số ${doc.number}${within ? ` ${within}` : ''} của ${speaker}./.`,
    recipients: await recipients(env, doc.schedules),
  };
  return {
    bytes: await reportDocx(model),
    disposition: attachment(`tong-hop-${root.code}-${q.period}.docx`, `Tổng hợp ${root.name} - ${r.periodLabel}.docx`),
  };
}


/** GET /v1/rollups?…&format=xlsx: the roll-up as a workbook, with a sheet of who has reported. */
export async function rollupWorkbook(env: Env, p: Principal, q: Parameters<typeof rollup>[2]) {
  const { doc, plan, root, rollup: r } = await rollup(env, p, q);
  const tz = zoneOf(env);
  const now = new Date();
  const owed = await listObligations(env.DB, { rootPath: root.path, plan: plan.id, period: q.period, schedule: q.schedule, limit: 20_000 }, now);
  const compared = r.indicators.find((i) => i.previous)?.previous?.period;
  const model: RollupWorkbookModel = {
    planNumber: doc.number, planTitle: doc.title, period: r.periodLabel, unitName: root.name, exportedAt: formatDateTime(now, tz),
    ...(compared ? { previousPeriod: periodLabel(compared) } : {}),
    indicators: r.indicators.filter((i) => i.kind !== 'text').map((ind) => {
      const def = doc.indicators.find((d) => d.code === ind.code);
      return { code: ind.code, name: ind.name, kind: ind.kind as Indicator['kind'], unit: def?.unit ?? '', target: ind.target ? targetLabel(ind.target, ind.kind) : '' };
    }),
    rows: (r.children ?? []).map((ch) => ({ name: ch.name, cells: cellsOf(ch) })),
    totals: { name: `Tổng cộng: ${root.name}`, cells: cellsOf(r) },
    submissions: byUnitName(owed.map((o) => ({ ...o, name: o.unit_name }))).map((o) => ({
      name: o.unit_name,
      status: STATUS_LABEL[obligationStatus(o, now)] ?? '',
      deadline: formatDeadline(o.due_at, tz),
      submittedAt: o.submitted_at ? formatDateTime(o.submitted_at, tz) : '',
      onTime: onTimeLabel(submittedOnTime(o.first_submitted_at, o.due_at)),
    })),
  };
  return {
    bytes: rollupXlsx(model),
    disposition: attachment(`tong-hop-${root.code}-${q.period}.xlsx`, `Tổng hợp ${root.name} - ${r.periodLabel}.xlsx`),
  };
}

/** How long a download link works: long enough to open it, short enough that a forwarded link soon stops. */
const LINK_MINUTES = 15;

/** POST /v1/reports/…/document-link: a link that opens the document in a browser, acting as the caller, for 15 minutes. */
export async function documentLink(env: Env, p: Principal, k: ReportKey, origin: string, version: number | undefined) {
  const o = await reportContext(env, p, k);
  const report = contextReport(o);
  if (!report || (version !== undefined && version > report.current_version)) {
    throw notFound(t(`${o.unit_code} has no such version of this report yet.`, `Đơn vị ${o.unit_name} chưa có phiên bản này của báo cáo.`));
  }
  const path = `/v1/reports/${encodeURIComponent(k.unit)}/${encodeURIComponent(k.scheduleId)}/${encodeURIComponent(k.period)}/document`;
  const expires = Math.floor(Date.now() / 1000) + LINK_MINUTES * 60;
  const query = await signLink(env.ADMIN_TOKEN, path, p.actor, expires);
  return { url: `${origin}${path}?${version ? `version=${version}&` : ''}${query}`, expiresAt: new Date(expires * 1000).toISOString() };
}
