// The document builders of worker/src/domain/documents on their own, in this Node process: the same view models
// worker/src/flows/documents.ts makes from a roll-up or a report (mapped here from what the API answered, with the
// same labels), so their CPU cost can be read apart from HTTP and D1. Node and workerd run the same V8.
import type { Indicator, PlanInput, ReportPut, RollupNode } from '../schemas';
import { formatDateTime, formatDeadline, localDate, periodLabel, scheduleLabel, STATUS_LABEL, targetLabel, TASK_STATUS_LABEL } from '../schemas/labels';
import { checkReport } from '../schemas/report-check';
import {
  aggregateText, answerText, cellsOf, numberLine, officialForm, reportDocx, rollupXlsx, type FormUnit, type IndicatorRowView, type ReportDocumentModel, type RollupWorkbookModel,
} from '../worker/src/domain/documents';

const TZ = 'Asia/Ho_Chi_Minh';


/** A commune's report as GET …/document lays it out: every indicator, its target and whether it is met. */
export function reportModel(unit: FormUnit, parent: FormUnit, plan: PlanInput, body: ReportPut, period: string): ReportDocumentModel {
  const form = officialForm(unit, parent);
  const met = new Map(checkReport(plan as Parameters<typeof checkReport>[0], body, false).values.map((r) => [r.indicator, r.met]));
  const byIndicator = new Map(body.values.map((x) => [x.indicator, x]));
  const byTask = new Map(body.tasks.map((x) => [x.task, x]));
  return {
    form, numberLine: numberLine(form), date: localDate(new Date(), TZ), documentType: 'BÁO CÁO',
    summary: `Kết quả thực hiện Kế hoạch số ${plan.number} — ${periodLabel(period)}`,
    opening: `${unit.name} báo cáo ${scheduleLabel({ periodType: 'quarter' }).toLowerCase()} ${periodLabel(period).toLowerCase()} theo Kế hoạch số ${plan.number} "${plan.title}" như sau:`,
    tasks: plan.tasks.map((task) => {
      const x = byTask.get(task.code);
      return { title: task.title, status: x?.status ? TASK_STATUS_LABEL[x.status] ?? '' : '', result: x?.result ?? '', difficulties: x?.difficulties ?? '', proposals: x?.proposals ?? '' };
    }),
    indicators: (plan.indicators as Indicator[]).map((ind): IndicatorRowView => {
      const m = met.get(ind.code);
      return { name: ind.name, unit: ind.unit ?? '', value: answerText(ind, byIndicator.get(ind.code)), target: ind.target ? targetLabel(ind.target, ind.kind, ind.unit) : '', met: m === undefined || m === null ? null : m === 1 };
    }),
    closing: `Trên đây là báo cáo ${periodLabel(period).toLowerCase()} của ${unit.name}.`,
    recipients: ['Việt Nam'],
  };
}

/** A district's compiled report (GET /v1/rollups?format=docx): completeness with the missing units by name, and every aggregate. */
export function compiledModel(unit: FormUnit, parent: FormUnit, plan: PlanInput, r: RollupNode, names: ReadonlyMap<string, string>): ReportDocumentModel {
  const form = officialForm(unit, parent);
  const c = r.completeness;
  return {
    form, numberLine: numberLine(form), date: localDate(new Date(), TZ), documentType: 'BÁO CÁO',
    summary: `Kết quả thực hiện Kế hoạch số ${plan.number} — ${r.periodLabel}`,
    opening: `${unit.name} tổng hợp báo cáo ${r.periodLabel.toLowerCase()} của các đơn vị theo Kế hoạch số ${plan.number} "${plan.title}" như sau:`,
    completeness: { expected: c.expected, submitted: c.submitted, onTime: c.onTime, late: c.late, missing: c.missing.map((m) => names.get(m) ?? m) },
    tasks: [],
    indicators: r.indicators.filter((i) => i.kind !== 'text').map((ind): IndicatorRowView => ({
      name: ind.name, unit: (plan.indicators as Indicator[]).find((d) => d.code === ind.code)?.unit ?? '', value: aggregateText(ind),
      target: ind.target ? targetLabel(ind.target, ind.kind) : '', met: ind.met, units: { meeting: ind.unitsMeetingTarget, reporting: ind.unitsReporting },
    })),
    closing: `Trên đây là báo cáo tổng hợp ${r.periodLabel.toLowerCase()} của ${unit.name}.`,
    recipients: ['Việt Nam'],
  };
}


/** The roll-up workbook (GET /v1/rollups?format=xlsx): a row per child, the totals, and who has reported. */
export function workbookModel(unitName: string, plan: PlanInput, r: RollupNode, owed: { name: string; state: string; dueAt: string }[]): RollupWorkbookModel {
  const now = new Date();
  return {
    planNumber: plan.number, planTitle: plan.title, period: r.periodLabel, unitName, exportedAt: formatDateTime(now, TZ),
    indicators: r.indicators.filter((i) => i.kind !== 'text').map((ind) => ({
      code: ind.code, name: ind.name, kind: ind.kind as Indicator['kind'], unit: (plan.indicators as Indicator[]).find((d) => d.code === ind.code)?.unit ?? '',
      target: ind.target ? targetLabel(ind.target, ind.kind) : '',
    })),
    rows: (r.children ?? []).map((ch) => ({ name: ch.name, cells: cellsOf(ch) })),
    totals: { name: `Tổng cộng: ${unitName}`, cells: cellsOf(r) },
    submissions: owed.map((o) => ({
      name: o.name, status: STATUS_LABEL[o.state] ?? '', deadline: formatDeadline(o.dueAt, TZ),
      submittedAt: o.state === 'submitted' ? formatDateTime(now, TZ) : '', onTime: o.state === 'submitted' ? 'Đúng hạn' : '',
    })),
  };
}

/** CPU (this process, user + system) and wall time of each call, in ms; the first call apart (it loads `docx`). */
export async function cpuSamples(n: number, fn: () => Promise<Uint8Array> | Uint8Array) {
  const one = async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const bytes = await fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { cpu: (c.user + c.system) / 1000, wall, bytes: bytes.length };
  };
  const first = await one();
  const rest: { cpu: number; wall: number; bytes: number }[] = [];
  for (let i = 0; i < n; i++) rest.push(await one());
  return { first, cpu: rest.map((x) => x.cpu), wall: rest.map((x) => x.wall), bytes: first.bytes };
}

export { reportDocx, rollupXlsx };
