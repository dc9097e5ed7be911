/** @jsxImportSource hono/jsx */
/** Pieces the web app's views share. Pure rendering: data in, HTML out. */
import type { Child } from 'hono/jsx';
import { formatDeadline, formatNumber, formatPercent, timeLeft } from '../../../schemas/labels';
import { obligationStatus, submittedOnTime, type ObligationState } from '../domain/obligations';

/** A matrix cell's status: a submission on time or late, else the obligation's status. */
export const CELL_TEXT: Record<string, string> = {
  ontime: 'Đúng hạn', late: 'Trễ hạn', overdue: 'Quá hạn', open: 'Chưa đến hạn', returned: 'Bị trả lại', accepted: 'Đã tiếp nhận', cancelled: 'Đã hủy',
};

export function cellClass(o: { state: ObligationState; due_at: string; first_submitted_at: string | null }, now: Date): string {
  const s = obligationStatus(o, now);
  if (s === 'submitted') return submittedOnTime(o.first_submitted_at, o.due_at) ? 'ontime' : 'late';
  return s;
}

export const Legend = () => (
  <ul class="legend" aria-label="Chú thích màu">{Object.entries(CELL_TEXT).filter(([k]) => k !== 'cancelled').map(([k, v]) => <li class={`s-${k}`}>{v}</li>)}</ul>
);

/** A hash link inside the web app: the view and its parameters, so reload and sharing keep them. */
export function href(view: string, params: Record<string, string | null | undefined> = {}): string {
  const q = new URLSearchParams({ v: view });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `#${q}`;
}

export const reportHref = (o: { unit_code: string; schedule_id: string; period: string; plan_id?: string }) =>
  href('report', { plan: o.plan_id, unit: o.unit_code, schedule: o.schedule_id, period: o.period });

/** "chậm nhất 23:59 ngày 14/06/2026 · còn 9 giờ", the time left in red once it has passed. */
export function Deadline(props: { due: string; now: Date; tz: string; owed?: boolean }): Child {
  const left = timeLeft(props.due, props.now);
  const past = Date.parse(props.due) <= props.now.getTime();
  return (
    <span class="deadline">
      {formatDeadline(props.due, props.tz)}
      {props.owed === false ? null : <> · <span class={past ? 'late-text' : ''}>{left}</span></>}
    </span>
  );
}

/** An aggregate as a person reads it: "95,8 %" for a percent, "1.234" for a count, "3/5 đơn vị có" for yes/no. */
export function shownValue(ind: { kind: string; value: number | null; numerator?: number | null; denominator?: number | null }, oneUnit = false): string {
  if (ind.value === null) return 'chưa có số liệu';
  if (ind.kind === 'percent') return formatPercent(ind.value);
  if (ind.kind === 'boolean' && oneUnit && ind.denominator === 1) return ind.value ? 'Có' : 'Không';
  if (ind.kind === 'boolean') return `${formatNumber(ind.numerator ?? ind.value)}/${formatNumber(ind.denominator ?? 1)} đơn vị có`;
  return formatNumber(ind.value);
}

/**
 * One bar per unit against the target line, as HTML (the labels keep the page's type size on a phone); units
 * missing the target in red.
 */
export function Bars(props: { items: { name: string; value: number | null; met: boolean | null; shown: string }[]; target: number | null; percent: boolean; label: string }): Child {
  const max = Math.max(props.percent ? 100 : 0, props.target ?? 0, ...props.items.map((i) => i.value ?? 0)) || 1;
  const pct = (x: number) => `${Math.max(0, Math.min(100, (x / max) * 100)).toFixed(2)}%`;
  return (
    <div class="bars" role="list" aria-label={props.label}>
      {props.items.map((it) => (
        <div class="bar-row" role="listitem">
          <span>{it.name}</span>
          <span class="track" aria-hidden="true">
            <span class="fill" style={`width:${pct(it.value ?? 0)}`} data-met={String(it.met)}></span>
            {props.target !== null ? <span class="target" style={`left:${pct(props.target)}`}></span> : null}
          </span>
          {it.value === null
            ? <span class="value none">—<span class="visually-hidden"> {it.shown}</span></span>
            : <span class="value">{it.shown}{it.met === false ? ' · chưa đạt' : ''}</span>}
        </div>
      ))}
    </div>
  );
}
