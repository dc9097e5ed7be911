/** @jsxImportSource hono/jsx */
/**
 * Lịch: what a subtree still owes, grouped (overdue, returned, due soon, later) and ordered by deadline — the most
 * recent overdue first and old overdue folded behind a count, so a plan from 2020 never buries this month's work.
 */
import { compareUnitNames, formatDate, formatNumber, localDate, periodLabel, scheduleLabel } from '../../../schemas/labels';
import type { ObligationLine as ObligationRow } from './types';
import { Deadline, reportHref } from './components';

type Slice = { rows: ObligationRow[]; total: number };
type PeriodRow = { schedule_id: string; schedule_name: string | null; period_type: string; period: string };

/** One report (plan, schedule, period) with its deadline, and the units that owe it, each a link to its report. */
function Items(props: { slice: Slice; cls: string; status: string; now: Date; tz: string; plans: Map<string, string>; names: Map<string, string>; showPlan: boolean }) {
  const groups = new Map<string, ObligationRow[]>();
  for (const o of props.slice.rows) {
    const k = `${o.plan_id}|${o.schedule_id}|${o.period}`;
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  return (
    <>
      <ul class={`items ${props.cls}`}>
        {[...groups.values()].map((rows) => {
          const o = rows[0]!;
          const name = (u: ObligationRow) => props.names.get(u.unit_code) ?? u.unit_name;
          const units = [...rows].sort((a, b) => compareUnitNames(name(a), name(b)));
          return (
            <li class={props.status} data-period={o.period} data-schedule={o.schedule_id}>
              <strong>{scheduleLabel({ name: o.schedule_name, periodType: o.period_type })} — {periodLabel(o.period)}</strong>
              {props.showPlan ? <small> · Kế hoạch {props.plans.get(o.plan_id) ?? ''}</small> : null}<br />
              <Deadline due={o.due_at} now={props.now} tz={props.tz} /> · {units.length} đơn vị
              {props.status === 'returned' ? (
                <ul class="plain-list">{units.map((u) => (
                  <li><a href={reportHref(u)} data-unit={u.unit_code}>{name(u)}</a>{u.return_reason ? <>: <span>{u.return_reason}</span></> : null}</li>
                ))}</ul>
              ) : (
                <ul class="units-inline" aria-label="Đơn vị">{units.map((u) => <li><a href={reportHref(u)} data-unit={u.unit_code}>{name(u)}</a></li>)}</ul>
              )}
            </li>
          );
        })}
      </ul>
      {props.slice.total > props.slice.rows.length ? <p class="muted">… và {formatNumber(props.slice.total - props.slice.rows.length)} kỳ báo cáo khác của các đơn vị.</p> : null}
    </>
  );
}

export function CalendarView(props: {
  rootName: string; plan: string | null; period: string | null; periods: PeriodRow[]; recentFrom: Date; soonDays: number;
  overdue: Slice; older: Slice; returned: Slice; soon: Slice; later: Slice; plans: Map<string, string>; names: Map<string, string>; now: Date; tz: string;
}) {
  const common = { now: props.now, tz: props.tz, plans: props.plans, names: props.names, showPlan: props.plan === null };
  const empty = [props.overdue, props.older, props.returned, props.soon, props.later].every((s) => s.total === 0);
  return (
    <section id="calendar">
      <h2>Lịch báo cáo — {props.rootName}</h2>
      <div class="row">
        <label class="inline">Kỳ báo cáo{' '}
          <select name="cal-period">
            <option value="">Mọi kỳ</option>
            {[...new Map(props.periods.map((x) => [x.period, x])).values()].map((x) => (
              <option value={x.period} selected={x.period === props.period}>{periodLabel(x.period)}</option>
            ))}
          </select>
        </label>
        <label class="switch"><input type="checkbox" name="all-plans" checked={props.plan === null} /> Mọi kế hoạch</label>
      </div>
      {empty ? <p>Không còn kỳ báo cáo nào phải theo dõi.</p> : null}
      <h3>Quá hạn ({formatNumber(props.overdue.total + props.older.total)})</h3>
      <Items slice={props.overdue} cls="overdue-list" status="overdue" {...common} />
      {props.older.total ? (
        <details id="older-overdue">
          <summary>Quá hạn từ trước ngày {formatDate(localDate(props.recentFrom, props.tz))}: {formatNumber(props.older.total)} kỳ báo cáo</summary>
          <Items slice={props.older} cls="older-list" status="overdue" {...common} />
        </details>
      ) : null}
      <h3>Bị trả lại, phải nộp lại ({formatNumber(props.returned.total)})</h3>
      <Items slice={props.returned} cls="returned-list" status="returned" {...common} />
      <h3>Sắp đến hạn — trong {props.soonDays} ngày tới ({formatNumber(props.soon.total)})</h3>
      <Items slice={props.soon} cls="open-list" status="open" {...common} />
      <h3>Sau này ({formatNumber(props.later.total)})</h3>
      <Items slice={props.later} cls="later-list" status="open" {...common} />
    </section>
  );
}
