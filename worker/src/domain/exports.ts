import type { RollupNode } from '../../../schemas';
import { targetLabel } from '../../../schemas/labels';

type Cell = string | number | null;
type IndicatorResult = RollupNode['indicators'][number];

const RATE_KINDS = new Set(['percent', 'ratio', 'boolean']);
const NOT_APPLICABLE = 'Không áp dụng';

/** A subtree's answer to one indicator, in its three states: a number, not applicable (every unit said so), no data. */
function answer(ind: IndicatorResult): Cell {
  if (ind.value !== null) return Math.round(ind.value * 100) / 100;
  return ind.unitsReporting === 0 && ind.unitsNotApplicable > 0 ? NOT_APPLICABLE : null;
}

/** Quotes a cell when it holds the separator, a quote or a line break. */
function csvCell(value: Cell, sep: string, decimal: string): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value).replace('.', decimal) : value;
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A roll-up as CSV, UTF-8 with a BOM so Excel and Sheets read the Vietnamese right. An empty cell is "no data", never
 * 0, and "Không áp dụng" is not applicable. `vi` writes ";" between cells and "," as the decimal mark, which Excel
 * under Vietnamese regional settings reads as numbers; the default (",", ".") suits Sheets and everything else.
 */
export function rollupCsv(r: RollupNode, locale: 'default' | 'vi' = 'default'): string {
  const [sep, decimal] = locale === 'vi' ? [';', ','] : [',', '.'];
  const indicators = r.indicators.filter((ind) => ind.kind !== 'text');
  const head: Cell[] = ['Mã đơn vị', 'Đơn vị', 'Kỳ báo cáo', 'Phải nộp', 'Đã nộp', 'Đúng hạn', 'Trễ hạn', 'Bị trả lại', 'Chưa nộp'];
  for (const ind of indicators) {
    head.push(ind.name);
    if (RATE_KINDS.has(ind.kind)) head.push(`${ind.name} – tử số`, `${ind.name} – mẫu số`);
    if (ind.target) head.push(`${ind.name} – đạt chỉ tiêu ${targetLabel(ind.target, ind.kind)}`);
  }
  const line = (n: RollupNode, name: string) => {
    const c = n.completeness;
    const cells: Cell[] = [n.unit, name, n.periodLabel, c.expected, c.submitted, c.onTime, c.late, c.returned, c.missing.length];
    for (const ind of n.indicators) {
      if (ind.kind === 'text') continue;
      cells.push(answer(ind));
      if (RATE_KINDS.has(ind.kind)) cells.push(ind.numerator, ind.denominator);
      if (ind.target) cells.push(ind.met === null ? null : ind.met ? 'Đạt' : 'Không đạt');
    }
    return cells.map((x) => csvCell(x, sep, decimal)).join(sep);
  };
  const rows = [head.map((x) => csvCell(x, sep, decimal)).join(sep), ...(r.children ?? []).map((ch) => line(ch, ch.name)), line(r, `Tổng cộng: ${r.name}`)];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
