/** @jsxImportSource hono/jsx */
/** Pieces the web app's views share. Pure rendering: data in, HTML out. */
import type { Child } from 'hono/jsx';
import { formatNumber } from '../../../schemas/labels';
import { obligationStatus, submittedOnTime, type ObligationState } from '../domain/obligations';

export const CELL_TEXT: Record<string, string> = { ontime: 'Đúng hạn', late: 'Trễ hạn', overdue: 'Quá hạn', open: 'Chưa đến hạn', returned: 'Bị trả lại', accepted: 'Đã tiếp nhận' };

/** A matrix cell's class: a submission on time or late, else the obligation's status. */
export function cellClass(o: { state: ObligationState; due_at: string; first_submitted_at: string | null }, now: Date): string {
  const s = obligationStatus(o, now);
  if (s === 'submitted') return submittedOnTime(o.first_submitted_at, o.due_at) ? 'ontime' : 'late';
  return s;
}

export const Legend = () => (
  <p class="legend">{Object.entries(CELL_TEXT).map(([k, v]) => <span class={k}>{v}</span>)}</p>
);

/** One horizontal bar per child unit against the target line; units missing the target in red. */
export function Bars(props: { items: { name: string; value: number | null; met: boolean | null }[]; target: number | null; percent: boolean }): Child {
  const max = Math.max(props.percent ? 100 : 0, props.target ?? 0, ...props.items.map((i) => i.value ?? 0)) || 1;
  const w = 320;
  const rowH = 18;
  const height = props.items.length * rowH + 20;
  return (
    <svg width="100%" viewBox={`0 0 ${w + 180} ${height}`} role="img" aria-label="Biểu đồ theo đơn vị">
      {props.items.map((it, i) => {
        const len = ((it.value ?? 0) / max) * w;
        return (
          <g>
            <text x="0" y={i * rowH + 13} font-size="11">{it.name}</text>
            <rect x="150" y={i * rowH + 3} width={len} height={rowH - 6} fill={it.met === false ? '#c62828' : '#2e7d32'} data-met={String(it.met)} />
            <text x={155 + len} y={i * rowH + 13} font-size="11">{it.value === null ? 'không có số liệu' : formatNumber(it.value, 1)}</text>
          </g>
        );
      })}
      {props.target !== null ? <line x1={150 + (props.target / max) * w} x2={150 + (props.target / max) * w} y1="0" y2={height - 10} stroke="#0b4f8a" stroke-dasharray="4 2" /> : null}
    </svg>
  );
}
