/** @jsxImportSource hono/jsx */
/**
 * Tình hình nộp báo cáo: one row per unit (as people count them), one column per report (its name, period and
 * deadline in words), each cell its status; a cell with a report opens it, one without says its deadline on a tap.
 */
import { compareUnitNames, formatDateTime, formatDeadline, periodLabel, scheduleLabel } from '../../../schemas/labels';
import type { ObligationLine as ObligationRow } from './types';
import { submittedOnTime } from '../domain/obligations';
import { CELL_TEXT, cellClass, Legend, reportHref } from './components';

export function MatrixView(props: { plan: { id: string; number: string; title: string }; rootName: string; rows: ObligationRow[]; names: Map<string, string>; now: Date; tz: string }) {
  const { rows, now, tz } = props;
  const key = (o: ObligationRow) => `${o.schedule_id} ${o.period}`;
  const columns = [...new Map(rows.map((o) => [key(o), o])).values()];
  const current = columns.find((o) => Date.parse(o.due_at) > now.getTime()) ?? columns[columns.length - 1];
  const units = [...new Map(rows.map((o) => [o.unit_code, props.names.get(o.unit_code) ?? o.unit_name])).entries()].sort((a, b) => compareUnitNames(a[1], b[1]));
  const cell = new Map(rows.map((o) => [`${o.unit_code}|${key(o)}`, o]));
  const summary = (col: ObligationRow) => {
    const all = rows.filter((o) => key(o) === key(col));
    const sent = all.filter((o) => o.state === 'submitted' || o.state === 'accepted');
    const onTime = sent.filter((o) => submittedOnTime(o.first_submitted_at, o.due_at));
    return `${sent.length}/${all.length} đã nộp · ${onTime.length} đúng hạn`;
  };
  return (
    <section id="matrix">
      <h2>Tình hình nộp báo cáo — {props.rootName}</h2>
      <p class="muted">Kế hoạch {props.plan.number}: {props.plan.title}</p>
      <Legend />
      {columns.length > 2 ? <p class="hint scroll-hint">Kéo bảng sang hai bên để xem các kỳ khác; bảng mở ở kỳ sắp đến hạn.</p> : null}
      {rows.length === 0 ? <p>Kế hoạch này chưa giao kỳ báo cáo nào cho các đơn vị ở đây.</p> : (
        <div class="scroll" tabindex={0} role="region" aria-label="Bảng tình hình nộp báo cáo, cuộn ngang để xem các kỳ">
          <table class="matrix">
            <thead>
              <tr>
                <th class="unit" scope="col">Đơn vị</th>
                {columns.map((o) => (
                  <th class="col" scope="col" data-column={key(o)} data-current={o === current ? 'true' : undefined}>
                    {scheduleLabel({ name: o.schedule_name, periodType: o.period_type })}<br />{periodLabel(o.period)}<br /><small class="due">{formatDeadline(o.due_at, tz)}</small>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.map(([code, name]) => (
                <tr data-unit={code}>
                  <th class="unit" scope="row">{name}</th>
                  {columns.map((col) => {
                    const o = cell.get(`${code}|${key(col)}`);
                    if (!o) return <td><span aria-label="Không phải nộp">—</span></td>;
                    const cls = cellClass(o, now);
                    const hasReport = o.state !== 'pending';
                    // The deadline is in the column's header; a tap on a cell without a report says it (phones have no hover).
                    return (
                      <td class={`s-${cls}`} data-status={cls} title={o.submitted_at ? `Nộp lúc: ${formatDateTime(o.submitted_at, tz)}` : undefined}>
                        {hasReport ? <a href={reportHref(o)}>{CELL_TEXT[cls]}</a> : <button type="button" data-action="deadline">{CELL_TEXT[cls]}</button>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot><tr><th class="unit" scope="row">Tổng hợp</th>{columns.map((o) => <td class="summary">{summary(o)}</td>)}</tr></tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
