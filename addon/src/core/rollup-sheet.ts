/** A roll-up as a sheet: one row per child unit (in the API's order), a totals row, target colours. Pure. */
import type { Obligation, RollupNode } from '../../../schemas';
import { targetLabel } from '../../../schemas/labels';
import { fitName, type Cell } from './report-sheet';

const MET = '#c8e6c9';
const MISSED = '#ffcdd2';
const HEAD = '#e3eaf2';
const NOT_APPLICABLE = 'Không áp dụng';
type Indicator = RollupNode['indicators'][number];

const AGGREGATION_LABEL: Record<Indicator['aggregation'], string> = {
  sum: 'tổng của các đơn vị', avg: 'trung bình của các đơn vị', min: 'giá trị nhỏ nhất trong các đơn vị', max: 'giá trị lớn nhất trong các đơn vị',
  ratio: 'tổng tử số chia tổng mẫu số', share: 'số đơn vị trả lời Có', list: 'danh sách ý kiến',
};
const FIXED = ['Đơn vị', 'Đã nộp / phải nộp', 'Đúng hạn'];
const OUTLIER_NOTE = 'Có số liệu khác nhiều so với các kỳ trước hoặc các đơn vị cùng cấp; cần xem lại.';

const shown = (r: RollupNode) => r.indicators.filter((i) => i.kind !== 'text');

/** A value as a cell: a number stays a number; not applicable says so; no data stays empty (never 0). */
function valueCell(i: Indicator): Cell {
  if (i.value !== null) return Math.round(i.value * 100) / 100;
  return i.unitsNotApplicable > 0 && i.unitsReporting === 0 ? NOT_APPLICABLE : '';
}

function totalNote(i: Indicator): string {
  const parts = [`Cách tính: ${AGGREGATION_LABEL[i.aggregation]}.`, `${i.unitsReporting} đơn vị có số liệu.`];
  if (i.unitsNotApplicable) parts.push(`${i.unitsNotApplicable} đơn vị không áp dụng.`);
  if (i.unitsMeetingTarget !== null && i.target) parts.push(`${i.unitsMeetingTarget} đơn vị đạt mục tiêu.`);
  if (i.outliers) parts.push(`${i.outliers} số liệu cần xem lại (khác nhiều so với thường lệ).`);
  return parts.join(' ');
}

export function rollupGrid(r: RollupNode, context: { planLabel: string; scheduleName: string }) {
  const inds = shown(r);
  const head: Cell[] = [...FIXED, ...inds.map((i) => `${i.name}${i.target ? ` (${targetLabel(i.target, i.kind)})` : ''}`)];
  const width = head.length;
  const blank = () => Array<Cell>(width).fill('');
  const line = (n: RollupNode, name: string): Cell[] => [name, `${n.completeness.submitted}/${n.completeness.expected}`, n.completeness.onTime, ...shown(n).map(valueCell)];
  const colour = (n: RollupNode): (string | null)[] => [null, null, null, ...shown(n).map((i) => (i.met === null ? null : i.met ? MET : MISSED))];
  const children = r.children ?? [];
  const title = blank();
  title[0] = `TỔNG HỢP — ${r.name} — ${r.periodLabel}`;
  const subtitle = blank();
  subtitle[0] = `${context.planLabel} · ${context.scheduleName}`;
  const rows: Cell[][] = [title, subtitle, head, ...children.map((c) => line(c, c.name)), line(r, 'Tổng cộng')];
  const backgrounds = [Array(width).fill(null), Array(width).fill(null), Array(width).fill(HEAD), ...children.map(colour), colour(r)];
  const notes = rows.map(() => Array<string>(width).fill(''));
  inds.forEach((i, k) => {
    notes[2]![FIXED.length + k] = `Cách tính: ${AGGREGATION_LABEL[i.aggregation]}.`;
    notes[rows.length - 1]![FIXED.length + k] = totalNote(i);
  });
  children.forEach((c, row) => shown(c).forEach((i, k) => {
    if (i.outliers) notes[3 + row]![FIXED.length + k] = OUTLIER_NOTE;
  }));
  return { rows, backgrounds, notes, headerRow: 3, firstDataRow: 4, lastDataRow: 3 + children.length, width, firstIndicatorColumn: FIXED.length + 1 };
}

export function rollupSheetName(r: Pick<RollupNode, 'name' | 'periodLabel'>, planNumber: string, scheduleName: string): string {
  return fitName(['Tổng hợp', r.name, planNumber, scheduleName, r.periodLabel]);
}

/** A period the roll-up dialog offers: "Báo cáo quý — Quý III/2026"; schedule and period go back to pullRollup. */
export type PeriodOption = { schedule: string; period: string; label: string };

/** The distinct schedule + period pairs of a plan's obligations, in the API's order (soonest due first). */
export function rollupPeriods(obligations: Obligation[]): PeriodOption[] {
  const seen = new Map<string, PeriodOption>();
  for (const o of obligations) {
    const id = `${o.schedule}|${o.period}`;
    if (!seen.has(id)) seen.set(id, { schedule: o.schedule, period: o.period, label: `${o.scheduleName} — ${o.periodLabel}` });
  }
  return [...seen.values()];
}

export type RollupGrid = ReturnType<typeof rollupGrid>;
