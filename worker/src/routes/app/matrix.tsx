/** @jsxImportSource hono/jsx */
import { AppPlanQuery } from '../../../../schemas';
import { compareUnitNames, formatDateTime, formatDeadline, periodLabel, scheduleLabel } from '../../../../schemas/labels';
import { createRouter } from '../../app';
import { listObligations } from '../../db/obligations';
import { submittedOnTime } from '../../domain/obligations';
import { zoneOf } from '../../env';
import { defineRoute, html } from '../../http';
import { rollupScope } from '../../flows/rollups';
import { CELL_TEXT, cellClass, Legend } from '../../views/components';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/matrix', tags: ['Web app'], operationId: 'appMatrix', problems: [404],
    summary: 'Tình hình nộp báo cáo: units × periods of a plan, coloured by status (HTML fragment)',
    request: { query: AppPlanQuery }, responses: { 200: html('The matrix') },
  }),
  async (c) => {
    const { plan, root } = await rollupScope(c.env, c.get('principal'), c.req.valid('query').plan, c.req.valid('query').unit);
    const now = new Date();
    const tz = zoneOf(c.env);
    const rows = await listObligations(c.env.DB, { rootPath: root.path, plan: plan.id, limit: 20_000 }, now);
    const key = (o: (typeof rows)[number]) => `${o.schedule_code} ${o.period}`;
    const columns = [...new Map(rows.map((o) => [key(o), o])).values()];
    const units = [...new Map(rows.map((o) => [o.unit_code, o.unit_name])).entries()].sort((a, b) => compareUnitNames(a[1], b[1]));
    const cell = new Map(rows.map((o) => [`${o.unit_code}|${key(o)}`, o]));
    const summary = (k: string) => {
      const col = rows.filter((o) => key(o) === k);
      const sent = col.filter((o) => o.state === 'submitted' || o.state === 'accepted');
      const onTime = sent.filter((o) => submittedOnTime(o.first_submitted_at, o.due_at));
      return `${sent.length}/${col.length} đã nộp · ${onTime.length} đúng hạn`;
    };
    return c.html(
      <section id="matrix">
        <Legend />
        <table class="matrix">
          <caption>Tình hình nộp báo cáo — {root.name}</caption>
          <thead>
            <tr><th class="unit">Đơn vị</th>{columns.map((o) => (
              <th data-column={key(o)}>{scheduleLabel({ name: o.schedule_name, periodType: o.period_type })}<br />{periodLabel(o.period)}<br /><small>{formatDeadline(o.due_at, tz)}</small></th>
            ))}</tr>
          </thead>
          <tbody>
            {units.map(([code, name]) => (
              <tr data-unit={code}>
                <td class="unit">{name}</td>
                {columns.map((col) => {
                  const o = cell.get(`${code}|${key(col)}`);
                  if (!o) return <td>—</td>;
                  const cls = cellClass(o, now);
                  const title = `Hạn: ${formatDeadline(o.due_at, tz)}${o.submitted_at ? `\nNộp lúc: ${formatDateTime(o.submitted_at, tz)}` : ''}`;
                  const report = o.state === 'pending' ? undefined : `${o.unit_code}|${o.schedule_id}|${o.period}`;
                  return <td class={cls} data-status={cls} title={title} data-report={report}>{CELL_TEXT[cls]}</td>;
                })}
              </tr>
            ))}
          </tbody>
          <tfoot><tr><th class="unit">Tổng hợp</th>{columns.map((o) => <td class="summary">{summary(key(o))}</td>)}</tr></tfoot>
        </table>
      </section>,
      200,
    );
  },
);

export default app;
