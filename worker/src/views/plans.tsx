/** @jsxImportSource hono/jsx */
/** The plans a manager works with, the "new plan from its text" panel, and what activating a draft would do. */
import { formatDate, formatNumber, NO_REMINDERS } from '../../../schemas/labels';
import { Deadline, href } from './components';
import { PLAN_STATUS_LABEL, yearsLabel } from './words';

export type PlanItem = {
  id: string; number: string; title: string; status: string; years: number[]; basis: string | null; basisNumber: string | null; issuedOn: string;
  obligations: number; nextDue: string | null; overdue: number; returned: number;
};
export type AbovePlan = PlanItem & { issuerName: string; applies: boolean; derived: { id: string; number: string; status: string } | null };

function Facts(props: { p: PlanItem; now: Date; tz: string }) {
  const p = props.p;
  return (
    <dl class="facts">
      <dt>Trạng thái</dt><dd><span class={`badge s-${p.status === 'active' ? 'open' : 'draft'}`} data-status={p.status}>{PLAN_STATUS_LABEL[p.status] ?? p.status}</span></dd>
      <dt>Năm</dt><dd>{yearsLabel(p.years)} · ban hành ngày {formatDate(p.issuedOn)}</dd>
      {p.basisNumber ? <><dt>Căn cứ</dt><dd>Kế hoạch {p.basisNumber}</dd></> : null}
      {p.status === 'draft' ? null : (
        <>
          <dt>Báo cáo phải nộp</dt>
          <dd data-obligations={p.obligations}>{formatNumber(p.obligations)} kỳ báo cáo{p.overdue ? <> · <span class="late-text">{formatNumber(p.overdue)} quá hạn</span></> : null}{p.returned ? ` · ${formatNumber(p.returned)} bị trả lại` : ''}</dd>
          <dt>Hạn tiếp theo</dt>
          <dd>{p.nextDue ? <Deadline due={p.nextDue} now={props.now} tz={props.tz} /> : 'không còn kỳ nào sắp đến hạn'}</dd>
        </>
      )}
    </dl>
  );
}

export function PlansView(props: { unitName: string; manager: boolean; own: PlanItem[]; above: AbovePlan[]; now: Date; tz: string }) {
  return (
    <section id="plans">
      <h2>Kế hoạch của {props.unitName}</h2>
      {props.manager ? (
        <details class="card" id="new-plan">
          <summary>Kế hoạch mới từ văn bản</summary>
          <p class="hint">Dán toàn văn kế hoạch (hoặc chọn tệp Word .docx). Cascade đọc ra các nhiệm vụ, chỉ tiêu, chế độ báo cáo và thời hạn để anh chị kiểm tra, bổ sung rồi lưu.</p>
          <label for="plan-text">Toàn văn kế hoạch</label>
          <textarea id="plan-text" rows={6}></textarea>
          <p class="row">
            <label class="button">Hoặc chọn tệp Word (.docx)…
              <input id="plan-file" class="visually-hidden" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
            </label>
            <span id="plan-file-name" class="muted">Chưa chọn tệp</span>
          </p>
          <div class="actions">
            <button type="button" class="primary" data-action="extract">Đọc văn bản</button>
            <button type="button" data-action="new-plan">Lập kế hoạch trống</button>
          </div>
        </details>
      ) : null}
      <div id="editor-host"></div>
      <div id="preview-host"></div>
      {props.own.length === 0 ? <p class="muted">Đơn vị chưa có kế hoạch nào.</p> : null}
      <ul class="items" id="own-plans">
        {props.own.map((p) => (
          <li data-plan={p.id} data-status={p.status}>
            <strong>{p.number}</strong> — {p.title}
            <Facts p={p} now={props.now} tz={props.tz} />
            <div class="actions">
              {p.status === 'active' ? <><a class="button" href={href('matrix', { plan: p.id })}>Xem tình hình nộp</a><a class="button" href={href('calendar', { plan: p.id })}>Lịch</a></> : null}
              {p.status === 'draft' && props.manager ? (
                <>
                  <button type="button" data-action="edit-plan" data-plan={p.id}>Sửa</button>
                  <button type="button" class="primary" data-action="preview" data-plan={p.id}>Ban hành…</button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {props.above.length ? (
        <>
          <h2>Kế hoạch của cấp trên</h2>
          <p class="hint">Kế hoạch cấp trên giao cho đơn vị: lập kế hoạch triển khai ("Căn cứ …") để giao tiếp cho các đơn vị trực thuộc, với chỉ tiêu của mình.</p>
          <ul class="items" id="above-plans">
            {props.above.map((p) => (
              <li data-plan={p.id}>
                <strong>{p.number}</strong> — {p.title} <span class="muted">({p.issuerName})</span>
                <Facts p={p} now={props.now} tz={props.tz} />
                <div class="actions">
                  <a class="button" href={href('owed')}>Báo cáo của đơn vị</a>
                  {p.derived ? (
                    <span>Đã lập kế hoạch triển khai {p.derived.number} ({PLAN_STATUS_LABEL[p.derived.status]}){p.derived.status === 'draft' && props.manager ? <> <button type="button" data-action="edit-plan" data-plan={p.derived.id}>Sửa</button></> : null}</span>
                  ) : p.applies && props.manager ? <button type="button" class="primary" data-action="derive" data-plan={p.id}>Lập kế hoạch triển khai</button> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export type Preview = {
  obligations: number;
  schedules: { id: string; name: string; units: number; obligations: number; firstDeadlines: { periodLabel: string; deadline: string }[]; reminders: string }[];
};

export function PreviewView(props: { plan: { id: string; number: string; title: string; status: string }; preview: Preview }) {
  const { plan, preview } = props;
  return (
    <section class="card" id="preview" data-plan={plan.id}>
      <h2>Ban hành kế hoạch {plan.number}</h2>
      <p>Khi ban hành, Cascade giao <strong data-obligations={preview.obligations}>{formatNumber(preview.obligations)} kỳ báo cáo</strong> cho các đơn vị và nhắc hạn theo từng chế độ báo cáo dưới đây. Sau khi ban hành, kế hoạch không sửa được nữa.</p>
      {preview.schedules.map((s) => (
        <div class="item">
          <h3>{s.name}</h3>
          <p>{formatNumber(s.units)} đơn vị · {formatNumber(s.obligations)} kỳ báo cáo</p>
          <ul>{s.firstDeadlines.map((d) => <li>{d.periodLabel}: {d.deadline}</li>)}</ul>
          <p data-words="reminders">{s.reminders === NO_REMINDERS ? 'Chưa đặt nhắc việc: các đơn vị sẽ không được nhắc hạn (đặt ở mục “Nhắc việc” của chế độ báo cáo).' : `Nhắc việc: ${s.reminders}.`}</p>
        </div>
      ))}
      {plan.status === 'draft' ? (
        <div class="actions">
          <button type="button" class="primary" data-action="activate" data-plan={plan.id}>Xác nhận ban hành</button>
          <button type="button" data-action="close-preview">Để sau</button>
        </div>
      ) : <p>Kế hoạch đã ban hành.</p>}
    </section>
  );
}
