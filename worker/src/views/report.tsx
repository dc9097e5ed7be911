/** @jsxImportSource hono/jsx */
/**
 * A report as its reviewer reads it: everything the unit sent (indicators against their targets, "Không áp dụng"
 * with its note, outlier warnings, tasks), on time or late against the deadline, the return history with its
 * reasons, every version newest first with what changed marked; return (with a reason) and accept.
 */
import { formatDateTime, formatDeadline, formatNumber, formatPercent, onTimeLabel, periodLabel, scheduleLabel, STATUS_LABEL, targetLabel } from '../../../schemas/labels';
import { meetsTarget } from '../../../schemas/report-check';
import type { ReportObligation as ObligationContext, VersionLine } from './types';
import { obligationStatus, submittedOnTime } from '../domain/obligations';
import type { PlanDoc, StoredSchedule } from '../domain/plans';
import { href } from './components';
import { REPORT_ACTION_LABEL, TASK_STATUS_LABEL } from './words';

type Value = { indicator: string; value?: unknown; numerator?: number | null; denominator?: number | null; na?: boolean; note?: string | null };
type Task = { task: string; status?: string | null; result?: string | null; difficulties?: string | null; proposals?: string | null };
type Body = { values?: Value[]; tasks?: Task[] };
type Warning = { indicator: string; message: string };
type Version = VersionLine;
type Indicator = PlanDoc['indicators'][number];

/** The unit's effective number for an answer: what its target is judged on. */
function effective(ind: Indicator, v: Value | undefined): number | null {
  if (!v || v.na) return null;
  if (ind.kind === 'percent' || ind.kind === 'ratio') {
    if (typeof v.numerator !== 'number' || typeof v.denominator !== 'number' || v.denominator <= 0) return null;
    return ind.kind === 'percent' ? (100 * v.numerator) / v.denominator : v.numerator / v.denominator;
  }
  if (ind.kind === 'boolean') return typeof v.value === 'boolean' ? (v.value ? 1 : 0) : null;
  return typeof v.value === 'number' ? v.value : null;
}

/** An answer in words: "289/300 (96,3 %)", "1.234 hồ sơ", "Có", "Không áp dụng — …", or "—" for no data. */
export function answerText(ind: Indicator, v: Value | undefined): string {
  if (!v) return '—';
  if (v.na) return `Không áp dụng${v.note ? ` — ${v.note}` : ''}`;
  const x = effective(ind, v);
  if (ind.kind === 'percent' || ind.kind === 'ratio') {
    if (typeof v.numerator !== 'number' || typeof v.denominator !== 'number') return '—';
    const rate = x === null ? '' : ind.kind === 'percent' ? ` (${formatPercent(x)})` : ` (${formatNumber(x, 3)})`;
    return `${formatNumber(v.numerator)}/${formatNumber(v.denominator)}${ind.unit ? ` ${ind.unit}` : ''}${rate}`;
  }
  if (ind.kind === 'boolean') return x === null ? '—' : x ? 'Có' : 'Không';
  if (ind.kind === 'text') return typeof v.value === 'string' && v.value ? v.value : '—';
  return x === null ? '—' : `${formatNumber(x, 4)}${ind.unit ? ` ${ind.unit}` : ''}`;
}

export function ReportView(props: {
  o: ObligationContext; plan: PlanDoc; schedule: StoredSchedule; report: { current_version: number; status: string } | null;
  versions: Version[]; events: { action: string; at: string; reason: string | null }[]; reviewer: boolean; now: Date; tz: string;
}) {
  const { o, plan, report, versions, tz } = props;
  const status = report?.status === 'draft' ? obligationStatus(o, props.now) : report?.status ?? obligationStatus(o, props.now);
  const bodies = versions.map((v) => JSON.parse(v.body_json) as Body);
  const shownIndex = Math.max(0, versions.findIndex((v) => v.submitted === 1));
  const shown = versions[shownIndex];
  const body = bodies[shownIndex];
  const warnings = shown?.warnings_json ? (JSON.parse(shown.warnings_json) as Warning[]) : [];
  const onTime = submittedOnTime(o.first_submitted_at, o.due_at);
  const valueOf = (b: Body | undefined, code: string) => b?.values?.find((x) => x.indicator === code);
  const taskOf = (b: Body | undefined, code: string) => b?.tasks?.find((x) => x.task === code);
  const taskText = (t: Task | undefined) => (t ? [t.status ? TASK_STATUS_LABEL[t.status] : '', t.result, t.difficulties, t.proposals].filter(Boolean).join(' · ') : '');
  const path = `/v1/reports/${o.unit_code}/${o.schedule_id}/${o.period}`;
  const title = `${o.unit_name} — ${scheduleLabel(props.schedule)} — ${periodLabel(o.period)}`;
  return (
    <section class="report" data-unit={o.unit_code} data-schedule={o.schedule_id} data-period={o.period} data-status={report?.status ?? 'none'} data-path={path}>
      <p class="no-print"><a href={href('matrix', { plan: o.plan_id })}>← Về bảng tình hình nộp</a> · <a href={href('calendar', { plan: o.plan_id })}>Lịch</a></p>
      <h2>{title}</h2>
      <dl class="facts">
        <dt>Trạng thái</dt>
        <dd><strong id="report-status" data-status={status}>{STATUS_LABEL[status]}</strong>{onTime === null ? '' : ` · ${onTimeLabel(onTime)}`}</dd>
        <dt>Hạn nộp</dt><dd>{formatDeadline(o.due_at, tz)}</dd>
        {o.first_submitted_at ? <><dt>Nộp lần đầu</dt><dd>{formatDateTime(o.first_submitted_at, tz)}</dd></> : null}
        {o.submitted_at && o.submitted_at !== o.first_submitted_at ? <><dt>Nộp gần nhất</dt><dd>{formatDateTime(o.submitted_at, tz)}</dd></> : null}
        {shown ? <><dt>Đang xem</dt><dd>Phiên bản {shown.version} ({shown.submitted ? 'bản nộp' : 'bản nháp'}, {formatDateTime(shown.created_at, tz)})</dd></> : null}
      </dl>
      {o.state === 'returned' && o.return_reason ? <p class="reason" id="return-reason"><strong>Lý do trả lại:</strong> {o.return_reason}</p> : null}
      {versions.length === 0 ? <p>Đơn vị chưa lưu báo cáo này.</p> : null}
      {versions.length ? (
        <div class="actions no-print">
          <button type="button" data-action="download" data-url={`${path}/document${shown ? `?version=${shown.version}` : ''}`} data-name={`Bao cao ${o.unit_name} ${periodLabel(o.period)}.docx`}>Tải báo cáo (Word)</button>
        </div>
      ) : null}
      {body ? (
        <>
          <h3>Chỉ tiêu</h3>
          <div class="scroll" tabindex={0} role="region" aria-label="Số liệu chỉ tiêu">
            <table class="sticky cards" id="values">
              <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Chỉ tiêu giao</th><th scope="col">Số liệu</th><th scope="col">Đánh giá</th></tr></thead>
              <tbody>
                {plan.indicators.map((ind) => {
                  const v = valueOf(body, ind.code);
                  const met = meetsTarget(effective(ind, v), ind.target);
                  const warning = warnings.find((w) => w.indicator === ind.code);
                  return (
                    <tr data-indicator={ind.code}>
                      <th scope="row">{ind.name}</th>
                      <td data-label="Chỉ tiêu giao">{ind.target ? targetLabel(ind.target, ind.kind, ind.unit) : '—'}</td>
                      <td data-label="Số liệu" class={v?.na ? 'na' : ''}>{answerText(ind, v)}{v?.note && !v.na ? <><br /><small>Ghi chú: {v.note}</small></> : null}{warning ? <><br /><span class="warning">⚠ {warning.message}</span></> : null}</td>
                      <td data-label="Đánh giá">{met === null ? '—' : met ? <span class="met">Đạt</span> : <span class="miss">Không đạt</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {plan.tasks.length ? (
            <>
              <h3>Nhiệm vụ</h3>
              {plan.tasks.filter((task) => taskOf(body, task.code)).length === 0 ? <p class="muted">Đơn vị chưa báo cáo nhiệm vụ nào.</p> : null}
              {plan.tasks.map((task) => {
                const t = taskOf(body, task.code);
                if (!t) return null;
                return (
                  <div class="card" data-task={task.code}>
                    <strong>{task.title}</strong>
                    <dl class="facts">
                      <dt>Tiến độ</dt><dd>{t.status ? TASK_STATUS_LABEL[t.status] : '—'}</dd>
                      <dt>Kết quả</dt><dd>{t.result || '—'}</dd>
                      <dt>Khó khăn, vướng mắc</dt><dd>{t.difficulties || '—'}</dd>
                      <dt>Đề xuất, kiến nghị</dt><dd>{t.proposals || '—'}</dd>
                    </dl>
                  </div>
                );
              })}
            </>
          ) : null}
        </>
      ) : null}
      {props.reviewer && report && (report.status === 'submitted' || report.status === 'accepted') ? (
        <form class="card no-print" id="review" data-path={path}>
          <h3>Xem xét báo cáo</h3>
          <label for="reason">Lý do trả lại (đơn vị sẽ thấy nguyên văn)</label>
          <textarea id="reason" name="reason" rows={3} aria-describedby="reason-error"></textarea>
          <p class="field-error" id="reason-error" role="alert"></p>
          <div class="actions">
            <button type="button" class="danger" data-action="return">Trả lại để sửa</button>
            {report.status === 'submitted' ? <button type="button" class="primary" data-action="accept">Tiếp nhận báo cáo</button> : null}
          </div>
        </form>
      ) : null}
      {versions.length > 1 ? (
        <>
          <h3>Các phiên bản (mới nhất trước)</h3>
          <p class="hint"><span class="changed-mark">●</span> ô có đánh dấu: số liệu đã sửa so với phiên bản trước đó.</p>
          <div class="scroll" tabindex={0} role="region" aria-label="So sánh các phiên bản">
            <table class="sticky" id="versions">
              <thead><tr><th scope="col">Chỉ tiêu, nhiệm vụ</th>{versions.map((v) => (
                <th scope="col" class="version" data-version={v.version}>Phiên bản {v.version} ({v.submitted ? 'nộp' : 'nháp'})<br /><small>{formatDateTime(v.created_at, tz)}</small></th>
              ))}</tr></thead>
              <tbody>
                {plan.indicators.map((ind) => (
                  <tr data-indicator={ind.code}>
                    <th scope="row">{ind.name}</th>
                    {bodies.map((b, i) => {
                      const text = answerText(ind, valueOf(b, ind.code));
                      const older = bodies[i + 1];
                      const changed = older !== undefined && answerText(ind, valueOf(older, ind.code)) !== text;
                      return <td class={changed ? 'changed' : ''} data-changed={changed ? 'true' : undefined}>{changed ? <><span class="changed-mark" aria-label="đã sửa">● </span></> : null}{text}</td>;
                    })}
                  </tr>
                ))}
                {plan.tasks.map((task) => (
                  <tr data-task={task.code}>
                    <th scope="row">{task.title}</th>
                    {bodies.map((b, i) => {
                      const text = taskText(taskOf(b, task.code));
                      const older = bodies[i + 1];
                      const changed = older !== undefined && taskText(taskOf(older, task.code)) !== text;
                      return <td class={changed ? 'changed' : ''} data-changed={changed ? 'true' : undefined}>{changed ? <span class="changed-mark" aria-label="đã sửa">● </span> : null}{text || '—'}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {props.events.length ? (
        <>
          <h3>Lịch sử (mới nhất trước)</h3>
          <ol class="history" id="history" reversed>
            {[...props.events].reverse().map((e) => (
              <li data-action={e.action}>{formatDateTime(e.at, tz)}: {REPORT_ACTION_LABEL[e.action] ?? 'Cập nhật'}{e.reason ? <> — lý do: <q>{e.reason}</q></> : null}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
