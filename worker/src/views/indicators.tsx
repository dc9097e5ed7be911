/** @jsxImportSource hono/jsx */
/** Chỉ tiêu: one report of a plan rolled up over a subtree, each indicator against its target, a bar per unit. */
import type { RollupNode } from '../../../schemas';
import { formatNumber, periodLabel, scheduleLabel, targetLabel } from '../../../schemas/labels';
import type { PlanDoc } from '../domain/plans';
import { Bars, shownValue } from './components';

type PeriodRow = { schedule_id: string; schedule_name: string | null; period_type: string; period: string; due: string };

export function IndicatorsView(props: { plan: { id: string }; doc: PlanDoc; root: { code: string; name: string }; periods: PeriodRow[]; chosen: PeriodRow | null; rollup: RollupNode | null }) {
  const { rollup, chosen, doc } = props;
  const title = (x: PeriodRow) => `${scheduleLabel({ name: x.schedule_name, periodType: x.period_type })} — ${periodLabel(x.period)}`;
  const download = (format: 'xlsx' | 'docx') => {
    const q = new URLSearchParams({ plan: props.plan.id, period: chosen!.period, schedule: chosen!.schedule_id, unit: props.root.code, format });
    return `/v1/rollups?${q}`;
  };
  return (
    <section id="indicators">
      <h2>Chỉ tiêu — {props.root.name}</h2>
      {chosen === null || rollup === null ? <p>Kế hoạch này chưa có kỳ báo cáo nào.</p> : (
        <>
          <label>Kỳ báo cáo <select name="period">{props.periods.map((x) => (
            <option value={`${x.schedule_id}|${x.period}`} selected={x === chosen}>{title(x)}</option>
          ))}</select></label>
          <p id="completeness">{rollup.completeness.submitted}/{rollup.completeness.expected} đơn vị đã nộp · {rollup.completeness.onTime} đúng hạn · {rollup.completeness.late} trễ hạn{rollup.completeness.returned ? ` · ${rollup.completeness.returned} bị trả lại` : ''}</p>
          <div class="actions">
            <button type="button" data-action="download" data-url={download('xlsx')} data-name={`Tong hop ${title(chosen)}.xlsx`}>Tải bảng tổng hợp (Excel)</button>
            <button type="button" data-action="download" data-url={download('docx')} data-name={`Bao cao tong hop ${title(chosen)}.docx`}>Tải báo cáo tổng hợp (Word)</button>
          </div>
          {rollup.indicators.map((ind) => {
            const def = doc.indicators.find((d) => d.code === ind.code);
            const children = rollup.children ?? [];
            const missing = children.filter((ch) => ch.indicators.find((i) => i.code === ind.code)?.met === false);
            if (ind.kind === 'text') {
              return (
                <article class="card indicator" data-indicator={ind.code}>
                  <h3>{ind.name}</h3>
                  {(ind.texts ?? []).length === 0 ? <p class="muted">Chưa có nội dung.</p> : (
                    <ul>{(ind.texts ?? []).map((x) => <li><strong>{children.find((ch) => ch.unit === x.unit)?.name ?? rollup.name}:</strong> {x.text}</li>)}</ul>
                  )}
                </article>
              );
            }
            return (
              <article class="card indicator" data-indicator={ind.code}>
                <h3>{ind.name}</h3>
                <p>
                  Tổng hợp: <strong>{shownValue(ind)}</strong>
                  {ind.value === null ? '' : ind.kind === 'percent' && ind.denominator ? ` (${formatNumber(ind.numerator ?? 0)}/${formatNumber(ind.denominator)}${def?.unit ? ` ${def.unit}` : ''})` : def?.unit && ind.kind !== 'boolean' ? ` ${def.unit}` : ''}
                  {ind.target ? <> · chỉ tiêu {targetLabel(ind.target, ind.kind, def?.unit)} · <span class={ind.met === false ? 'miss' : ind.met ? 'met' : ''}>{ind.met === null ? 'chưa đánh giá' : ind.met ? 'Đạt' : 'Không đạt'}</span> · {ind.unitsMeetingTarget ?? 0}/{ind.unitsReporting} đơn vị đạt</> : null}
                  {ind.unitsNotApplicable ? ` · ${ind.unitsNotApplicable} đơn vị không áp dụng` : ''}
                  {ind.outliers ? <> · <span class="warning">{ind.outliers} số liệu bất thường</span></> : null}
                </p>
                {missing.length ? <p class="miss" data-missing={missing.map((m) => m.unit).join(' ')}>Chưa đạt: {missing.map((m) => m.name).join(', ')}</p> : null}
                {children.length ? (
                  <Bars
                    label={`${ind.name} theo đơn vị`}
                    items={children.map((ch) => {
                      const i = ch.indicators.find((x) => x.code === ind.code)!;
                      return { name: ch.name, value: ind.kind === 'boolean' ? (i.denominator ? (100 * (i.numerator ?? 0)) / i.denominator : null) : i.value, met: i.met, shown: shownValue(i, true) };
                    })}
                    target={ind.kind === 'boolean' ? null : ind.target?.value ?? null}
                    percent={ind.kind === 'percent' || ind.kind === 'boolean'}
                  />
                ) : null}
              </article>
            );
          })}
        </>
      )}
    </section>
  );
}
