/** @jsxImportSource hono/jsx */
import { AppPlanQuery } from '../../../../schemas';
import { formatNumber, formatPercent, periodLabel, scheduleLabel, targetLabel } from '../../../../schemas/labels';
import { createRouter } from '../../app';
import { planPeriods } from '../../db/obligations';
import { defineRoute, html } from '../../http';
import { computeRollup, rollupScope } from '../../flows/rollups';
import { Bars } from '../../views/components';

const app = createRouter();

app.openapi(
  defineRoute({
    method: 'get', path: '/v1/dashboard/indicators', tags: ['Web app'], operationId: 'appIndicators', problems: [404],
    summary: 'Chỉ tiêu: each indicator rolled up against its target, with a bar per child unit (HTML fragment)',
    request: { query: AppPlanQuery }, responses: { 200: html('The indicators') },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { plan, root, doc } = await rollupScope(c.env, c.get('principal'), q.plan, q.unit);
    // One report at a time: a schedule and a period (two one-off schedules both have the period ONCE).
    const periods = await planPeriods(c.env.DB, plan.id);
    // Default: the latest report whose deadline has passed, else the first.
    const nowIso = new Date().toISOString();
    const chosen = periods.find((x) => x.schedule_id === q.schedule && x.period === q.period)
      ?? [...periods].reverse().find((x) => x.due <= nowIso) ?? periods[0];
    const rollup = await computeRollup(c.env, plan, chosen?.period ?? '', root, chosen?.schedule_id ?? null);
    const shown = (kind: string, v: number | null) => (v === null ? 'chưa có số liệu' : kind === 'percent' ? formatPercent(v) : formatNumber(v));
    return c.html(
      <section id="indicators">
        <label>Kỳ báo cáo <select name="period">{periods.map((x) => (
          <option value={`${x.schedule_id}|${x.period}`} selected={x === chosen}>{scheduleLabel({ name: x.schedule_name, periodType: x.period_type })} — {periodLabel(x.period)}</option>
        ))}</select></label>
        <p>{rollup.completeness.submitted}/{rollup.completeness.expected} đơn vị đã nộp · {rollup.completeness.onTime} đúng hạn · {rollup.completeness.late} trễ hạn</p>
        {rollup.indicators.filter((i) => i.kind !== 'text').map((ind) => {
          const def = doc.indicators.find((d) => d.code === ind.code);
          const missing = (rollup.children ?? []).filter((ch) => ch.indicators.find((i) => i.code === ind.code)?.met === false);
          return (
            <article class="indicator" data-indicator={ind.code}>
              <h3>{ind.name}</h3>
              <p>
                Tổng hợp: <strong>{shown(ind.kind, ind.value)}</strong>
                {ind.target ? <> · chỉ tiêu {targetLabel(ind.target, ind.kind)} · <span class={ind.met === false ? 'miss' : ''}>{ind.met === null ? '—' : ind.met ? 'Đạt' : 'Không đạt'}</span> · {ind.unitsMeetingTarget}/{ind.unitsReporting} đơn vị đạt</> : null}
                {def?.unit ? ` (${def.unit})` : ''}
              </p>
              {missing.length ? <p class="miss" data-missing={missing.map((m) => m.unit).join(' ')}>Chưa đạt: {missing.map((m) => m.name).join(', ')}</p> : null}
              <Bars
                items={(rollup.children ?? []).map((ch) => { const i = ch.indicators.find((x) => x.code === ind.code)!; return { name: ch.name, value: i.value, met: i.met }; })}
                target={ind.target?.value ?? null}
                percent={ind.kind === 'percent'}
              />
            </article>
          );
        })}
      </section>,
      200,
    );
  },
);

export default app;
