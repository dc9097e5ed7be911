/** @jsxImportSource hono/jsx */
import { AppPlanQuery } from '../../../../schemas';
import { periodLabel } from '../../../../schemas/labels';
import { createRouter } from '../../app';
import { listScores } from '../../db/scores';
import { subtreeEnd } from '../../domain/units';
import { defineRoute, html } from '../../http';
import { rollupScope } from '../../flows/rollups';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/scores', tags: ['Web app'], operationId: 'appScores', problems: [404],
    summary: 'Điểm: the score ranking where the plan has criteria (HTML fragment)',
    request: { query: AppPlanQuery }, responses: { 200: html('The ranking') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { plan, root, doc } = await rollupScope(c.env, c.get('principal'), q.plan, q.unit);
    if (!doc.criteria?.length) return c.html(<section id="scores"><p>Kế hoạch này không có tiêu chí chấm điểm.</p></section>, 200);
    const rows = await listScores(c.env.DB, { rootPath: root.path, rootEnd: subtreeEnd(root.path), planId: plan.id, period: null });
    const totals = new Map<string, { code: string; name: string; period: string; total: number }>();
    for (const r of rows) {
      const t = totals.get(`${r.period}|${r.code}`) ?? { code: r.code, name: r.name, period: r.period, total: 0 };
      t.total += r.points;
      totals.set(`${r.period}|${r.code}`, t);
    }
    const sorted = [...totals.values()].sort((a, b) => b.period.localeCompare(a.period) || b.total - a.total || a.code.localeCompare(b.code));
    const max = doc.criteria.reduce((n, cr) => n + cr.maxPoints, 0);
    return c.html(
      <section id="scores">
        <table>
          <caption>Chấm điểm ({doc.criteria.length} tiêu chí, tối đa {max} điểm)</caption>
          <thead><tr><th>Kỳ</th><th class="unit">Đơn vị</th><th>Điểm</th></tr></thead>
          <tbody>{sorted.map((r) => <tr data-unit={r.code}><td>{periodLabel(r.period)}</td><td class="unit">{r.name}</td><td>{r.total}/{max}</td></tr>)}</tbody>
        </table>
        {sorted.length === 0 ? <p>Chưa có đơn vị nào được chấm điểm.</p> : null}
      </section>,
      200,
    );
  },
);

export default app;
