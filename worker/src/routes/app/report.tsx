/** @jsxImportSource hono/jsx */
import { AppReportQuery } from '../../../../schemas';
import { formatDateTime, formatDeadline, periodLabel, scheduleLabel, STATUS_LABEL } from '../../../../schemas/labels';
import { createRouter } from '../../app';
import { contextPlan, contextReport, contextSchedule, listVersionBodies } from '../../db/reports';
import { obligationStatus } from '../../domain/obligations';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { reportContext } from '../../flows/reports';
import { mayReviewReport } from '../../policy';

const app = createRouter();

type Body = { values: { indicator: string; value?: unknown; numerator?: number | null; denominator?: number | null; na?: boolean; note?: string | null }[] };

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/report', tags: ['Web app'], operationId: 'appReport', problems: [404],
    summary: 'Báo cáo: one report with its versions side by side, and return/accept for a reviewer (HTML fragment)',
    request: { query: AppReportQuery }, responses: { 200: html('The report') },
  }),
  async (c) => {
    const p = c.get('principal');
    const q = c.req.valid('query');
    const o = await reportContext(c.env, p, { unit: q.unit, scheduleId: q.schedule, period: q.period });
    const tz = zoneOf(c.env);
    const report = contextReport(o);
    const versions = await listVersionBodies(c.env.DB, o.id);
    const plan = contextPlan(o);
    const schedule = contextSchedule(o);
    const reviewer = mayReviewReport(p, { unitPath: o.unit_path, recipients: [schedule.reportTo].flat() });
    const cell = (body: Body | undefined, code: string) => {
      const v = body?.values.find((x) => x.indicator === code);
      if (!v) return '';
      if (v.na) return `Không áp dụng${v.note ? ` — ${v.note}` : ''}`;
      return v.numerator !== undefined && v.numerator !== null ? `${v.numerator}/${v.denominator}` : String(v.value ?? '');
    };
    const parsed = versions.map((v) => JSON.parse(v.body_json) as Body);
    const status = report?.status ?? obligationStatus(o, new Date());
    return c.html(
      <section class="report" data-unit={o.unit_code} data-period={o.period} data-status={report?.status ?? 'none'}>
        <h2>{o.unit_name} — {scheduleLabel(schedule)} — {periodLabel(o.period)}</h2>
        <p>Hạn: {formatDeadline(o.due_at, tz)} · Trạng thái: <strong id="report-status" data-status={status}>{STATUS_LABEL[status]}</strong>{o.submitted_at ? ` · nộp lúc ${formatDateTime(o.submitted_at, tz)}` : ''}</p>
        {o.state === 'returned' && o.return_reason ? <p class="return-reason">Lý do trả lại: {o.return_reason}</p> : null}
        <table>
          <thead><tr><th class="unit">Chỉ tiêu</th>{versions.map((v) => <th class="version" data-version={v.version}>Phiên bản {v.version}{v.submitted ? ' (nộp)' : ' (nháp)'}<br /><small>{formatDateTime(v.created_at, tz)}</small></th>)}</tr></thead>
          <tbody>{plan.indicators.map((ind) => <tr><td class="unit">{ind.name}</td>{parsed.map((b) => <td>{cell(b, ind.code)}</td>)}</tr>)}</tbody>
        </table>
        {reviewer && report && (report.status === 'submitted' || report.status === 'accepted') ? (
          <div class="actions">
            <label>Lý do trả lại <textarea id="reason" rows={2}></textarea></label>
            <button type="button" data-action="return">Trả lại</button>
            {report.status === 'submitted' ? <button type="button" data-action="accept">Tiếp nhận</button> : null}
          </div>
        ) : null}
      </section>,
      200,
    );
  },
);

export default app;
