/** A roll-up as a sheet: one row per child unit, a totals row, cells coloured by target met. Pure. */
import type { RollupNode } from '../../../schemas';
import type { Cell } from './report-sheet';

export const MET = '#c8e6c9';
export const MISSED = '#ffcdd2';

export function rollupGrid(r: RollupNode, planLabel: string) {
  const inds = r.indicators.filter((i) => i.kind !== 'text');
  const head: Cell[] = ['Mã đơn vị', 'Đơn vị', 'Đã nộp / phải nộp', 'Đúng hạn', ...inds.map((i) => `${i.name}${i.target ? ` (${i.target.op} ${i.target.value})` : ''}`)];
  const width = head.length;
  const line = (n: RollupNode, code: string, name: string): Cell[] => [
    code, name, `${n.completeness.submitted}/${n.completeness.expected}`, n.completeness.onTime,
    ...n.indicators.filter((i) => i.kind !== 'text').map((i) => (i.value === null ? '' : Math.round(i.value * 100) / 100)),
  ];
  const colour = (n: RollupNode): (string | null)[] => [null, null, null, null, ...n.indicators.filter((i) => i.kind !== 'text').map((i) => (i.met === null ? null : i.met ? MET : MISSED))];
  const children = r.children ?? [];
  const rows: Cell[][] = [
    [`TỔNG HỢP — ${r.name} — kỳ ${r.period}`, ...Array(width - 1).fill('')],
    [planLabel, ...Array(width - 1).fill('')],
    head,
    ...children.map((c) => line(c, c.unit, c.name)),
    line(r, r.unit, 'Tổng cộng'),
  ];
  const backgrounds = [Array(width).fill(null), Array(width).fill(null), Array(width).fill('#e3eaf2'), ...children.map(colour), colour(r)];
  return { rows, backgrounds, headerRow: 3, firstDataRow: 4, lastDataRow: 3 + children.length, width };
}
