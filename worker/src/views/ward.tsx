/** @jsxImportSource hono/jsx */
/**
 * The ward's view, phone first: what it owes (a returned report's reason in full at the top, then the soonest
 * deadline first), and the form generated from the plan — the right input for each indicator's kind, "Không áp
 * dụng" with its required note, the task blocks, and the receipt of the last submission.
 */
import { formatDateTime, formatNumber, formatPercent, onTimeLabel, periodLabel, scheduleLabel, STATUS_LABEL, targetLabel } from '../../../schemas/labels';
import { TASK_STATUSES } from '../../../schemas/limits';
import type { ObligationLine as ObligationRow, ReportObligation as ObligationContext, VersionLine } from './types';
import { obligationStatus, submittedOnTime } from '../domain/obligations';
import type { PlanDoc, StoredSchedule } from '../domain/plans';
import { Deadline, href } from './components';
import { TASK_STATUS_LABEL } from './words';

type Plan = { number: string; title: string };

function OwedItem(props: { o: ObligationRow; plans: Map<string, Plan>; showPlan: boolean; now: Date; tz: string }) {
  const { o, now } = props;
  const status = obligationStatus(o, now);
  const onTime = submittedOnTime(o.first_submitted_at, o.due_at);
  const cls = status === 'returned' ? 'returned' : status === 'overdue' ? 'overdue' : status === 'open' ? 'open' : 'done';
  const owing = status === 'open' || status === 'overdue' || status === 'returned';
  return (
    <li class={cls} data-schedule={o.schedule_id} data-period={o.period} data-status={status}>
      <a class="item" href={href('form', { unit: o.unit_code, schedule: o.schedule_id, period: o.period })}>
        <strong>{scheduleLabel({ name: o.schedule_name, periodType: o.period_type })} — {periodLabel(o.period)}</strong>{' '}
        <span class={`badge s-${status}`}>{STATUS_LABEL[status]}{onTime === null || owing ? '' : ` · ${onTimeLabel(onTime)}`}</span>
        {props.showPlan ? <><br /><small>Kế hoạch {props.plans.get(o.plan_id)?.number ?? ''}: {props.plans.get(o.plan_id)?.title ?? ''}</small></> : null}
        <br /><Deadline due={o.due_at} now={now} tz={props.tz} owed={owing} />
      </a>
      {status === 'returned' && o.return_reason ? <p class="reason"><strong>Lý do trả lại:</strong> {o.return_reason}</p> : null}
    </li>
  );
}

/** Overdue for longer than this folds behind a count: this month's work comes first. */
const OLD_DAYS = 90;

export function OwedView(props: { unit: { code: string; name: string }; rows: ObligationRow[]; plans: Map<string, Plan>; now: Date; tz: string }) {
  const { now } = props;
  const status = (o: ObligationRow) => obligationStatus(o, now);
  const oldBefore = new Date(now.getTime() - OLD_DAYS * 86_400_000).toISOString();
  const returned = props.rows.filter((o) => status(o) === 'returned').sort((a, b) => b.due_at.localeCompare(a.due_at));
  const owing = props.rows.filter((o) => status(o) === 'open' || (status(o) === 'overdue' && o.due_at >= oldBefore)).sort((a, b) => a.due_at.localeCompare(b.due_at));
  const old = props.rows.filter((o) => status(o) === 'overdue' && o.due_at < oldBefore).sort((a, b) => b.due_at.localeCompare(a.due_at));
  const done = props.rows.filter((o) => status(o) === 'submitted' || status(o) === 'accepted').sort((a, b) => b.due_at.localeCompare(a.due_at));
  const common = { plans: props.plans, showPlan: new Set(props.rows.map((o) => o.plan_id)).size > 1, now, tz: props.tz };
  return (
    <section id="owed" data-unit={props.unit.code}>
      <h2>Việc phải nộp — {props.unit.name}</h2>
      {props.rows.length === 0 ? <p>Đơn vị chưa được giao báo cáo nào.</p> : <OwedLists returned={returned} owing={owing} old={old} done={done} common={common} />}
    </section>
  );
}

function OwedLists(props: { returned: ObligationRow[]; owing: ObligationRow[]; old: ObligationRow[]; done: ObligationRow[]; common: Omit<Parameters<typeof OwedItem>[0], 'o'> }) {
  const { returned, owing, old, done, common } = props;
  return (
    <>
      {returned.length ? (
        <>
          <h3>Bị trả lại, cần sửa và nộp lại ({returned.length})</h3>
          <ul class="items returned-list">{returned.map((o) => <OwedItem o={o} {...common} />)}</ul>
        </>
      ) : null}
      <h3>Cần nộp ({owing.length})</h3>
      {owing.length === 0 ? <p class="muted">Không có báo cáo nào sắp đến hạn.</p> : <ul class="items owing-list">{owing.map((o) => <OwedItem o={o} {...common} />)}</ul>}
      {old.length ? (
        <details><summary>Quá hạn từ lâu: {formatNumber(old.length)} kỳ báo cáo</summary><ul class="items old-list">{old.map((o) => <OwedItem o={o} {...common} />)}</ul></details>
      ) : null}
      {done.length ? (
        <details><summary>Đã nộp: {formatNumber(done.length)} kỳ báo cáo</summary><ul class="items done-list">{done.map((o) => <OwedItem o={o} {...common} />)}</ul></details>
      ) : null}
    </>
  );
}

type Value = { indicator: string; value?: unknown; numerator?: number | null; denominator?: number | null; na?: boolean; note?: string | null };
type Task = { task: string; status?: string | null; result?: string | null; difficulties?: string | null; proposals?: string | null };
type Indicator = PlanDoc['indicators'][number];

const numberText = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? String(x).replace('.', ',') : '');

function IndicatorField(props: { ind: Indicator; v: Value | undefined; i: number }) {
  const { ind, v } = props;
  const id = `f-${props.i}`;
  const na = v?.na === true;
  const rate = ind.kind === 'percent' || ind.kind === 'ratio';
  const n = typeof v?.numerator === 'number' ? v.numerator : null;
  const d = typeof v?.denominator === 'number' ? v.denominator : null;
  const live = n !== null && d ? (ind.kind === 'percent' ? formatPercent((100 * n) / d) : formatNumber(n / d, 3)) : '';
  const measure = ind.unit ? ` ${ind.unit}` : '';
  return (
    <fieldset class="ind" data-indicator={ind.code} data-kind={ind.kind} data-required={String(ind.required !== false)} data-name={ind.name} aria-describedby={`${id}-hint`}>
      <legend>{ind.name}</legend>
      <p class="hint" id={`${id}-hint`}>
        {ind.target ? `Chỉ tiêu: ${targetLabel(ind.target, ind.kind, ind.unit)}` : 'Không giao chỉ tiêu'}
        {ind.unit ? ` · đơn vị tính: ${ind.unit}` : ''}
        {ind.required === false ? ' · không bắt buộc' : ''}
      </p>
      <div class="answer" hidden={na}>
        {rate ? (
          <>
            <div class="pair">
              <label>Số đạt{measure}<input name="numerator" type="number" inputmode="decimal" min="0" step="any" value={n === null ? '' : String(n)} /></label>
              <label>Tổng số{measure}<input name="denominator" type="number" inputmode="decimal" min="0" step="any" value={d === null ? '' : String(d)} /></label>
            </div>
            <output class="rate" aria-live="polite">{live}</output>
          </>
        ) : ind.kind === 'boolean' ? (
          <div class="row" role="radiogroup" aria-label={ind.name}>
            <label class="switch"><input type="radio" name={`yn-${props.i}`} value="true" checked={v?.value === true} /> Có</label>
            <label class="switch"><input type="radio" name={`yn-${props.i}`} value="false" checked={v?.value === false} /> Không</label>
          </div>
        ) : ind.kind === 'text' ? (
          <label>Nội dung<textarea name="value" rows={3}>{typeof v?.value === 'string' ? v.value : ''}</textarea></label>
        ) : ind.kind === 'count' ? (
          <label>Số lượng{measure}<input name="value" type="number" inputmode="numeric" min="0" step="1" value={typeof v?.value === 'number' ? String(v.value) : ''} /></label>
        ) : (
          <label>Số liệu{measure}<input name="value" type="text" inputmode="decimal" value={numberText(v?.value)} /></label>
        )}
      </div>
      <label class="switch"><input type="checkbox" name="na" role="switch" checked={na} /> Không áp dụng với đơn vị</label>
      <div class="na-note" hidden={!na}>
        <label>Lý do không áp dụng (bắt buộc)<textarea name="note" rows={2}>{na && v?.note ? v.note : ''}</textarea></label>
      </div>
      <p class="field-error" role="alert"></p>
    </fieldset>
  );
}

function TaskField(props: { task: PlanDoc['tasks'][number]; t: Task | undefined }) {
  const { task, t } = props;
  return (
    <fieldset class="task" data-task={task.code}>
      <legend>{task.title}</legend>
      <label>Tiến độ{' '}
        <select name="status">
          <option value="">— Chọn tiến độ —</option>
          {TASK_STATUSES.map((s) => <option value={s} selected={t?.status === s}>{TASK_STATUS_LABEL[s]}</option>)}
        </select>
      </label>
      <label>Kết quả thực hiện<textarea name="result" rows={3}>{t?.result ?? ''}</textarea></label>
      <label>Khó khăn, vướng mắc<textarea name="difficulties" rows={2}>{t?.difficulties ?? ''}</textarea></label>
      <label>Đề xuất, kiến nghị<textarea name="proposals" rows={2}>{t?.proposals ?? ''}</textarea></label>
      <p class="field-error" role="alert"></p>
    </fieldset>
  );
}

export function FormView(props: {
  o: ObligationContext; plan: PlanDoc; schedule: StoredSchedule; head: { current_version: number; status: string } | null;
  latest: VersionLine | null; tasks: PlanDoc['tasks']; writer: boolean; now: Date; tz: string;
}) {
  const { o, plan, head, latest, now, tz } = props;
  const status = obligationStatus(o, now);
  const body = latest ? (JSON.parse(latest.body_json) as { values?: Value[]; tasks?: Task[] }) : {};
  const warnings = latest?.warnings_json ? (JSON.parse(latest.warnings_json) as { indicator: string; message: string }[]) : [];
  const locked = head?.status === 'accepted' || !props.writer || o.state === 'cancelled';
  const onTime = submittedOnTime(o.first_submitted_at, o.due_at);
  const title = `${scheduleLabel(props.schedule)} — ${periodLabel(o.period)}`;
  const checked = { indicators: plan.indicators, tasks: plan.tasks.map((t) => ({ code: t.code })), validationRules: plan.validationRules ?? [] };
  return (
    <section id="form-view">
      <p><a href={href('owed')}>← Việc phải nộp</a></p>
      <h2 id="form-title">{title}</h2>
      <p class="muted">{o.unit_name} · Kế hoạch {plan.number}: {plan.title}</p>
      <p><span class={`badge s-${status}`} id="form-status" data-status={status}>{STATUS_LABEL[status]}</span> · <Deadline due={o.due_at} now={now} tz={tz} owed={status === 'open' || status === 'overdue' || status === 'returned'} /></p>
      {o.state === 'returned' && o.return_reason ? <div class="reason" id="form-reason"><strong>Báo cáo bị trả lại. Lý do:</strong> {o.return_reason}</div> : null}
      <div id="receipt" aria-live="polite">
        {latest && latest.submitted === 1 && o.submitted_at ? (
          <div class={`receipt${onTime === false ? ' late' : ''}`}>
            <strong>Đã nộp phiên bản {latest.version}</strong> lúc {formatDateTime(o.submitted_at, tz)} · {onTimeLabel(onTime)}
            {warnings.length ? <ul class="warnings">{warnings.map((w) => <li class="warning">⚠ {plan.indicators.find((i) => i.code === w.indicator)?.name ?? ''}: {w.message}</li>)}</ul> : null}
          </div>
        ) : latest ? <p class="muted">Đã lưu bản nháp phiên bản {latest.version} lúc {formatDateTime(latest.created_at, tz)}.</p> : null}
      </div>
      {head?.status === 'accepted' ? <p class="notice ok">Báo cáo đã được cấp trên tiếp nhận. Muốn sửa, đề nghị cấp trên trả lại báo cáo.</p> : null}
      {!props.writer ? <p class="muted">Chỉ cán bộ của chính đơn vị nhập được báo cáo này.</p> : null}
      <form id="report-form" novalidate data-path={`/v1/reports/${o.unit_code}/${o.schedule_id}/${o.period}`} data-title={title}
        data-plan={JSON.stringify(checked)} data-version={String(head?.current_version ?? 0)}>
        <fieldset disabled={locked} class="plain">
          <p class="field-error" id="form-errors" role="alert"></p>
          <h3>Chỉ tiêu ({plan.indicators.length})</h3>
          {plan.indicators.map((ind, i) => <IndicatorField ind={ind} v={body.values?.find((v) => v.indicator === ind.code)} i={i} />)}
          {props.tasks.length ? <h3>Nhiệm vụ ({props.tasks.length})</h3> : null}
          {props.tasks.map((task) => <TaskField task={task} t={body.tasks?.find((t) => t.task === task.code)} />)}
          <div class="actions sticky">
            <button type="button" data-action="save-draft">Lưu nháp</button>
            <button type="button" class="primary" data-action="submit-report">Nộp báo cáo</button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
