/** @jsxImportSource hono/jsx */
/** Chấm điểm: the ranking for one period with each criterion's points and the maximum, and the form to score a unit below. */
import type { Criterion } from '../../../schemas';
import { formatNumber, periodLabel } from '../../../schemas/labels';
import type { UnitScore } from '../domain/scores';
import { unitOrder } from './words';

export function ScoresView(props: {
  plan: { id: string; status: string }; rootName: string; criteria: Criterion[]; max: number; period: string; periods: string[];
  ranking: UnitScore[]; scorable: { code: string; name: string; level: string }[];
}) {
  const { criteria, ranking } = props;
  if (criteria.length === 0) return <section id="scores"><h2>Chấm điểm</h2><p>Kế hoạch này không có tiêu chí chấm điểm.</p></section>;
  const pointsOf = (u: UnitScore, code: string) => u.criteria.find((c) => c.code === code)?.points;
  return (
    <section id="scores">
      <h2>Chấm điểm — {props.rootName}</h2>
      <label class="inline">Kỳ chấm điểm{' '}
        <select name="score-period">{props.periods.map((p) => <option value={p} selected={p === props.period}>{periodLabel(p)}</option>)}</select>
      </label>
      <p class="muted">{criteria.length} tiêu chí, tối đa {formatNumber(props.max)} điểm.</p>
      {ranking.length === 0 ? <p>Chưa có đơn vị nào được chấm điểm trong kỳ này.</p> : (
        <div class="scroll" tabindex={0} role="region" aria-label="Bảng xếp hạng">
          <table class="sticky" id="ranking">
            <thead>
              <tr>
                <th scope="col">Đơn vị</th><th scope="col" class="num">Hạng</th>
                {criteria.map((c) => <th scope="col">{c.name}<br /><small>tối đa {formatNumber(c.maxPoints)}</small></th>)}
                <th scope="col" class="num">Tổng điểm</th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((u) => (
                <tr data-unit={u.unit} data-points={JSON.stringify(Object.fromEntries(u.criteria.map((c) => [c.code, c.points])))}>
                  <th scope="row">{u.name}</th>
                  <td class="num">{u.rank}</td>
                  {criteria.map((c) => { const x = pointsOf(u, c.code); return <td class="num">{x === undefined ? '—' : formatNumber(x)}</td>; })}
                  <td class="num"><strong>{formatNumber(u.total)}/{formatNumber(u.max)}</strong></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.scorable.length ? (
        <form class="card" id="score-form" data-plan={props.plan.id} data-period={props.period}>
          <h3>Chấm điểm cho đơn vị — {periodLabel(props.period)}</h3>
          <label>Đơn vị{' '}
            <select name="unit">{[...props.scorable].sort(unitOrder).map((u) => <option value={u.code}>{u.name}</option>)}</select>
          </label>
          <div class="grid two">
            {criteria.map((c, i) => (
              <label data-path={`criteria[${i}].points`}>{c.name} (tối đa {formatNumber(c.maxPoints)} điểm)
                <input type="number" name={c.code} min="0" max={String(c.maxPoints)} step="any" inputmode="decimal" required />
              </label>
            ))}
          </div>
          <div class="actions"><button type="button" class="primary" data-action="save-score">Lưu điểm</button></div>
        </form>
      ) : null}
    </section>
  );
}
